/**
 * What must hold (ARCHITECTURE §3). A check returns null when it holds, or a sentence saying what broke,
 * in the model's own terms. Specs are written once, separately from the algorithm they judge.
 */

/** Checked on every reachable state. */
export interface Invariant<S, C> {
  readonly kind: "invariant";
  readonly name: string;
  check(state: S, config: C): string | null;
}

/** Checked on every transition: the state before, the event, the state after. */
export interface StepProperty<S, E, C> {
  readonly kind: "step";
  readonly name: string;
  check(before: S, event: E, after: S, config: C): string | null;
}

/** Checked on a whole run that ends quiescent (atomicity, eventual consistency, stream equivalence). */
export interface QuiescenceProperty<S, C> {
  readonly kind: "quiescent";
  readonly name: string;
  check(final: S, config: C): string | null;
}

export type Spec<S, E, C> = Invariant<S, C> | StepProperty<S, E, C> | QuiescenceProperty<S, C>;

/** Where a run broke: which property, what it says, and after how many events (0 = the initial state). */
export interface Violation {
  readonly property: string;
  readonly message: string;
  readonly afterEvents: number;
}

/** Name of the built-in liveness check of the explorer: a non-quiescent state with no enabled event. */
export const DEADLOCK = "no-deadlock";
/** Name under which an exception thrown by a model step (e.g. by a user's program) is reported. */
export const NO_EXCEPTION = "no-exception";

/**
 * Thrown from inside a model step when a property can only be seen during the step itself (for instance,
 * that a user's function mutated its input). The runners report it as a violation of `property`.
 */
export class StepViolation extends Error {
  override readonly name = "StepViolation";
  constructor(readonly property: string, message: string) {
    super(message);
  }
}
