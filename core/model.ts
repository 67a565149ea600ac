/**
 * The Model contract (ARCHITECTURE §3): a deterministic labelled transition system.
 * Events are plain JSON values, so a trace is just `E[]` that can be saved, replayed and printed.
 */
import type * as fc from "fast-check";

export interface Model<S, E, C> {
  /** Registry name, e.g. "scr" or "scr.recovery". */
  readonly name: string;
  init(config: C): S;
  /** Every event possible now (for exhaustive exploration). */
  enabled(state: S, config: C): readonly E[];
  /** Pure; throws ModelError on an event that is not enabled. */
  step(state: S, event: E, config: C): S;
  /** Generator for random runs (may be smarter than `enabled`). */
  arbitraryEvents?(config: C): fc.Arbitrary<E[]>;
  /** Nothing left to do: end-of-run properties are checked here. */
  quiescent(state: S, config: C): boolean;
  /** Who waits for what in a deadlocked state (added to the deadlock's message). */
  explainDeadlock?(state: S, config: C): string;
  /** Canonical state key for the explorer (default: `canonicalKey` of the state). */
  key?(state: S): string;
}

/** An event applied where the model does not allow it (a bad trace, not a property violation). */
export class ModelError extends Error {
  override readonly name = "ModelError";
}

/** Bad input from a user: a file, a module, an option. The CLI turns it into exit code 2. */
export class InputError extends Error {
  override readonly name = "InputError";
}
