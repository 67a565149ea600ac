/**
 * `nfcheck check <module>`: a user's own system (core/user-system.ts) — every state within the bounds,
 * random walks, and its faults (core/check-system.ts) — with what was checked, each violation's trace
 * (saved, and replayable from any directory: the file names the module relative to itself) and an exit
 * code: 0 all hold, 1 a violation or a fault not killed by its property, 2 bad input (cli/worker.ts), 3 a
 * bound stopped the exploration before a verdict and nothing failed, 130 Ctrl-C before anything failed.
 */
import { relative, resolve } from "node:path";
import { checkSystem, type ExplorationOutcome, type FaultOutcome, type RandomOutcome, type SystemCheckProgress, type SystemCheckResult } from "../../core/check-system.ts";
import { canonicalKey } from "../../core/canonical.ts";
import { describeRandomProgress } from "../../core/check.ts";
import { makeCounterexample, type Counterexample } from "../../core/counterexample.ts";
import { EXIT_INTERRUPTED, interruptRequested } from "../../core/interrupt.ts";
import { loadSystem } from "../../core/load-system.ts";
import { formatBytes } from "../../core/memory.ts";
import type { Found } from "../../core/random.ts";
import { countOf, formatCount, formatDuration, omissionLine, Progress } from "../../core/report.ts";
import type { Violation } from "../../core/spec.ts";
import { counterexampleFileName, readJsonFile, saveCounterexampleSync } from "../../core/store.ts";
import { configFileOverride, resolveConfig, type ConfigOverride } from "../../core/system-config.ts";
import { systemModel } from "../../core/system-model.ts";
import { explainSystemTrace } from "../../core/system-trace.ts";
import { ALWAYS_CHECKED, type UserSystem, type SystemConfig } from "../../core/user-system.ts";
import { DEFAULT_SYSTEM_MAX_STATES, DEFAULT_WALKS, DEFAULT_WALK_STEPS } from "../../core/system-bounds.ts";
import { EXIT_INCOMPLETE, EXIT_OK, EXIT_VIOLATION, describeRun, formatTrace, indent, say, shown } from "../output.ts";
import { parseCheckOptions, type CheckOptions } from "./check-options.ts";
import { checkSystemReports } from "./check-reports.ts";
import { checkRunFilePaths, runFileOptions, writeRunFiles } from "../run-files.ts";
import { checkResult, resultsJson } from "../../report/results.ts";

export type { CheckOptions } from "./check-options.ts";

const LABELS = { explore: "explore", random: "random walks" } as const;

export async function checkCommand(o: CheckOptions, context: (text: string) => void = () => {}): Promise<number> {
  const p = parseCheckOptions(o);
  checkRunFilePaths(o);
  const outDir = resolve(o.out ?? "counterexamples/found");
  context(`loading ${o.module}`);
  const { system, path } = await loadSystem(o.module, [process.cwd()]);
  const overrides: ConfigOverride[] = [...(o.config !== undefined ? [configFileOverride(await readJsonFile(o.config), o.config)] : []), ...p.sets];
  // The config checked, as checkSystem resolves it: for the header, and for a walk saved before it returns.
  const config = resolveConfig(system.defaults, overrides);
  // The saved file names the module relative to itself, so that it replays from any working directory.
  const module = relative(outDir, path);
  const save = (cx: Omit<Parameters<typeof makeCounterexample>[0], "model" | "module">): Counterexample => makeCounterexample({ model: system.name, module, ...cx });

  // A failing random walk is saved as soon as it is found, then as shrinking improves it, in one file.
  let randomFile: string | undefined;
  let lastSave = 0;
  const saveWalk = (f: Found<unknown>, config: SystemConfig, shrunk?: "no" | "partly") => {
    const cx = save({ config, violation: f.violation, events: f.events, found: "random", seed: p.seed.seed, ...(shrunk !== undefined ? { shrunk } : {}) });
    randomFile ??= resolve(outDir, counterexampleFileName(cx));
    saveCounterexampleSync(randomFile, cx);
    lastSave = performance.now();
  };

  const progress = new Map<string, Progress>();
  const show = (label: string, text: string) => {
    if (o.json) return;
    let bar = progress.get(label);
    if (bar === undefined) progress.set(label, (bar = new Progress(label)));
    bar.update(text);
  };
  const doneAll = () => {
    for (const bar of progress.values()) bar.done();
    progress.clear();
  };
  let current = "explore";
  const onProgress = (e: SystemCheckProgress) => {
    if (e.part === "start") {
      doneAll();
      current = e.what === "fault" ? `fault ${e.fault}` : LABELS[e.what];
      context(current === "explore" ? "exploring" : current);
      return;
    }
    if (e.part === "explore") show(current, `${countOf(e.states, "state")}, depth ${e.depth}, frontier ${formatCount(e.frontier)}, ${formatBytes(e.memory)}`);
    else show(current, describeRandomProgress(e.progress));
  };

  if (!o.json) header(system, path, config, p);
  const result = checkSystem(system, {
    where: o.module, overrides, properties: p.properties, seed: p.seed.seed, onProgress,
    ...(p.maxDepth !== undefined ? { maxDepth: p.maxDepth } : {}),
    ...(p.maxStates !== undefined ? { maxStates: p.maxStates } : {}),
    ...(p.maxMemory !== undefined ? { maxMemory: p.maxMemory } : {}),
    hashCompaction: p.hashCompaction,
    ...(p.runs !== undefined ? { runs: p.runs } : {}),
    ...(p.steps !== undefined ? { steps: p.steps } : {}),
    ...(p.shrinkMs !== undefined ? { shrinkMs: p.shrinkMs } : {}),
    onFound: (f) => {
      saveWalk(f, config, "no");
      if (o.json) return;
      doneAll();
      say(`… random walks: ${f.violation.property} violated after ${countOf(f.events.length, "event")}, saved unshrunk to ${shown(randomFile!)}; shrinking (Ctrl-C stops it and keeps the best so far)`);
    },
    onSmaller: (f) => {
      if (performance.now() - lastSave >= 2_000) saveWalk(f, config, "partly");
    },
  });
  doneAll();

  // Counterexamples: the exploration's (a shortest one), the random walk's (shrunk), a fault's that broke another property.
  const saved: { exploration?: string; random?: string; faults: Record<string, string> } = { faults: {} };
  const rw = result.random;
  if (rw?.status === "violation") {
    // The file was named after the first trace found; the final one is what it holds.
    saveWalk({ violation: rw.violation!, events: rw.events! }, result.config, rw.shrunk === "partly" ? "partly" : undefined);
    saved.random = randomFile!;
  }
  const ex = result.exploration;
  if (ex?.status === "violation") {
    // After the walk's: when both found the same trace in the same file, it is recorded as the exploration's.
    const cx = save({ config: result.config, violation: ex.violation!, events: ex.events!, found: "explore" });
    saved.exploration = resolve(outDir, counterexampleFileName(cx));
    saveCounterexampleSync(saved.exploration, cx);
  }
  for (const f of result.faults) {
    if (f.status !== "other-property") continue;
    const cx = save({ config: f.config, violation: f.exploration!.violation!, events: f.exploration!.events!, found: "explore", note: `fault ${f.name} must break ${f.kills}; this shortest trace breaks ${f.exploration!.violation!.property} first` });
    const file = resolve(outDir, counterexampleFileName(cx));
    saveCounterexampleSync(file, cx);
    saved.faults[f.name] = file;
  }

  const code = result.verdict === "violation" ? EXIT_VIOLATION
    : interruptRequested() ? EXIT_INTERRUPTED
    : result.verdict === "pass" && result.vacuous !== null && !o.allowVacuous ? EXIT_VIOLATION
    : result.verdict === "incomplete" ? EXIT_INCOMPLETE : EXIT_OK;
  // The parts as checks for JSON, JUnit and the report; a counterexample not saved names the module absolutely.
  const reports = checkSystemReports(result, saved, path, o.allowVacuous ?? false);
  if (o.json) {
    const data = {
      module: path, config: result.config, properties: result.properties, verdict: result.verdict, vacuous: result.vacuous,
      ...(result.exploration?.omissionProbability !== undefined ? { omissionProbability: result.exploration.omissionProbability } : {}),
      faults: result.faults.map((f) => ({ name: f.name, kills: f.kills, status: f.status, ...(f.reason !== undefined ? { reason: f.reason } : {}) })),
    };
    say(resultsJson({ command: `check ${system.name}`, exitCode: code, seed: p.seed, data }, reports.map(checkResult)));
  } else {
    report(result, system, saved, o.full ?? false);
  }
  await writeRunFiles(`check ${system.name}`, reports, { ...runFileOptions(o), quiet: o.json ?? false, seed: p.seed.seed });
  return code;
}

/** How to go further after each bound. */
const RAISE: Readonly<Record<string, string>> = {
  states: " (--max-states raises it; --max-depth bounds the search instead)",
  memory: " (--max-memory raises it)",
  heap: " (NODE_OPTIONS=--max-old-space-size=<MiB> raises V8's limit)",
  interrupt: "",
};

/** What is checked, before it runs: the system, its config, its properties, the bounds and the seed. */
function header(system: UserSystem, path: string, config: SystemConfig, p: ReturnType<typeof parseCheckOptions>): void {
  say(`nfcheck check: "${system.name}" from ${shown(path)}${system.description ? ` — ${system.description}` : ""}`);
  say(`config: ${JSON.stringify(config)}`);
  const checked = (name: string) => p.properties.length === 0 || p.properties.includes(name);
  const own = (group: readonly { name: string }[], what: string) => {
    const names = group.map((g) => g.name).filter(checked);
    return names.length > 0 ? [`${names.join(", ")} (${what})`] : [];
  };
  say(`properties: ${[...own(system.invariants, "invariants"), ...own(system.steps, "step properties"), ...own(system.finals, "final properties"), `built in: ${ALWAYS_CHECKED.join(", ")}`].join("; ")}`);
  const states = `at most ${formatCount(p.maxStates ?? DEFAULT_SYSTEM_MAX_STATES)} states`;
  const depth = p.maxDepth !== undefined ? `depth at most ${p.maxDepth}` : "no depth bound";
  const runs = p.runs ?? DEFAULT_WALKS;
  const walks = runs === 0 ? "no random walks" : `${countOf(runs, "random walk")} of up to ${countOf(p.steps ?? DEFAULT_WALK_STEPS, "event")}, ${describeRun(p.seed)}`;
  const compaction = p.hashCompaction ? "; hash compaction (64-bit fingerprints) in every exploration" : "";
  say(`bounds: ${states}, ${depth} (--max-states, --max-depth)${compaction}; ${walks}`);
}

function report(r: SystemCheckResult, system: UserSystem, saved: { exploration?: string; random?: string; faults: Record<string, string> }, full: boolean): void {
  const model = systemModel(system);
  const table = (config: SystemConfig, events: readonly unknown[]) => indent(formatTrace(explainSystemTrace(model, config, events, full ? { width: Number.POSITIVE_INFINITY } : {}), full));
  const savedLine = (file: string) => say(`  saved ${shown(file)} — replay it with: nfcheck replay ${shown(file)}`);

  const ex = r.exploration;
  if (ex) {
    const bound = ex.maxDepth !== null ? `, depth bound ${ex.maxDepth}` : "";
    say(`${ex.status === "pass" ? "✓" : "✗"} explore  ${ex.status === "pass" ? `pass${withinDepth(ex)}` : ex.status.toUpperCase()}  ${exploredWork(ex)}${bound}  ${formatDuration(ex.timeMs)}`);
    if (ex.omissionProbability !== undefined) say(`  ${omissionLine(ex.omissionProbability)}`);
    if (ex.status === "incomplete") say(`  INCOMPLETE: ${ex.reason}${RAISE[ex.limit!] ?? ""}; no verdict`);
    if (ex.status === "violation") {
      say(`  ${ex.violation!.property} violated after ${countOf(ex.events!.length, "event")} (a shortest counterexample): ${ex.violation!.message}`);
      say(table(r.config, ex.events!));
      savedLine(saved.exploration!);
    }
  }
  const rw = r.random;
  if (rw) {
    say(`${rw.status === "pass" ? "✓" : "✗"} random walks  ${rw.status === "pass" ? "pass" : rw.status.toUpperCase()}  ${walkWork(rw)}  ${formatDuration(rw.timeMs)}`);
    if (rw.reason) say(`  ${rw.reason}`);
    if (rw.status === "violation") {
      const shrunk = `${rw.shrunk === "partly" ? "partly shrunk" : "shrunk"} from ${countOf(rw.foundLength!, "event")}`;
      say(`  ${rw.violation!.property} violated after ${countOf(rw.events!.length, "event")} (${shrunk}; seed ${rw.seed}, path "${rw.path}"): ${rw.violation!.message}`);
      const same = ex?.status === "violation" && sameTrace(ex.violation!, ex.events!, rw.violation!, rw.events!);
      if (same) say("  the same trace as the exploration's");
      else say(table(r.config, rw.events!));
      savedLine(saved.random!);
    }
  }
  for (const f of r.faults) reportFault(f, table, saved.faults[f.name], savedLine);

  say();
  say(summary(r));
}

const sameTrace = (a: Violation, ea: readonly unknown[], b: Violation, eb: readonly unknown[]) => a.property === b.property && canonicalKey(ea) === canonicalKey(eb);

/** " within depth 5 (12 states had events left)" when the depth bound cut the search. */
function withinDepth(e: ExplorationOutcome): string {
  return e.maxDepth !== null && e.cutAtDepth > 0 ? ` within depth ${e.maxDepth} (${countOf(e.cutAtDepth, "state")} at the bound had events left)` : "";
}

function exploredWork(e: ExplorationOutcome): string {
  return `${countOf(e.states, "state")}, ${countOf(e.transitions, "transition")}, depth ${e.depth}`;
}

function walkWork(rw: RandomOutcome): string {
  return `${countOf(rw.runs, "walk")} of up to ${countOf(rw.steps, "event")}`;
}

function reportFault(f: FaultOutcome, table: (c: SystemConfig, e: readonly unknown[]) => string, file: string | undefined, savedLine: (file: string) => void): void {
  const e = f.exploration;
  const name = `fault ${f.name}${f.description ? ` (${f.description})` : ""}`;
  const time = e ? `  ${formatDuration(e.timeMs)}` : "";
  switch (f.status) {
    case "killed":
      say(`✓ ${name}: killed by ${f.kills} after ${countOf(e!.events!.length, "event")}${time}`);
      return;
    case "not-run":
      say(`- ${name}: not run: ${f.reason}`);
      return;
    case "survived":
      say(`✗ ${name}: SURVIVED: no violation of ${f.kills}${withinDepth(e!)} (${exploredWork(e!)})${time}`);
      if (e!.omissionProbability !== undefined) say(`  ${omissionLine(e!.omissionProbability)}`);
      return;
    case "incomplete":
      say(`✗ ${name}: INCOMPLETE: ${e!.reason}${RAISE[e!.limit!] ?? ""}; not killed yet${time}`);
      return;
    case "other-property":
      say(`✗ ${name}: broke ${e!.violation!.property} before ${f.kills}, which it must break${time}`);
      say(`  ${e!.violation!.property} violated after ${countOf(e!.events!.length, "event")}: ${e!.violation!.message}`);
      say(table(f.config, e!.events!));
      if (file !== undefined) savedLine(file);
      return;
  }
}

/** The closing line: what was checked, and the verdict. */
function summary(r: SystemCheckResult): string {
  const parts: string[] = [];
  const ex = r.exploration;
  if (ex) parts.push(`${countOf(ex.states, "state")} explored to depth ${ex.depth}${ex.maxDepth !== null && ex.cutAtDepth > 0 ? ` (bound ${ex.maxDepth})` : ""}`);
  if (r.random) parts.push(`${countOf(r.random.runs, "random walk")} (seed ${r.random.seed})`);
  if (r.faults.length > 0) parts.push(`${r.faults.filter((f) => f.status === "killed").length} of ${countOf(r.faults.length, "fault")} killed`);
  const what = parts.join(", ");
  if (r.verdict === "pass") return r.vacuous !== null ? `VACUOUS: ${r.vacuous} — ${what} (--allow-vacuous accepts it)` : `all hold: ${what}`;
  if (r.verdict === "incomplete") return `INCOMPLETE: no verdict — ${what}`;
  const failed = [
    ...(ex?.status === "violation" ? [`explore broke ${ex.violation!.property}`] : []),
    ...(r.random?.status === "violation" ? [`random walks broke ${r.random.violation!.property}`] : []),
    ...r.faults.filter((f) => f.status === "survived" || f.status === "other-property").map((f) => `fault ${f.name} not killed by ${f.kills}`),
  ];
  return `FAILED: ${failed.join("; ")} — ${what}`;
}
