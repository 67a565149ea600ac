/**
 * The random runner (ARCHITECTURE §3): fast-check generates traces from a seed, every trace runs through
 * `runTrace`, and a failing trace is shrunk. The result carries the seed and the path of fast-check's
 * failing run, and the shrunk events themselves, which replay without fast-check.
 *
 * Shrinking has a time budget and can be stopped with Ctrl-C: the first failing trace is handed to
 * `onFound` before shrinking starts (so it can be saved and printed at once), every smaller one to
 * `onSmaller`, and when the budget ends the best trace so far is the result, marked `shrunk: "partly"`.
 * Within the budget the result is deterministic: the same seed gives the same shrunk trace.
 *
 * Two ways to shrink:
 * - fast-check's own, through the arbitrary that generated the trace (models whose random runs are
 *   *plans* turned into events: a shrunk plan gives a short, complete run);
 *   `polish` reducers may then cut the events of the shrunk plan further (what the plan's driver added);
 * - for models that give `shrink.reducers` (traces that are lists of independent inputs, such as packets):
 *   fast-check stops at the first failure, the reducers cut the trace down by whole flows and runs
 *   (core/shrink.ts), then fast-check shrinks what is left element by element through `shrink.generic`, an
 *   arbitrary that can shrink a plain trace, when it is short enough for that to pay.
 *
 * A shrunk trace breaks the same property as the trace first found (a candidate that breaks another one
 * is not taken), so a check's counterexample is of the property it found.
 */
import * as fc from "fast-check";
import { InputError, ModelError, type Model } from "./model.ts";
import { interruptRequested } from "./interrupt.ts";
import { runTrace, type StepObserver } from "./run-trace.ts";
import { DEFAULT_SHRINK_MS, shrinkLoop, type Reducer } from "./shrink.ts";
import type { Spec, Violation } from "./spec.ts";

/** fast-check's element-by-element shrinking runs after the reducers on traces up to this long. */
export const GENERIC_SHRINK_MAX_EVENTS = 200;

export interface DomainShrink<E> {
  /** Whole-trace cuts, biggest first (core/shrink.ts). */
  readonly reducers: readonly Reducer<E>[];
  /** An arbitrary that can shrink any trace of the model without fast-check's context (its values must pass `canShrinkWithoutContext`). */
  readonly generic?: fc.Arbitrary<E[]>;
}

/** `event`: how far the run in progress has got (a long run reports from inside). */
export type RandomProgress =
  | { readonly phase: "search"; readonly runs: number; readonly of: number; readonly event: number }
  | { readonly phase: "shrink"; readonly from: number; readonly length: number; readonly steps: number; readonly ms: number; readonly budgetMs: number; readonly event: number };

export interface RandomOptions<S, E, C> {
  readonly model: Model<S, E, C>;
  readonly config: C;
  readonly specs: readonly Spec<S, E, C>[];
  /** Trace generator; defaults to the model's own `arbitraryEvents`. */
  readonly arbitrary?: fc.Arbitrary<E[]>;
  readonly seed: number;
  readonly runs: number;
  /** fast-check replay path: with the same seed, re-runs exactly the failing case (and its shrinking). */
  readonly path?: string;
  /** Traces run before the generated ones (they count among `runs`): a corpus of known interesting ones. */
  readonly examples?: readonly E[][];
  readonly shrink?: DomainShrink<E>;
  /**
   * For runs made from plans (no `shrink`): reducers of the events, run after fast-check has shrunk the
   * plan. A plan's shrinking cannot drop what the plan's driver adds (fair delivery to the end of a run,
   * windows waited for); removing events can. Each candidate runs without the events the model refuses
   * where their turn comes (a ModelError: an expiry of a lease the cut removed, a response from a server
   * with none left to send), as the plan's driver skips what is not possible.
   */
  readonly polish?: readonly Reducer<E>[];
  /** Time budget of shrinking (default DEFAULT_SHRINK_MS). */
  readonly shrinkMs?: number;
  /** Watches every step of the generated runs (not of shrinking attempts): coverage. */
  readonly observer?: StepObserver<S, E, C>;
  /** The first failing trace, unshrunk, before shrinking starts. */
  readonly onFound?: (found: Found<E>) => void;
  /** A smaller failing trace (called often: throttle what it does). */
  readonly onSmaller?: (found: Found<E>) => void;
  /** Called now and then (at most every 200 ms). */
  readonly onProgress?: (p: RandomProgress) => void;
}

export interface Found<E> {
  readonly events: readonly E[];
  readonly violation: Violation;
}

export type RandomResult<E> =
  | { readonly status: "pass"; readonly runs: number; readonly seed: number; readonly timeMs: number }
  /** Ctrl-C before any run failed. */
  | { readonly status: "interrupted"; readonly runs: number; readonly seed: number; readonly timeMs: number }
  | {
      readonly status: "violation";
      readonly runs: number;
      readonly seed: number;
      readonly path: string;
      readonly events: readonly E[];
      readonly violation: Violation;
      /** Length of the trace first found. */
      readonly foundLength: number;
      /** Shrink attempts run. */
      readonly shrinks: number;
      /** "partly": the budget or Ctrl-C ended shrinking; `shrinkStop` says which. */
      readonly shrunk: "yes" | "partly";
      readonly shrinkStop?: "budget" | "interrupt";
      /** Time until the first failing run, before shrinking. */
      readonly firstFailureMs: number;
      readonly timeMs: number;
    };

export function runRandom<S, E, C>(options: RandomOptions<S, E, C>): RandomResult<E> {
  const { model, config, specs, seed, runs } = options;
  const arbitrary = options.arbitrary ?? model.arbitraryEvents?.(config);
  if (!arbitrary) throw new Error(`model ${model.name} has no event generator and none was given`);
  const budgetMs = options.shrinkMs ?? DEFAULT_SHRINK_MS;
  const started = performance.now();
  let lastReport = started;
  const report = (p: RandomProgress) => {
    const now = performance.now();
    if (options.onProgress && now - lastReport > 200) {
      lastReport = now;
      options.onProgress(p);
    }
  };
  /** Where the run in progress is, for a progress line from inside a long run; the current report again now and then. */
  let event = 0;
  let reportAgain: () => void = () => {};
  const counting = (inner?: StepObserver<S, E, C>): StepObserver<S, E, C> => ({
    step(before, e, after, c) {
      if ((++event & 1023) === 0) reportAgain();
      inner?.step(before, e, after, c);
    },
    end(final, c) {
      inner?.end(final, c);
    },
  });

  let generated = 0;
  let found: (Found<E> & { readonly at: number }) | null = null;
  let best: Found<E> | null = null;
  let steps = 0;
  let stoppedBy: "budget" | "interrupt" | undefined;
  /** An error that is not a verdict (bad input, a driver bug): stops fast-check, rethrown after it. */
  let fatal: unknown;

  const shrinkSpent = () => performance.now() - found!.at;
  const stopShrinking = (): boolean => {
    if (interruptRequested()) stoppedBy = "interrupt";
    else if (shrinkSpent() >= budgetMs) stoppedBy = "budget";
    return stoppedBy !== undefined;
  };
  /** The violation of `events`, or null; model and input errors stop the run, but a refused event only a `polish` candidate. */
  const violationOf = (events: readonly E[], observer?: StepObserver<S, E, C>, refusable = false): Found<E> | null => {
    event = 0;
    try {
      const out = runTrace(model, config, specs, events, counting(observer));
      if (out.violation === null) return null;
      return { events: out.applied === events.length ? events : events.slice(0, out.applied), violation: out.violation };
    } catch (e) {
      if (refusable && e instanceof ModelError) return null;
      if (e instanceof InputError || e instanceof ModelError) {
        fatal = e;
        throw new fc.PreconditionFailure(true);
      }
      throw e;
    }
  };
  const sameFailure = (f: Found<E> | null): f is Found<E> => f !== null && f.violation.property === found!.violation.property;
  const shrinkProgress = () => report({ phase: "shrink", from: found!.events.length, length: best!.events.length, steps, ms: shrinkSpent(), budgetMs, event });
  /** fast-check and the reducers move on from every failing candidate they take: it is the best so far. */
  const taken = (f: Found<E>) => {
    best = f;
    options.onSmaller?.(f);
    shrinkProgress();
  };
  /** One shrink attempt: does `events` still break the property first found? */
  const attempt = (events: readonly E[], refusable = false): Found<E> | null => {
    steps++;
    shrinkProgress();
    const f = violationOf(events, undefined, refusable);
    return sameFailure(f) ? f : null;
  };

  // 1. Search (and, without reducers, fast-check's shrinking).
  const domain = options.shrink;
  const property = fc.property(arbitrary, (events) => {
    if (found === null) {
      if (interruptRequested()) throw new fc.PreconditionFailure(true);
      generated++;
      reportAgain = () => report({ phase: "search", runs: generated - 1, of: runs, event });
      report({ phase: "search", runs: generated - 1, of: runs, event: 0 });
      const f = violationOf(events, options.observer);
      if (f === null) return true;
      found = { ...f, at: performance.now() };
      reportAgain = shrinkProgress;
      best = f;
      options.onFound?.(f);
      return false;
    }
    if (stopShrinking()) throw new fc.PreconditionFailure(true);
    const f = attempt(events);
    if (f === null) return true;
    taken(f);
    return false;
  });
  const details = fc.check(property, {
    seed, numRuns: runs,
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.examples && options.examples.length > 0 && options.path === undefined ? { examples: options.examples.map((e) => [e] as [E[]]) } : {}),
    ...(domain ? { endOnFailure: true } : {}),
  });
  if (fatal !== undefined) throw fatal;
  if (found === null) {
    if (details.failed && !details.interrupted) {
      // fast-check failed without a failing run of ours: the generator itself broke.
      const error: unknown = details.errorInstance;
      throw error instanceof Error ? error : new Error(String(error));
    }
    const timeMs = performance.now() - started;
    return details.interrupted ? { status: "interrupted", runs: generated, seed, timeMs } : { status: "pass", runs: details.numRuns, seed, timeMs };
  }
  const first: Found<E> & { readonly at: number } = found;

  // 2. Reducers, then fast-check's generic shrinking of what is left.
  if (domain) {
    let last: Found<E> | null = null;
    shrinkLoop(best!.events, {
      reducers: domain.reducers,
      fails: (events) => (last = attempt(events))?.events ?? null,
      stop: stopShrinking,
      onSmaller: () => taken(last!),
    });
    if (fatal !== undefined) throw fatal;
    if (domain.generic && stoppedBy === undefined && best!.events.length <= GENERIC_SHRINK_MAX_EVENTS) {
      const generic = domain.generic;
      const start = [...best!.events];
      if (!generic.canShrinkWithoutContext(start)) throw new Error(`${model.name}: the generic shrinking arbitrary cannot take the trace found`);
      fc.check(fc.property(generic, (events) => {
        if (stopShrinking()) throw new fc.PreconditionFailure(true);
        const f = attempt(events);
        if (f === null) return true;
        taken(f);
        return false;
      }), { seed, numRuns: 1, examples: [[start]] });
      if (fatal !== undefined) throw fatal;
    }
  }

  // 3. Runs made from plans: the events of the shrunk plan, cut further.
  if (!domain && options.polish && stoppedBy === undefined) {
    let last: Found<E> | null = null;
    shrinkLoop(best!.events, {
      reducers: options.polish,
      fails: (events) => (last = attempt(possibleOnly(model, config, events), true))?.events ?? null,
      stop: stopShrinking,
      onSmaller: () => taken(last!),
    });
    if (fatal !== undefined) throw fatal;
  }

  const final = best!;
  // The result must fail when replayed on its own: the model is deterministic, or this is a bug of ours. (Only
  // the property is compared: a program that keeps state outside its state — a determinism mutant — may
  // word its violation differently on another run.)
  const again = violationOf(final.events);
  if (again === null || again.violation.property !== final.violation.property) {
    throw new Error(`${model.name}: the shrunk trace does not fail the same way when replayed — the model is not deterministic`);
  }
  return {
    status: "violation",
    runs: details.numRuns,
    seed,
    path: details.counterexamplePath ?? "",
    events: final.events,
    violation: final.violation,
    foundLength: first.events.length,
    shrinks: steps,
    shrunk: stoppedBy === undefined ? "yes" : "partly",
    ...(stoppedBy !== undefined ? { shrinkStop: stoppedBy } : {}),
    firstFailureMs: first.at - started,
    timeMs: performance.now() - started,
  };
}

/**
 * `events` without those the model refuses where their turn comes (a ModelError of its step: an event not
 * possible there), each step taken from the state the kept events before it lead to. Any other exception
 * gives `events` as they are, for the run itself to report.
 */
function possibleOnly<S, E, C>(model: Model<S, E, C>, config: C, events: readonly E[]): readonly E[] {
  const kept: E[] = [];
  try {
    let state = model.init(config);
    for (const e of events) {
      try {
        state = model.step(state, e, config);
        kept.push(e);
      } catch (x) {
        if (!(x instanceof ModelError)) throw x;
      }
    }
  } catch {
    return events;
  }
  return kept.length === events.length ? events : kept;
}
