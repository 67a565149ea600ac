/**
 * The random runner (ARCHITECTURE §3): fast-check generates traces from a seed, every trace runs through
 * `runTrace`, and a failing trace is shrunk by fast-check. The result carries the seed and the path that
 * reproduce the run in fast-check, and the shrunk events themselves, which replay without fast-check.
 */
import * as fc from "fast-check";
import type { Model } from "./model.ts";
import { runTrace } from "./run-trace.ts";
import type { Spec, Violation } from "./spec.ts";

export interface RandomOptions<S, E, C> {
  readonly model: Model<S, E, C>;
  readonly config: C;
  readonly specs: readonly Spec<S, E, C>[];
  /** Trace generator; defaults to the model's own `arbitraryEvents`. */
  readonly arbitrary?: fc.Arbitrary<E[]>;
  readonly seed: number;
  readonly runs: number;
  /** fast-check replay path: with the same seed, re-runs exactly the failing case and its shrinking. */
  readonly path?: string;
  /** Called now and then with the number of traces run and shrink steps taken so far. */
  readonly onProgress?: (done: { runs: number; shrinks: number; of: number }) => void;
}

export type RandomResult<E> =
  | { readonly status: "pass"; readonly runs: number; readonly seed: number; readonly timeMs: number }
  | {
      readonly status: "violation";
      readonly runs: number;
      readonly seed: number;
      readonly path: string;
      readonly events: readonly E[];
      readonly violation: Violation;
      readonly shrinks: number;
      /** Time until the first failing run, before shrinking. */
      readonly firstFailureMs: number;
      readonly timeMs: number;
    };

export function runRandom<S, E, C>(options: RandomOptions<S, E, C>): RandomResult<E> {
  const { model, config, specs, seed, runs } = options;
  const arbitrary = options.arbitrary ?? model.arbitraryEvents?.(config);
  if (!arbitrary) throw new Error(`model ${model.name} has no event generator and none was given`);
  const started = performance.now();
  let calls = 0;
  let failedOnce = false;
  let firstFailureMs = 0;
  let shrinks = 0;
  let lastReport = started;
  const property = fc.property(arbitrary, (events) => {
    calls++;
    if (failedOnce) shrinks++;
    const now = performance.now();
    if (options.onProgress && now - lastReport > 200) {
      lastReport = now;
      options.onProgress({ runs: failedOnce ? calls - shrinks : calls, shrinks, of: runs });
    }
    const ok = runTrace(model, config, specs, events).violation === null;
    if (!ok && !failedOnce) {
      failedOnce = true;
      firstFailureMs = performance.now() - started;
    }
    return ok;
  });
  const details = fc.check(property, {
    seed,
    numRuns: runs,
    ...(options.path !== undefined ? { path: options.path } : {}),
  });
  const timeMs = performance.now() - started;
  if (!details.failed) return { status: "pass", runs: details.numRuns, seed, timeMs };
  if (details.counterexample === null) {
    // fast-check failed without a counterexample: the generator or the runner itself broke.
    const error: unknown = details.errorInstance;
    throw error instanceof Error ? error : new Error(String(error));
  }
  const events = details.counterexample[0];
  const outcome = runTrace(model, config, specs, events);
  if (outcome.violation === null) {
    throw new Error(`${model.name}: the shrunk trace no longer fails when replayed — the model is not deterministic`);
  }
  return {
    status: "violation",
    runs: details.numRuns,
    seed,
    path: details.counterexamplePath ?? "",
    events: events.slice(0, outcome.applied),
    violation: outcome.violation,
    shrinks: details.numShrinks,
    firstFailureMs,
    timeMs,
  };
}
