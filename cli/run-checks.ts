/**
 * Runs a list of checks one after another: a progress line while each runs, a line when it ends, the
 * counterexample (printed and saved) when one fails, and the summary table at the end.
 */
import { outcomeAsExpected, type Check, type CheckOutcome } from "../core/check.ts";
import { InputError } from "../core/model.ts";
import type { Profile } from "../core/profile.ts";
import { countOf, formatDuration, formatSummary, Progress, type SummaryRow } from "../core/report.ts";
import { describeError } from "../core/run-trace.ts";
import { deriveSeed } from "../core/seed.ts";
import { saveCounterexample } from "../core/store.ts";
import { formatTrace, indent, say, shown } from "./output.ts";

export interface RunOptions {
  readonly seed: number;
  readonly profile: Profile;
  /** Where counterexamples of unexpected violations are saved; none when undefined. */
  readonly saveDir?: string;
  /** Stop at the first check that does not behave as expected. */
  readonly stopAtFirst?: boolean;
  /** Print nothing but the final JSON (the caller prints it). */
  readonly quiet?: boolean;
  readonly fullTraces?: boolean;
  /** Called before each check starts (the design checker's watchdog names it). */
  readonly onStart?: (check: Check) => void;
}

export interface CheckReport {
  readonly check: Check;
  readonly seed: number;
  readonly outcome: CheckOutcome;
  readonly asExpected: boolean;
  readonly saved?: string;
}

export function resultWord(check: Check, outcome: CheckOutcome, asExpected: boolean): string {
  if (check.expect === "violation") return asExpected ? ("mutant" in check ? "killed" : "found") : outcome.status === "violation" ? `broke ${outcome.violation?.property}` : outcome.status === "pass" ? "SURVIVED" : outcome.status.toUpperCase();
  return outcome.status === "pass" ? "pass" : outcome.status.toUpperCase();
}

export async function runChecks(checks: readonly Check[], o: RunOptions): Promise<CheckReport[]> {
  const reports: CheckReport[] = [];
  for (const check of checks) {
    const seed = deriveSeed(o.seed, check.id);
    const progress = o.quiet ? null : new Progress(check.id);
    o.onStart?.(check);
    let outcome: CheckOutcome;
    try {
      outcome = await check.run({ seed, profile: o.profile, ...(progress ? { progress: (t: string) => progress.update(t) } : {}) });
    } catch (e) {
      if (e instanceof InputError) throw e;
      outcome = { status: "error", work: "", timeMs: 0, message: describeError(e) };
    } finally {
      progress?.done();
    }
    const asExpected = outcomeAsExpected(check, outcome);
    let saved: string | undefined;
    if (!asExpected && outcome.counterexample && o.saveDir !== undefined && check.expect === "pass") {
      saved = await saveCounterexample(o.saveDir, outcome.counterexample);
    }
    const report: CheckReport = { check, seed, outcome, asExpected, ...(saved !== undefined ? { saved } : {}) };
    reports.push(report);
    if (!o.quiet) printReport(report, o.fullTraces ?? false);
    if (!asExpected && o.stopAtFirst) break;
  }
  return reports;
}

function printReport(r: CheckReport, full: boolean): void {
  const { check, outcome } = r;
  const mark = r.asExpected ? "✓" : "✗";
  say(`${mark} ${check.id}  ${resultWord(check, outcome, r.asExpected)}  ${outcome.work}  ${formatDuration(outcome.timeMs)}`);
  if (r.asExpected) return;
  if (outcome.violation) say(`  ${outcome.violation.property} violated: ${outcome.violation.message}`);
  else if (outcome.message) say(`  ${outcome.message}`);
  const cx = outcome.counterexample;
  if (cx) {
    const how = cx.found === "random" ? `seed ${cx.seed}, path "${cx.path}"` : "found by exhaustive search (shortest)";
    say(`  counterexample: ${countOf(cx.events.length, "event")} (${how})`);
    if (outcome.table) say(indent(formatTrace(outcome.table, full)));
  }
  if (r.saved) say(`  saved ${shown(r.saved)} — replay it with: nfcheck replay ${shown(r.saved)}`);
}

export function summaryRows(reports: readonly CheckReport[]): SummaryRow[] {
  return reports.map((r) => ({
    model: r.check.model,
    property: r.check.id.startsWith(`${r.check.model}/`) ? r.check.id.slice(r.check.model.length + 1) : r.check.id,
    work: r.outcome.work,
    result: resultWord(r.check, r.outcome, r.asExpected),
    timeMs: r.outcome.timeMs,
  }));
}

/** The counts on a line of their own (as CI logs read them), then the summary table with a total row. */
export function printSummary(reports: readonly CheckReport[]): void {
  const failed = reports.filter((r) => !r.asExpected).length;
  const total = reports.reduce((t, r) => t + r.outcome.timeMs, 0);
  say();
  say(`summary: ${reports.length - failed} passed, ${failed} failed`);
  const all: SummaryRow = { model: "all", property: countOf(reports.length, "check"), work: "", result: failed === 0 ? "pass" : `${failed} FAILED`, timeMs: total };
  say(formatSummary([...summaryRows(reports), all]));
}

export function reportsJson(reports: readonly CheckReport[]) {
  return reports.map((r) => ({
    id: r.check.id, model: r.check.model, property: r.check.property, expect: r.check.expect, seed: r.seed,
    status: r.outcome.status, asExpected: r.asExpected, work: r.outcome.work, timeMs: Math.round(r.outcome.timeMs),
    ...(r.outcome.violation ? { violation: r.outcome.violation } : {}),
    ...(r.outcome.message ? { message: r.outcome.message } : {}),
    ...(r.outcome.counterexample ? { counterexample: r.outcome.counterexample } : {}),
    ...(r.saved ? { saved: r.saved } : {}),
  }));
}
