/**
 * The one deterministic executor of a trace: used by the random runner, by replay and to confirm what the
 * explorer found. It checks every spec at the point where it applies and stops at the first violation.
 */
import { deepFreeze, freezeRequested, frozenCopy } from "./freeze.ts";
import { DesignThrew, InputError, ModelError, type Model } from "./model.ts";
import { DEADLOCK, NO_EXCEPTION, StepViolation, type Spec, type Violation } from "./spec.ts";

export interface TraceOutcome<S> {
  readonly violation: Violation | null;
  /** The last state reached (the state in which the violation shows, if any). */
  readonly final: S;
  /** Events applied, including the one that broke a property. */
  readonly applied: number;
}

/**
 * The first spec of `kind` that `check` finds broken, as a violation. A spec may call a user's function
 * again (sufficiency calls fastForward): if that throws, it is the design's exception, not the spec's.
 */
function firstBroken<S, E, C, K extends Spec<S, E, C>["kind"]>(
  specs: readonly Spec<S, E, C>[], kind: K, afterEvents: number, check: (spec: Extract<Spec<S, E, C>, { kind: K }>) => string | null,
): Violation | null {
  for (const spec of specs) {
    if (spec.kind !== kind) continue;
    let message: string | null;
    try {
      message = check(spec as Extract<Spec<S, E, C>, { kind: K }>);
    } catch (e) {
      if (e instanceof DesignThrew) return exceptionViolation(e, afterEvents);
      throw e;
    }
    if (message !== null) return { property: spec.name, message, afterEvents };
  }
  return null;
}

export function checkState<S, E, C>(specs: readonly Spec<S, E, C>[], state: S, config: C, afterEvents: number): Violation | null {
  return firstBroken(specs, "invariant", afterEvents, (s) => s.check(state, config));
}

export function checkStep<S, E, C>(
  specs: readonly Spec<S, E, C>[], before: S, event: E, after: S, config: C, afterEvents: number,
): Violation | null {
  return firstBroken(specs, "step", afterEvents, (s) => s.check(before, event, after, config)) ?? checkState(specs, after, config, afterEvents);
}

export function checkQuiescent<S, E, C>(specs: readonly Spec<S, E, C>[], state: S, config: C, afterEvents: number): Violation | null {
  return firstBroken(specs, "quiescent", afterEvents, (s) => s.check(state, config));
}

/** Watches a run step by step (coverage: what a run exercised). */
export interface StepObserver<S, E, C> {
  step(before: S, event: E, after: S, config: C): void;
  /** The run ended (at its last event, or where it broke). */
  end(final: S, config: C): void;
}

/**
 * Runs `events` from the initial state. A ModelError (an event the model does not allow here) propagates:
 * the trace itself is wrong. Any other exception from a step, such as a user's program throwing, is a
 * violation of `no-exception` at that event. `init` is not guarded: a model that cannot start is an error.
 * A trace that ends in a non-quiescent state with no enabled event ends in a deadlock. An InputError (a
 * user's design that breaks its contract: bad input, not a property) propagates too.
 */
export function runTrace<S, E, C>(
  model: Model<S, E, C>, config: C, specs: readonly Spec<S, E, C>[], events: readonly E[], observer?: StepObserver<S, E, C>,
): TraceOutcome<S> {
  const out = run(model, config, specs, events, observer, freezeRequested());
  observer?.end(out.final, config);
  return out;
}

function run<S, E, C>(
  model: Model<S, E, C>, config: C, specs: readonly Spec<S, E, C>[], events: readonly E[], observer: StepObserver<S, E, C> | undefined, freeze: boolean,
): TraceOutcome<S> {
  // Freeze mode (core/freeze.ts): a step that writes into its input throws, a no-exception violation.
  let current = model.init(config);
  if (freeze) deepFreeze(current);
  const initial = checkState(specs, current, config, 0);
  if (initial) return { violation: initial, final: current, applied: 0 };
  for (let i = 0; i < events.length; i++) {
    // Frozen, the step gets a frozen copy of the event: a state may hold its event (or a part of it), and
    // the trace's own events must stay as they are for whoever made them (fast-check cannot shrink a
    // frozen value).
    const event = freeze ? frozenCopy(events[i] as E) : events[i] as E;
    const next = guard(() => (freeze ? deepFreeze(model.step(current, event, config)) : model.step(current, event, config)), i + 1, model.name);
    if ("violation" in next) return { violation: next.violation, final: current, applied: i + 1 };
    observer?.step(current, event, next.value, config);
    const v = checkStep(specs, current, event, next.value, config, i + 1);
    current = next.value;
    if (v) return { violation: v, final: current, applied: i + 1 };
  }
  if (model.quiescent(current, config)) {
    const q = checkQuiescent(specs, current, config, events.length);
    if (q) return { violation: q, final: current, applied: events.length };
  } else if (model.enabled(current, config).length === 0) {
    return { violation: deadlock(model, current, config, events.length), final: current, applied: events.length };
  }
  return { violation: null, final: current, applied: events.length };
}

function guard<T>(f: () => T, afterEvents: number, model: string): { value: T } | { violation: Violation } {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof ModelError) throw new ModelError(`${model}: event #${afterEvents} is not possible here: ${e.message}`);
    if (e instanceof InputError) throw e;
    if (e instanceof StepViolation) return { violation: stepViolation(e, afterEvents) };
    return { violation: exceptionViolation(e, afterEvents) };
  }
}

/** An exception thrown by a step (a user's function, or a model's own code) as a `no-exception` violation. */
export function exceptionViolation(e: unknown, afterEvents: number): Violation {
  const what = e instanceof DesignThrew ? e.message : `threw ${describeError(e)}`;
  return { property: NO_EXCEPTION, message: `${what} (in event #${afterEvents})`, afterEvents };
}

/** A violation raised inside a step, with the event it happened in. */
export function stepViolation(e: StepViolation, afterEvents: number): Violation {
  return { property: e.property, message: `${e.message} (in event #${afterEvents})`, afterEvents };
}

/** A deadlock in `state`, with the model's own account of who waits for what when it gives one. */
export function deadlock<S, E, C>(model: Model<S, E, C>, state: S, config: C, afterEvents: number): Violation {
  const why = model.explainDeadlock?.(state, config);
  return { property: DEADLOCK, message: `deadlock: a non-quiescent state with no enabled event${why ? `: ${why}` : ""}`, afterEvents };
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
