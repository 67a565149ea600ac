/**
 * `nfcheck explore <system>`: every state within the given bounds, breadth first, so a violation found is a
 * shortest one; otherwise "no violation within the bound", with states, transitions, depth and speed.
 * The options come from the system's definition (cli/system-options.ts, in the main thread); this runs the
 * exploration, in the worker, and reports it.
 */
import { resolve } from "node:path";
import { ranCheck, type CheckOutcome } from "../../core/check.ts";
import { makeCounterexample } from "../../core/counterexample.ts";
import { explore, type ExploreLimit } from "../../core/explore.ts";
import { exploreInParallel } from "../../core/parallel-explore.ts";
import { builtInTarget } from "../explore-target.ts";
import { formatBytes } from "../../core/memory.ts";
import { countOf, formatCount, formatDuration, omissionLine, Progress } from "../../core/report.ts";
import { specsNamed } from "../../core/system.ts";
import { saveCounterexample } from "../../core/store.ts";
import { systemNamed } from "../../systems/registry.ts";
import { checkRunFilePaths, writeRunFiles } from "../run-files.ts";
import { EXIT_INCOMPLETE, EXIT_OK, EXIT_VIOLATION, formatTrace, indent, say, shown } from "../output.ts";
import type { CheckReport } from "../run-checks.ts";
import { checkResult, resultsJson } from "../../report/results.ts";

/** What the command line asked for, already checked (cli/nfcheck.ts builds it). */
export interface ExploreRequest {
  readonly system: string;
  /** The config, with module paths relative to `cwd`. */
  readonly config: unknown;
  readonly cwd: string;
  readonly properties: readonly string[];
  readonly maxStates: number;
  readonly maxMemory: number;
  readonly maxDepth?: number;
  readonly reduce: boolean;
  /** Worker threads of the parallel explorer (core/parallel-explore.ts); 1: the sequential one, in this thread. */
  readonly workers: number;
  /** Hash compaction: a 64-bit fingerprint per state (core/fingerprint-set.ts). */
  readonly hashCompaction: boolean;
  readonly out: string;
  readonly json?: boolean;
  readonly full?: boolean;
  /** JUnit XML (one testcase: the exploration) and the HTML report's directory, relative to `cwd`. */
  readonly junit?: string;
  readonly report?: string;
}

/** How to go further after each bound (a heap limit of V8's own is raised for the whole process). */
const RAISE: Readonly<Record<ExploreLimit, string>> = {
  states: " (--max-states raises it)",
  memory: " (--max-memory raises it)",
  heap: " (NODE_OPTIONS=--max-old-space-size=<MiB> raises V8's limit)",
  interrupt: "",
};

export async function exploreCommand(o: ExploreRequest, context: (text: string) => void = () => {}): Promise<number> {
  checkRunFilePaths({ junit: o.junit !== undefined ? resolve(o.cwd, o.junit) : undefined, report: o.report !== undefined ? resolve(o.cwd, o.report) : undefined });
  const system = await systemNamed(o.system);
  const model = system.model;
  const config = await system.resolveConfig(o.config, { baseDir: o.cwd });
  const specs = specsNamed(system, config, o.properties);
  const outDir = resolve(o.cwd, o.out);
  const json = system.rebase ? system.rebase(o.config, o.cwd, outDir) : o.config;
  const bounds = system.describe(config);
  const { maxStates, maxMemory, maxDepth } = o;
  const reduced = o.reduce && model.local !== undefined;
  const only = o.properties.length > 0 ? `; only ${o.properties.join(", ")}` : "";
  const depth = maxDepth !== undefined ? `, depth ${formatCount(maxDepth)}` : "";
  const limits = `bounds: at most ${formatCount(maxStates)} states${depth} and ${formatBytes(maxMemory)} (--max-states, --max-depth, --max-memory)`;
  const how = [
    ...(reduced ? ["partial-order reduction (--no-reduction: every interleaving)"] : []),
    ...(o.workers > 1 ? [`${o.workers} worker threads`] : []),
    ...(o.hashCompaction ? ["hash compaction (64-bit fingerprints)"] : []),
  ];
  if (!o.json) say(`nfcheck explore ${model.name}: ${bounds}${only}${how.map((h) => `; ${h}`).join("")}; ${limits}`);
  context(`exploring ${bounds}`);
  const progress = o.json ? null : new Progress("explore");
  const common = {
    model, config, reduce: o.reduce, maxStates, maxMemory, hashCompaction: o.hashCompaction, ...(maxDepth !== undefined ? { maxDepth } : {}),
    ...(progress ? { onProgress: (p: { states: number; depth: number; frontier: number; memory: number }) => progress.update(`${countOf(p.states, "state")}, depth ${p.depth}, frontier ${formatCount(p.frontier)}, ${formatBytes(p.memory)}`) } : {}),
  };
  const result = o.workers > 1
    ? await exploreInParallel({ ...common, workers: o.workers, target: await builtInTarget(o.system, o.config, o.cwd, o.properties) })
    : explore({ ...common, specs });
  const reason = result.status === "incomplete" ? result.reason + RAISE[result.limit] : undefined;
  progress?.done();
  const stats = {
    states: result.states, transitions: result.transitions, depth: result.depth, timeMs: Math.round(result.timeMs), statesPerSecond: Math.round(result.statesPerSecond),
    peakMemory: result.peakMemory, bytesPerState: Math.round(result.bytesPerState),
    ...(result.omissionProbability !== undefined ? { omissionProbability: result.omissionProbability } : {}),
    ...(result.startMs !== undefined ? { startMs: Math.round(result.startMs) } : {}),
  };
  const cx = result.status === "violation" ? makeCounterexample({ model: model.name, config: json, violation: result.violation, events: result.events, found: "explore" }) : undefined;
  const saved = cx !== undefined ? await saveCounterexample(outDir, cx) : undefined;
  // The exploration as one check, so that JSON, the report and JUnit read it as they read verify's.
  const check = ranCheck(`${model.name}/explore`, model.name, o.properties.length > 0 ? o.properties.join(", ") : "all properties");
  const outcome: CheckOutcome = {
    status: result.status, work: `${countOf(stats.states, "state")}, depth ${stats.depth}`, timeMs: result.timeMs,
    measures: { states: stats.states, transitions: stats.transitions, depth: stats.depth },
    ...(result.status === "violation" ? { violation: result.violation, counterexample: cx!, ...(system.explain ? { table: system.explain(config, result.events) } : {}) } : {}),
    ...(reason !== undefined ? { message: reason } : {}),
  };
  const report: CheckReport = { check, seed: 0, outcome, asExpected: result.status === "pass", ...(saved !== undefined ? { saved } : {}) };
  const code = result.status === "pass" ? EXIT_OK : result.status === "incomplete" ? EXIT_INCOMPLETE : EXIT_VIOLATION;
  if (o.json) {
    const data = {
      config: json, reduction: reduced, workers: o.workers, hashCompaction: o.hashCompaction, statesPerSecond: stats.statesPerSecond, peakMemory: stats.peakMemory, bytesPerState: stats.bytesPerState,
      ...(stats.omissionProbability !== undefined ? { omissionProbability: stats.omissionProbability } : {}),
      ...(stats.startMs !== undefined ? { workersStartMs: stats.startMs } : {}), ...(maxDepth !== undefined ? { maxDepth, cutAtDepth: result.cutAtDepth } : {}) };
    say(resultsJson({ command: `explore ${model.name}`, exitCode: code, data }, [checkResult(report)]));
  } else {
    say(`${countOf(stats.states, "state")}, ${countOf(stats.transitions, "transition")}, depth ${stats.depth}, ${formatDuration(result.timeMs)}, ${formatCount(stats.statesPerSecond)} states/s${stats.startMs !== undefined ? ` (the workers' start ${formatDuration(stats.startMs)} of it)` : ""}; peak memory ${formatBytes(stats.peakMemory)}, ${formatCount(stats.bytesPerState)} B a state`);
    if (stats.omissionProbability !== undefined) say(omissionLine(stats.omissionProbability));
    if (result.status === "pass") say(result.cutAtDepth > 0 ? `no violation within depth ${formatCount(maxDepth!)} (${countOf(result.cutAtDepth, "state")} at that depth not expanded)` : "no violation within the bound");
    if (reason !== undefined) say(`INCOMPLETE: ${reason}; no verdict`);
    if (result.status === "violation") {
      say(`${result.violation.property} violated after ${countOf(result.events.length, "event")} (a shortest counterexample): ${result.violation.message}`);
      if (outcome.table) say(indent(formatTrace(outcome.table, o.full ?? false)));
      say(`saved ${shown(saved!)} — replay it with: nfcheck replay ${shown(saved!)}`);
    }
  }
  await writeRunFiles(`explore ${model.name}`, [report], {
    ...(o.junit !== undefined ? { junit: resolve(o.cwd, o.junit) } : {}), ...(o.report !== undefined ? { report: resolve(o.cwd, o.report) } : {}), quiet: o.json ?? false,
  });
  return code;
}

