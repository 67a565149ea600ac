/**
 * What a report shows, gathered from a run: the checks as the summary lists them, each counterexample
 * replayed into a trace view through its system's definition (a user's system from the module its file
 * names), and the cost plots asked for.
 */
import { dirname } from "node:path";
import type { CheckReport } from "../cli/run-checks.ts";
import { resultWord } from "../cli/run-checks.ts";
import type { Counterexample } from "../core/counterexample.ts";
import { describeError } from "../core/run-trace.ts";
import { loadCounterexample } from "../core/store.ts";
import { systemEntryOf } from "../core/system-entry.ts";
import type { Plot } from "../core/plot.ts";
import { systemNamed } from "../systems/registry.ts";
import { shown as shownPath } from "../cli/output.ts";
import { reportCreated, type ReportCheck, type ReportData } from "./html.ts";
import { traceView, type ReportableSystem, type TraceView } from "./trace-view.ts";

export type ReportTrace = ReportData["traces"][number];

/** A counterexample as a trace view; a file that cannot be replayed any more is shown with why. */
export async function traceOf(cx: Counterexample, where: { readonly file?: string; readonly title: string }): Promise<ReportTrace> {
  const baseDir = where.file !== undefined ? dirname(where.file) : process.cwd();
  const saved = where.file !== undefined ? { saved: shownPath(where.file) } : {};
  try {
    const entry: ReportableSystem = cx.module !== undefined ? await systemEntryOf({ ...cx, module: cx.module }, baseDir) : await systemNamed(cx.model);
    const view: TraceView = await traceView(cx, entry, baseDir);
    return { ...view, title: where.title, ...saved };
  } catch (e) {
    return {
      system: cx.model, property: cx.property, message: cx.violation ?? "", afterEvents: cx.events.length, actors: [], initial: null, rows: [],
      problem: `cannot draw this trace: ${describeError(e)}`, title: where.title, ...saved,
    };
  }
}

/**
 * Saved counterexample files (`nfcheck report a.json …`, `nfcheck replay --report`): a trace each, and a
 * summary row each — reproduced, or why not.
 */
export async function reportOfFiles(files: readonly string[], title: string): Promise<ReportData> {
  const traces: ReportTrace[] = [];
  const checks: ReportCheck[] = [];
  for (const file of files) {
    const cx = await loadCounterexample(file);
    const started = performance.now();
    const t = await traceOf(cx, { file, title: shownPath(file) });
    checks.push({
      id: shownPath(file), system: cx.model, property: cx.property, expect: cx.expect,
      result: t.problem === undefined ? (cx.expect === "violation" ? "reproduced" : "passes") : "NOT REPRODUCED", ok: t.problem === undefined,
      work: `${cx.events.length} event${cx.events.length === 1 ? "" : "s"}`, timeMs: performance.now() - started, trace: traces.length,
      ...(cx.seed !== undefined ? { seed: cx.seed } : {}), saved: shownPath(file), ...(t.problem !== undefined ? { message: t.problem } : {}),
    });
    traces.push(t);
  }
  return { title, created: reportCreated(), checks, traces, plots: [] };
}

export async function reportOfRun(
  reports: readonly CheckReport[],
  o: { readonly title: string; readonly seed?: number; readonly profile?: string; readonly plots?: readonly Plot[] },
): Promise<ReportData> {
  const checks: ReportCheck[] = [];
  const traces: ReportTrace[] = [];
  for (const r of reports) {
    const cx = r.outcome.counterexample;
    let trace: number | undefined;
    if (cx !== undefined) {
      trace = traces.length;
      // A saved file is read back (its module paths are relative to it); else the run's own counterexample.
      const fromFile = r.saved !== undefined ? await loadCounterexample(r.saved).catch(() => undefined) : undefined;
      traces.push(await traceOf(fromFile ?? cx, { ...(fromFile !== undefined ? { file: r.saved! } : {}), title: `${r.check.id}: ${cx.property}` }));
    }
    checks.push({
      id: r.check.id, system: r.check.model, property: r.check.property, expect: r.check.expect, result: resultWord(r.check, r.outcome, r.asExpected),
      ok: r.asExpected, work: r.outcome.work, timeMs: r.outcome.timeMs, seed: r.seed,
      ...(r.outcome.violation?.message ?? r.outcome.message ? { message: r.outcome.violation?.message ?? r.outcome.message } : {}),
      ...(trace !== undefined ? { trace } : {}), ...(r.saved !== undefined ? { saved: shownPath(r.saved) } : {}),
    });
  }
  return {
    title: o.title, created: reportCreated(), ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.profile !== undefined ? { profile: o.profile } : {}), checks, traces, plots: o.plots ?? [],
  };
}
