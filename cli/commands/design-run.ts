/**
 * What the design checkers (`nfcheck scr`, `nfcheck tcp`) share once a user's module is loaded and its
 * checks are built: run them in order, stop at the first failure unless told otherwise, print the summary
 * or JSON, and turn the outcome into an exit code.
 */
import type { Check } from "../../core/check.ts";
import type { Profile } from "../../core/profile.ts";
import { countOf } from "../../core/report.ts";
import type { SeedChoice } from "../../core/seed.ts";
import { describeRun, say } from "../output.ts";
import { exitCodeOf, notRun, printSummary, runChecks } from "../run-checks.ts";
import { checkResult, resultsJson } from "../../report/results.ts";
import { checkRunFilePaths, runFileOptions, writeRunFiles } from "../run-files.ts";

export interface DesignRunOptions {
  readonly keepGoing?: boolean;
  readonly allowVacuous?: boolean;
  readonly shrinkTime?: string;
  readonly json?: boolean;
  readonly full?: boolean;
  readonly junit?: string;
  readonly report?: string;
}

export async function runDesignChecks(
  o: DesignRunOptions,
  run: {
    readonly checks: readonly Check[]; readonly seed: SeedChoice; readonly profile: Profile; readonly outDir: string; readonly shrinkMs: number | undefined;
    readonly command: "scr" | "tcp" | "table"; readonly scope: string; readonly jsonData: Record<string, unknown>;
  },
  context: (text: string) => void,
): Promise<number> {
  checkRunFilePaths(o);
  const { checks, seed, profile } = run;
  if (!o.json) {
    say(`${countOf(checks.length, "check")} (${run.scope}); ${describeRun(seed, profile)}`);
  }
  const reports = await runChecks(checks, {
    seed: seed.seed, profile, saveDir: run.outDir, stopAtFirst: !(o.keepGoing ?? false), quiet: o.json ?? false, fullTraces: o.full ?? false,
    allowVacuous: o.allowVacuous ?? false, ...(run.shrinkMs !== undefined ? { shrinkMs: run.shrinkMs } : {}),
    onStart: (c) => context(`check ${c.id}`),
  });
  if (o.json) {
    say(resultsJson({ command: run.command, exitCode: exitCodeOf(reports), seed, profile: profile.name, planned: checks.length, data: run.jsonData }, reports.map(checkResult)));
  } else {
    printSummary(reports);
    const why = notRun(reports.length, checks.length);
    if (why !== null) say(why);
  }
  await writeRunFiles(run.command, reports, { ...runFileOptions(o), quiet: o.json ?? false, seed: seed.seed, profile: profile.name });
  return exitCodeOf(reports);
}
