/**
 * Config fields with what `nfcheck list` shows of them: a one-line description and, for an optional field,
 * the model's default (effect's `description` and `default` annotations, read back by core/system.ts).
 */
import { Schema } from "effect";

/** A required field. */
export const field = <A, I>(schema: Schema.Schema<A, I>, description: string) => schema.annotations({ description });

/** An optional field (absent, never undefined) and the value the model takes when it is absent. */
export const optionalField = <A, I>(schema: Schema.Schema<A, I>, description: string, fallback?: A) =>
  Schema.optionalWith(schema, { exact: true }).annotations({ description, ...(fallback !== undefined ? { default: fallback } : {}) });
