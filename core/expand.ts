/**
 * One state's expansion, as both explorers do it — the sequential one (core/explore.ts) and each worker
 * of the parallel one (core/explore-worker.ts): deadlock and quiescence properties on the state, then
 * every event to explore from it (all enabled ones, or one local event under partial-order reduction),
 * each stepped and checked.
 *
 * An event is remembered by its index in `eventsToExplore(state)`, not as an object: the model is pure,
 * so replaying the indices from the initial state gives the events back (`eventsAlong`). A state's trail
 * entry is then a parent number and a 16-bit index instead of a reference to an event object of its own.
 */
import { deepFreeze } from "./freeze.ts";
import { InputError, ModelError, type Model } from "./model.ts";
import { checkQuiescent, checkStep, deadlock, exceptionViolation, stepViolation } from "./run-trace.ts";
import { StepViolation, type Spec, type Violation } from "./spec.ts";

/** The events explored from `state`: every enabled one, or under reduction one local event where one is enabled (Model.local). */
export function eventsToExplore<S, E, C>(model: Model<S, E, C>, state: S, config: C, reduce: boolean): readonly E[] {
  const enabled = model.enabled(state, config);
  if (!reduce || enabled.length < 2) return enabled;
  const alone = enabled.find((e) => model.local!(state, e, config));
  return alone === undefined ? enabled : [alone];
}

/**
 * The events the indices stand for, and the state they lead to, replayed from the initial state. With
 * `stepLast` false the last event is not stepped (its step may be the one that breaks a property by
 * throwing), and `state` is the one before it.
 */
export function replayIndices<S, E, C>(model: Model<S, E, C>, config: C, reduce: boolean, indices: ArrayLike<number>, stepLast: boolean): { events: E[]; state: S } {
  const events: E[] = [];
  let state = model.init(config);
  for (let at = 0; at < indices.length; at++) {
    const i = indices[at]!;
    const event = eventsToExplore(model, state, config, reduce)[i];
    if (event === undefined) throw new Error(`replaying an explored path: no event ${i} in state after ${events.length} events (the model is not deterministic)`);
    events.push(event);
    if (stepLast || at < indices.length - 1) state = model.step(state, event, config);
  }
  return { events, state };
}

/** The events the indices stand for (a counterexample's path). */
export const eventsAlong = <S, E, C>(model: Model<S, E, C>, config: C, reduce: boolean, indices: readonly number[]): E[] =>
  replayIndices(model, config, reduce, indices, false).events;

/** A violation found expanding a state: on the state itself, or on the transition by `eventIndex`. */
export interface FoundViolation {
  readonly violation: Violation;
  /** The index of the event whose transition broke a property; undefined for a property of the state. */
  readonly eventIndex?: number;
}

/** Events per state that an index can name (a trail stores it in 16 bits). */
export const MAX_EVENTS_PER_STATE = 0xffff;

export class Expander<S, E, C> {
  transitions = 0;
  /** States at the depth bound that had events left unexplored. */
  cutAtDepth = 0;
  readonly reduce: boolean;

  constructor(
    readonly model: Model<S, E, C>,
    readonly config: C,
    readonly specs: readonly Spec<S, E, C>[],
    reduce: boolean,
    readonly freeze: boolean,
    readonly maxDepth: number,
  ) {
    this.reduce = reduce && model.local !== undefined;
  }

  /** Deadlock and quiescence properties of `state` (`depth` events from the start). */
  checkState(state: S, depth: number, events: readonly E[]): Violation | null {
    const { model, config, specs } = this;
    const quiet = model.quiescent(state, config);
    if (events.length === 0 && !quiet) return deadlock(model, state, config, depth);
    return quiet ? checkQuiescent(specs, state, config, depth) : null;
  }

  /**
   * Expands `state`: `visit(next, index)` for each successor that breaks nothing, in event order; false
   * from it stops the expansion (a limit reached). Returns the first violation, "stopped", or "done".
   */
  expand(state: S, depth: number, visit: (next: S, index: number) => boolean): FoundViolation | "stopped" | "done" {
    const { model, config, specs } = this;
    const events = eventsToExplore(model, state, config, this.reduce);
    if (events.length > MAX_EVENTS_PER_STATE) throw new ModelError(`${model.name}: ${events.length} events enabled in one state; the explorer takes at most ${MAX_EVENTS_PER_STATE}`);
    const own = this.checkState(state, depth, events);
    if (own) return { violation: own };
    if (depth >= this.maxDepth) {
      if (events.length > 0) this.cutAtDepth++;
      return "done";
    }
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      this.transitions++;
      let next: S;
      try {
        next = model.step(state, event, config);
        if (this.freeze) deepFreeze(next);
      } catch (e) {
        if (e instanceof ModelError || e instanceof InputError) throw e;
        if (e instanceof StepViolation) return { violation: stepViolation(e, depth + 1), eventIndex: i };
        return { violation: exceptionViolation(e, depth + 1), eventIndex: i };
      }
      const v = checkStep(specs, state, event, next, config, depth + 1);
      if (v) return { violation: v, eventIndex: i };
      if (!visit(next, i)) return "stopped";
    }
    return "done";
  }
}
