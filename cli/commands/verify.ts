/** `nfcheck verify`: every model's properties, explorations, proofs and mutants, with a summary. */
import { InputError } from "../../core/model.ts";
import { resolveProfile } from "../../core/profile.ts";
import { countOf } from "../../core/report.ts";
import { resolveSeed } from "../../core/seed.ts";
import { describeRun, say } from "../output.ts";
import { exitCodeOf, notRun, printSummary, runChecks } from "../run-checks.ts";
import { checkResult, resultsJson } from "../../report/results.ts";
import { checkRunFilePaths, runFileOptions, writeRunFiles } from "../run-files.ts";
import { runChecksInParallel } from "../parallel-checks.ts";
import { parsePositiveInt } from "../options.ts";
import { availableParallelism } from "node:os";
import { allChecks, selectChecks } from "../suites.ts";

export interface VerifyOptions {
  readonly profile?: string;
  readonly only?: readonly string[];
  readonly shard?: string;
  readonly seed?: string;
  readonly json?: boolean;
  /** Where counterexamples of unexpected violations are saved. */
  readonly out?: string;
  readonly full?: boolean;
  /** JUnit XML of the checks, for CI. */
  readonly junit?: string;
  /** The HTML report's directory. */
  readonly report?: string;
  /** Worker threads the checks are shared out over (default: the machine's cores). */
  readonly jobs?: string;
}

export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InputError(`--shard must be i/n with 1 ≤ i ≤ n, got "${text}"`);
  return { index, count };
}

export async function verifyCommand(o: VerifyOptions): Promise<number> {
  checkRunFilePaths(o);
  const seed = resolveSeed(o.seed);
  const profile = resolveProfile(o.profile);
  const threads = o.jobs !== undefined ? parsePositiveInt(o.jobs, "--jobs") : availableParallelism();
  const checks = selectChecks(await allChecks(profile), o.only ?? [], o.shard !== undefined ? parseShard(o.shard) : undefined);
  if (checks.length === 0) throw new InputError(`no check matches --only ${(o.only ?? []).join(", ")}${o.shard ? ` in shard ${o.shard}` : ""}`);
  const jobs = Math.min(threads, checks.length);
  if (!o.json) say(`nfcheck verify: ${countOf(checks.length, "check")}${o.shard ? ` (shard ${o.shard})` : ""}${jobs > 1 ? ` on ${jobs} threads` : ""}; ${describeRun(seed, profile)}`);
  const started = performance.now();
  const saveDir = o.out ?? "counterexamples/found";
  const reports = jobs > 1
    ? await runChecksInParallel(checks, jobs, { profile: profile.name, seed: seed.seed, saveDir, fullTraces: o.full ?? false, quiet: o.json ?? false })
    : await runChecks(checks, { seed: seed.seed, profile, saveDir, quiet: o.json ?? false, fullTraces: o.full ?? false });
  if (o.json) say(resultsJson({ command: "verify", exitCode: exitCodeOf(reports), seed, profile: profile.name, planned: checks.length }, reports.map(checkResult)));
  else {
    printSummary(reports, jobs > 1 ? { ms: performance.now() - started, threads: jobs } : undefined);
    const why = notRun(reports.length, checks.length);
    if (why !== null) say(why);
  }
  await writeRunFiles("verify", reports, { ...runFileOptions(o), quiet: o.json ?? false, seed: seed.seed, profile: profile.name });
  return exitCodeOf(reports);
}
