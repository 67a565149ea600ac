/**
 * The Model contract (ARCHITECTURE §3): a deterministic labelled transition system.
 * Events are plain JSON values, so a trace is just `E[]` that can be saved, replayed and printed.
 */
import type * as fc from "fast-check";
import type { KeyWriter } from "./key-writer.ts";

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
  /**
   * Partial-order reduction (the explorer expands such an event alone when one is enabled). Return true
   * only for an event that (1) nothing another process does can disable, enable or reorder — it commutes
   * with every event of every other process, now and until it runs —, (2) changes nothing any spec reads
   * before the run ends, and (3) cannot be part of a cycle. Then every end state, every deadlock and every
   * sequence of a process's own steps stays reachable, so verdicts are unchanged; shortest counterexamples
   * of end-of-run properties keep their length (equivalent runs have equal length).
   */
  local?(state: S, event: E, config: C): boolean;
  /** Who waits for what in a deadlocked state (added to the deadlock's message). */
  explainDeadlock?(state: S, config: C): string;
  /** Canonical state key for the explorer (default: `canonicalKey` of the state). */
  key?(state: S): string;
  /**
   * The same key written as 16-bit units (core/key-writer.ts); when a model has it, the explorer stores
   * keys in a StateSet and never makes strings of them. Equal states must write equal units. A key may
   * leave out what neither a step nor a spec can tell apart under `config`.
   */
  writeKey?(state: S, w: KeyWriter, config: C): void;
}

/** An event applied where the model does not allow it (a bad trace, not a property violation). */
export class ModelError extends Error {
  override readonly name = "ModelError";
}

/** Bad input from a user: a file, a module, an option. The CLI turns it into exit code 2. */
export class InputError extends Error {
  override readonly name = "InputError";
}

/**
 * A user's design broke its contract at run time — a function returned something of the wrong shape. That
 * is bad input, like a module that does not load (exit 2, one line naming the function and what it
 * returned), not a property of the design to shrink a counterexample for.
 */
export class ContractError extends InputError {}

/**
 * A user's function threw. The runners report it as a violation of `no-exception` (core/spec.ts) with this
 * message, which names the function: "process() threw Error: …".
 */
export class DesignThrew extends Error {
  override readonly name = "DesignThrew";
  constructor(fn: string, cause: unknown) {
    super(`${fn} threw ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
  }
}

/** Calls a user's function `fn` ("process()"); what it throws comes out as a DesignThrew that names it. */
export function namedCall<T>(fn: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw new DesignThrew(fn, e);
  }
}
