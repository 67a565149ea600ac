/**
 * The counterexample file (ARCHITECTURE §3). The envelope is validated here; the model's registry entry
 * validates `config` and `events` in the model's own terms when the file is replayed.
 */
import { Schema } from "effect";

export const COUNTEREXAMPLE_SCHEMA = "nfcheck/counterexample@1";

export const CounterexampleFile = Schema.Struct({
  schema: Schema.Literal(COUNTEREXAMPLE_SCHEMA),
  model: Schema.String.pipe(Schema.minLength(1)),
  /**
   * A user's system (`nfcheck check`): the path of its module, relative to this file, which replay loads
   * instead of a built-in model of the registry; `model` is then the system's name.
   */
  module: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1)), { exact: true }),
  config: Schema.Unknown,
  property: Schema.String.pipe(Schema.minLength(1)),
  found: Schema.Literal("explore", "random", "hand"),
  /** fast-check seed and path of a random find: with them the original run and its shrinking replay. */
  seed: Schema.optionalWith(Schema.Int, { exact: true }),
  path: Schema.optionalWith(Schema.String, { exact: true }),
  /** "violation": a design boundary or a mutant that must keep failing; "pass": a regression. */
  expect: Schema.Literal("violation", "pass"),
  events: Schema.Array(Schema.Unknown),
  /** The violation's message, as the run printed it; replay must reproduce it word for word. */
  violation: Schema.optionalWith(Schema.String, { exact: true }),
  /** A sentence for the reader: what this trace shows. */
  note: Schema.optionalWith(Schema.String, { exact: true }),
  /**
   * A random find not (fully) shrunk: "no" when saved before shrinking started, "partly" when the time
   * budget or Ctrl-C ended shrinking. Absent: shrunk as far as the shrinkers go (or found by exploration).
   */
  shrunk: Schema.optionalWith(Schema.Literal("no", "partly"), { exact: true }),
});

export type Counterexample = Schema.Schema.Type<typeof CounterexampleFile>;

/** A counterexample of an unexpected violation, as a run found it. */
export function makeCounterexample(o: {
  readonly model: string;
  /** A user system's module, relative to the file's directory. */
  readonly module?: string;
  readonly config: unknown;
  readonly violation: { readonly property: string; readonly message: string };
  readonly events: readonly unknown[];
  readonly found: "random" | "explore";
  readonly seed?: number;
  readonly path?: string;
  readonly note?: string;
  readonly shrunk?: "no" | "partly";
}): Counterexample {
  return {
    schema: COUNTEREXAMPLE_SCHEMA, model: o.model, ...(o.module !== undefined ? { module: o.module } : {}), config: o.config, property: o.violation.property, found: o.found,
    ...(o.seed !== undefined ? { seed: o.seed } : {}), ...(o.path !== undefined ? { path: o.path } : {}),
    expect: "violation", violation: o.violation.message, ...(o.note !== undefined ? { note: o.note } : {}),
    ...(o.shrunk !== undefined ? { shrunk: o.shrunk } : {}), events: [...o.events],
  };
}
