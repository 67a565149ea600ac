/**
 * What the engine needs to know about a model to replay its traces and check it from the command line:
 * how to read its config and events from JSON, which specs judge it, and how to show a trace to a person.
 */
import type { Schema } from "effect";
import type { Model } from "./model.ts";
import type { Spec } from "./spec.ts";

/** A table for people: column headings and rows of already formatted cells. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ModelEntry<S, E, C, J> {
  readonly model: Model<S, E, C>;
  /** One line: what the model is. */
  readonly summary: string;
  /** The config as it appears in a counterexample file. */
  readonly configSchema: Schema.Schema<J, any>;
  readonly eventSchema: Schema.Schema<E, any>;
  /** Turns the JSON config into the model's config (may load a user's design module). */
  resolveConfig(json: J, where: { readonly baseDir: string }): Promise<C>;
  specs(config: C): readonly Spec<S, E, C>[];
  /** Properties the model raises from inside a step (StepViolation) rather than through a spec. */
  readonly stepProperties?: readonly string[];
  /** Shows a trace step by step (the design checker and replay print it). */
  explain?(config: C, events: readonly E[]): Table;
}

// The registry holds entries of every state, event and config type; callers only pass them back in.
export type AnyModelEntry = ModelEntry<any, any, any, any>;
