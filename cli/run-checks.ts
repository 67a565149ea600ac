/**
 * Runs a list of checks one after another: a progress line while each runs, a line when it ends, the
 * counterexample (printed and saved) when one fails, and the summary table at the end.
 */
import { join } from "node:path";
import { outcomeAsExpected, type Check, type CheckOutcome } from "../core/check.ts";
import type { Counterexample } from "../core/counterexample.ts";
import { formatCoverage } from "../core/coverage.ts";
import { interruptRequested } from "../core/interrupt.ts";
import { InputError } from "../core/model.ts";
import type { Profile } from "../core/profile.ts";
import { countOf, formatDuration, formatSummary, Progress, type SummaryRow } from "../core/report.ts";
import { describeError } from "../core/run-trace.ts";
import { deriveSeed } from "../core/seed.ts";
import { counterexampleFileName, saveCounterexampleSync } from "../core/store.ts";
import { EXIT_INTERRUPTED } from "../core/interrupt.ts";
import { EXIT_OK, EXIT_VIOLATION, formatTrace, indent, say, shown } from "./output.ts";

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
  /** Time budget of shrinking each counterexample. */
  readonly shrinkMs?: number;
  /** A vacuous pass counts as a pass. */
  readonly allowVacuous?: boolean;
}

/** The best counterexample so far is saved at most this often while shrinking goes on. */
const SAVE_EVERY_MS = 2_000;

export interface CheckReport {
  readonly check: Check;
  readonly seed: number;
  readonly outcome: CheckOutcome;
  readonly asExpected: boolean;
  readonly saved?: string;
}

export function resultWord(check: Check, outcome: CheckOutcome, asExpected: boolean): string {
  if (check.expect === "violation") return asExpected ? ("mutant" in check ? "killed" : "found") : outcome.status === "violation" ? `broke ${outcome.violation?.property}` : outcome.status === "pass" ? "SURVIVED" : outcome.status.toUpperCase();
  if (outcome.status === "vacuous" && asExpected) return "pass (vacuous)";
  return outcome.status === "pass" ? "pass" : outcome.status.toUpperCase();
}

export async function runChecks(checks: readonly Check[], o: RunOptions): Promise<CheckReport[]> {
  const reports: CheckReport[] = [];
  for (const check of checks) {
    if (interruptRequested()) break;
    const seed = deriveSeed(o.seed, check.id);
    const progress = o.quiet ? null : new Progress(check.id);
    o.onStart?.(check);
    // An unexpected violation is saved as soon as it is found, then again as shrinking improves it, in the
    // same file: Ctrl-C or a budget that runs out never loses it.
    const saving = o.saveDir !== undefined && check.expect === "pass" ? o.saveDir : undefined;
    let saved: string | undefined;
    let lastSave = 0;
    const save = (cx: Counterexample) => {
      saved ??= join(saving!, counterexampleFileName(cx));
      saveCounterexampleSync(saved, cx);
      lastSave = performance.now();
    };
    let outcome: CheckOutcome;
    try {
      outcome = await check.run({
        seed, profile: o.profile,
        ...(o.shrinkMs !== undefined ? { shrinkMs: o.shrinkMs } : {}),
        ...(progress ? { progress: (t: string) => progress.update(t) } : {}),
        ...(saving !== undefined ? {
          onFound: (cx: Counterexample) => {
            save(cx);
            if (o.quiet) return;
            progress?.done();
            say(`… ${check.id}: ${cx.property} violated after ${countOf(cx.events.length, "event")}, saved unshrunk to ${shown(saved!)}; shrinking (Ctrl-C stops it and keeps the best so far)`);
          },
          onSmaller: (cx: Counterexample) => {
            if (performance.now() - lastSave >= SAVE_EVERY_MS) save(cx);
          },
        } : {}),
      });
    } catch (e) {
      if (e instanceof InputError) throw e;
      outcome = { status: "error", work: "", timeMs: 0, message: describeError(e) };
    } finally {
      progress?.done();
    }
    const asExpected = outcomeAsExpected(check, outcome, { allowVacuous: o.allowVacuous ?? false });
    if (!asExpected && outcome.counterexample && saving !== undefined) save(outcome.counterexample);
    const report: CheckReport = { check, seed, outcome, asExpected, ...(saved !== undefined ? { saved } : {}) };
    reports.push(report);
    if (!o.quiet) printReport(report, o.fullTraces ?? false);
    // A vacuous pass is a failure, but says nothing against the design: the checks after it may find a bug.
    if (!asExpected && o.stopAtFirst && outcome.status !== "vacuous") break;
  }
  return reports;
}

function printReport(r: CheckReport, full: boolean): void {
  const { check, outcome } = r;
  const mark = r.asExpected ? "✓" : "✗";
  say(`${mark} ${check.id}  ${resultWord(check, outcome, r.asExpected)}  ${outcome.work}  ${formatDuration(outcome.timeMs)}`);
  if (outcome.coverage && (outcome.status === "pass" || outcome.status === "vacuous")) say(`  ${formatCoverage(outcome.coverage)}`);
  if (outcome.status === "vacuous" && outcome.message) say(`  ${r.asExpected ? "vacuous (allowed): " : ""}${outcome.message}`);
  if (r.asExpected) return;
  if (outcome.violation) say(`  ${outcome.violation.property} violated: ${outcome.violation.message}`);
  if (outcome.message && outcome.status !== "vacuous") say(`  ${outcome.message}`);
  const cx = outcome.counterexample;
  if (cx) {
    const how = cx.found === "random" ? `seed ${cx.seed}, path "${cx.path}"` : "found by exhaustive search (shortest)";
    say(`  counterexample: ${countOf(cx.events.length, "event")} (${how}${cx.shrunk === "partly" ? "; partly shrunk" : ""})`);
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
/** `wall`: the run's own time, when checks ran side by side (the table's total adds up their times). */
export function printSummary(reports: readonly CheckReport[], wall?: { readonly ms: number; readonly threads: number }): void {
  const failed = reports.filter((r) => !r.asExpected).length;
  const vacuous = reports.filter((r) => !r.asExpected && r.outcome.status === "vacuous").length;
  const total = reports.reduce((t, r) => t + r.outcome.timeMs, 0);
  say();
  // Vacuous checks are failures, counted apart: they found nothing wrong, they checked nothing.
  const took = wall !== undefined ? ` (${formatDuration(wall.ms)} on ${countOf(wall.threads, "thread")})` : "";
  say(`summary: ${reports.length - failed} passed, ${failed - vacuous} failed${vacuous > 0 ? `, ${vacuous} vacuous` : ""}${took}`);
  const all: SummaryRow = { model: "all", property: countOf(reports.length, "check"), work: "", result: failed === 0 ? "pass" : `${failed} FAILED`, timeMs: total };
  say(formatSummary([...summaryRows(reports), all]));
}

/**
 * 1 when a check failed (a violation, a vacuous or an incomplete check: anything but what it expects);
 * 130 when Ctrl-C stopped the run before any failed; else 0.
 */
export function exitCodeOf(reports: readonly CheckReport[]): number {
  if (reports.some((r) => !r.asExpected && !(r.outcome.status === "incomplete" && interruptRequested()))) return EXIT_VIOLATION;
  return interruptRequested() ? EXIT_INTERRUPTED : EXIT_OK;
}

/** Why fewer checks ran than were asked for, if they did. */
export function notRun(ran: number, of: number): string | null {
  if (ran >= of) return null;
  if (interruptRequested()) return `interrupted (Ctrl-C): ${countOf(of - ran, "check")} not run`;
  return `stopped at the first failed check; ${countOf(of - ran, "check")} not run (--keep-going runs them)`;
}
