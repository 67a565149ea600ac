/**
 * What the random runs of an SCR program exercised (core/coverage.ts): packets, verdicts by kind, runs in
 * which the state changed, distinct f(p). A pass is vacuous when the state never changed — SCR replicates
 * state, so equivalence and sufficiency held without being tested — or every packet got the same verdict:
 * the paths that decide anything were never taken.
 *
 * Cheap on purpose, since it watches every packet of every run: a run's states are compared only until
 * one packet has changed it (a new object that is not deep-equal to the one before), and f(p) are told
 * apart until MAX_KEYS of them have been seen.
 */
import { canonicalKey } from "../core/canonical.ts";
import type { Coverage } from "../core/coverage.ts";
import { formatValue } from "../core/diff.ts";
import { countOf, formatCount } from "../core/report.ts";
import type { ScrConfig, ScrEvent, ScrState } from "../models/scr/system.ts";
import { inputWatchStats } from "../specs/scr.ts";
import { deepEqual } from "../core/deep-equal.ts";

type State = ScrState<any, any, any>;
type Config = ScrConfig<any, any, any>;

/** Distinct f(p) are counted up to this many (then "at least"). */
const MAX_KEYS = 10_000;

export function scrCoverage(): Coverage<State, ScrEvent, Config> {
  let packets = 0;
  let runs = 0;
  let changedRuns = 0;
  let changedHere = false;
  let config: Config | null = null;
  const verdicts = new Map<string, number>();
  const keys = new Set<string>();
  return {
    step(before, _event, after, c) {
      config = c;
      const last = after.last!;
      packets++;
      const v = formatValue(last.expected);
      verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
      // The same object is the same state (states are never mutated); only a new one needs a comparison.
      if (!changedHere && before.reference !== after.reference && !deepEqual(before.reference, after.reference)) changedHere = true;
      if (keys.size < MAX_KEYS) keys.add(canonicalKey(last.meta));
    },
    end() {
      runs++;
      if (changedHere) changedRuns++;
      changedHere = false;
    },
    report() {
      const kinds = [...verdicts].sort((a, b) => b[1] - a[1]);
      const items = [
        countOf(packets, "packet"),
        `verdicts ${kinds.map(([v, n]) => `${v} ${formatCount(n)}`).join(" · ") || "none"}`,
        `state changed in ${formatCount(changedRuns)} of ${countOf(runs, "run")}`,
        `${keys.size >= MAX_KEYS ? "at least " : ""}${formatCount(keys.size)} distinct f(p)`,
      ];
      const watch = config === null ? undefined : inputWatchStats(config.program);
      if (watch && watch.watched < watch.calls) items.push(`inputs watched in ${formatCount(watch.watched)} of ${countOf(watch.calls, "call")} (inputs up to ${countOf(watch.largest, "node")}: large ones only until 20 million nodes were walked)`);
      let vacuous: string | null = null;
      if (packets === 0) {
        vacuous = "no run had a packet";
      } else if (changedRuns === 0) {
        vacuous = `the program's state never changed in ${countOf(packets, "packet")}: SCR replicates state, so equivalence and sufficiency held without being tested`;
      } else if (kinds.length === 1) {
        vacuous = `every one of ${countOf(packets, "packet")} got the verdict ${kinds[0]![0]}: no packet took a path that decides otherwise`;
      }
      if (vacuous !== null) vacuous += " (--traffic adds packets of your own; --allow-vacuous accepts such a pass)";
      return { items, vacuous };
    },
  };
}
