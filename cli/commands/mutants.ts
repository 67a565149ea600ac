/** `nfcheck mutants`: every registered broken variant must be caught by the property it names. */
import { resolveProfile } from "../../core/profile.ts";
import { countOf, formatDuration, formatTable } from "../../core/report.ts";
import { resolveSeed } from "../../core/seed.ts";
import { saveCounterexample } from "../../core/store.ts";
import { describeRun, say, shown } from "../output.ts";
import { exitCodeOf, resultWord, runChecks, type CheckReport } from "../run-checks.ts";
import { checkRunFilePaths, runFileOptions, writeRunFiles } from "../run-files.ts";
import { checkResult, resultsJson } from "../../report/results.ts";
import { allMutantChecks, selectChecks } from "../suites.ts";
import { InputError } from "../../core/model.ts";

export interface MutantsOptions {
  readonly only?: readonly string[];
  readonly seed?: string;
  readonly profile?: string;
  readonly json?: boolean;
  /** Save each killing counterexample here (as a design boundary that must keep failing). */
  readonly out?: string;
  readonly junit?: string;
  /** The HTML report's directory. */
  readonly report?: string;
}

export async function mutantsCommand(o: MutantsOptions): Promise<number> {
  checkRunFilePaths(o);
  const seed = resolveSeed(o.seed);
  const profile = resolveProfile(o.profile);
  const all = await allMutantChecks();
  const checks = selectChecks(all, o.only ?? []) as typeof all;
  if (checks.length === 0) throw new InputError(`no mutant matches --only ${(o.only ?? []).join(", ")}`);
  if (!o.json) say(`nfcheck mutants: ${countOf(checks.length, "mutant")}; ${describeRun(seed, profile)}`);
  const reports = await runChecks(checks, { seed: seed.seed, profile, quiet: true });
  const rows = [];
  /** The reports with where each killing counterexample was saved (for JSON, JUnit and the report). */
  const withSaved: CheckReport[] = [];
  for (const [i, r] of reports.entries()) {
    const m = checks[i]!;
    const cx = r.outcome.counterexample;
    let saved: string | undefined;
    if (o.out !== undefined && r.asExpected && cx) {
      saved = await saveCounterexample(o.out, { ...cx, note: `mutant ${m.mutant}: ${m.description}; must keep breaking ${m.property}` }, `${m.mutant}.json`);
    }
    withSaved.push(saved !== undefined ? { ...r, saved } : r);
    rows.push({
      id: m.id, mutant: m.mutant, description: m.description, property: m.property, result: resultWord(m, r.outcome, r.asExpected),
      timeToKillMs: r.outcome.firstFailureMs ?? r.outcome.timeMs, totalMs: r.outcome.timeMs, shrunkLength: cx?.events.length ?? null,
      violation: r.outcome.violation?.message ?? null, ...(saved ? { saved } : {}),
    });
  }
  if (o.json) {
    // Each mutant is a check (a kill is ok); `data.mutants` adds what the table shows of its own.
    const results = withSaved.map(checkResult);
    const data = { mutants: rows.map((r) => ({ id: r.id, mutant: r.mutant, description: r.description, timeToKillMs: Math.round(r.timeToKillMs) })) };
    say(resultsJson({ command: "mutants", exitCode: exitCodeOf(reports), seed, profile: profile.name, planned: checks.length, data }, results));
  } else {
    say(formatTable({
      columns: ["mutant", "what is broken", "must break", "result", "time to kill", "with shrinking", "shrunk to"],
      rows: rows.map((r) => [r.mutant, r.description, r.property, r.result, formatDuration(r.timeToKillMs), formatDuration(r.totalMs), r.shrunkLength === null ? "—" : countOf(r.shrunkLength, "event")]),
    }));
    for (const r of rows) if (r.violation) say(`  ${r.mutant}: ${r.violation}`);
    for (const r of rows) if (r.saved) say(`  saved ${shown(r.saved)}`);
    const killed = reports.filter((r) => r.asExpected).length;
    say();
    say(`${killed} killed, ${reports.length - killed} survived`);
  }
  await writeRunFiles("mutants", withSaved, { ...runFileOptions(o), quiet: o.json ?? false, seed: seed.seed, profile: profile.name });
  return exitCodeOf(reports);
}
