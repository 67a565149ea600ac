/**
 * Speed figures of one model, the same way for each: events per second of random runs (20 traces of a
 * random table, sampled from a fixed seed), bare and with every spec on every step, and the explorer's
 * states per second on the small configuration `nfcheck explore <model>` explores by default.
 */
import type * as fc from "fast-check";
import * as fcRuntime from "fast-check";
import { explore } from "../core/explore.ts";
import type { Model } from "../core/model.ts";
import { formatCount } from "../core/report.ts";
import { runTrace } from "../core/run-trace.ts";
import type { Spec } from "../core/spec.ts";

export interface ModelFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note: string;
}

export interface ModelFiguresOptions<S, E, C> {
  readonly model: Model<S, E, C>;
  readonly specs: readonly Spec<S, E, C>[];
  /** The random table: its config, a name for people, and its runs. */
  readonly table: { readonly name: string; readonly config: C; readonly runs: fc.Arbitrary<E[]> };
  /** The small explored configuration. */
  readonly small: { readonly name: string; readonly config: C };
}

export function modelFigures<S, E, C>(o: ModelFiguresOptions<S, E, C>): ModelFigure[] {
  const traces = fcRuntime.sample(o.table.runs, { numRuns: 20, seed: 1 });
  const events = traces.reduce((n, t) => n + t.length, 0);
  const rate = (specs: readonly Spec<S, E, C>[]) => {
    const t = performance.now();
    for (const trace of traces) runTrace(o.model, o.table.config, specs, trace);
    return events / ((performance.now() - t) / 1_000);
  };
  const bare = rate([]);
  const checked = rate(o.specs);
  const small = explore({ model: o.model, config: o.small.config, specs: o.specs });
  return [
    { name: `${o.model.name} model events, ${o.table.name}`, value: bare, unit: "events/s", note: `${formatCount(events)} events in 20 runs, no spec` },
    { name: `${o.model.name} model events, ${o.table.name}, every spec on every step`, value: checked, unit: "events/s", note: `${(bare / checked).toFixed(2)} × slower than bare` },
    { name: `explorer, ${o.small.name}`, value: small.statesPerSecond, unit: "states/s", note: `${formatCount(small.states)} states, every spec on every state` },
  ];
}
