/**
 * The `nfcheck` command line (ARCHITECTURE §5). Exit codes: 0 all checks hold, 1 a violation, 2 bad usage or
 * input, 3 an exploration stopped at a bound before a verdict.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { DEFAULT_MAX_STATES } from "../core/explore.ts";
import { handleSigint } from "../core/interrupt.ts";
import { DEFAULT_MAX_MEMORY, formatBytes, parseSize } from "../core/memory.ts";
import { InputError } from "../core/model.ts";
import { formatCount, progressAfterMs } from "../core/report.ts";
import { DEFAULT_SHRINK_MS } from "../core/shrink.ts";
import { DEFAULT_SYSTEM_MAX_STATES, DEFAULT_WALKS, DEFAULT_WALK_STEPS } from "../core/system-bounds.ts";
import { DEFAULT_CALL_TIMEOUT_MS, runIsolated } from "./isolate.ts";
import { resolveProfile } from "../core/profile.ts";
import { resolveSeed } from "../core/seed.ts";
import { MAX_CORES } from "../models/scr/limits.ts";
import { parseCores, parseIntOption, parsePositiveInt, parseShrinkTime } from "./options.ts";
import { EXIT_BAD_INPUT, say, warn } from "./output.ts";

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

const seedOption = () => new Option("--seed <n>", "seed of the random runs (default: NFCHECK_SEED, else a fixed seed)");
const profileOption = () => new Option("--profile <name>", "run profile").choices(["default", "deep"]);
const hashCompactionOption = () => new Option("--hash-compaction", "keep a 64-bit fingerprint per state instead of its key (far less memory; prints the probability that a state was missed)");
const callTimeoutOption = () => new Option("--call-timeout <ms>", "stop a design whose single call takes longer than this").default(String(DEFAULT_CALL_TIMEOUT_MS));
const collect = (value: string, previous: string[]) => [...previous, value];

export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const set = (p: Promise<number>) => p.then((c) => { code = c; });
  // Commands are loaded when they run: a command that runs in the worker (scr, tcp, explore, replay) loads
  // the models there, and the main thread of every command starts in a fraction of the time.
  const commands = {
    verify: () => import("./commands/verify.ts"),
    mutants: () => import("./commands/mutants.ts"),
    prove: () => import("./commands/prove.ts"),
    cost: () => import("./commands/cost.ts"),
  };
  /** A command that runs checks in this thread: Ctrl-C asks it to stop and keep what it found (cli/isolate.ts does it for the others). */
  const inThisThread = (run: () => Promise<number>): Promise<number> => {
    const off = handleSigint(() => warn("nfcheck: stopping at the next step and keeping what was found (Ctrl-C again quits now)"));
    return run().finally(off);
  };
  const program = new Command("nfcheck")
    .enablePositionalOptions()
    .description("Executable formal models of stateful network functions, checked by random runs, exhaustive exploration and Z3")
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: oneLine("nfcheck --help lists the commands") });

  const verify = program.command("verify")
    .description("check every model: properties, explorations, proofs and mutants; ends with a summary table")
    .addOption(profileOption())
    .option("--only <pattern>", "only checks whose id contains it, or of this model (repeatable)", collect, [])
    .option("--shard <i/n>", "run the i-th of n disjoint parts of the checks")
    .option("--jobs <n>", "worker threads the checks are shared out over (default: the machine's cores; 1: this thread)")
    .addOption(seedOption())
    .option("--json", "print the results as JSON")
    .option("--out <dir>", "where counterexamples of unexpected violations go", "counterexamples/found")
    .option("--full", "print counterexample traces in full")
    .option("--junit <file>", "also write the results as JUnit XML (one testsuite per system, one testcase per check)")
    .option("--report <dir>", "also write an HTML report (<dir>/index.html): the checks, each counterexample as a sequence diagram");
  withOldSave(verify).action((o) => set(inThisThread(async () => (await commands.verify()).verifyCommand(strip(o, "save")))));

  /** A design checker: a user's module, run in a watched worker (`extra` adds the checker's own options). */
  const designChecker = (name: "scr" | "tcp" | "table", description: string, what: string, extra: (c: Command) => Command = (c) => c) =>
    extra(program.command(name).description(description).argument("<module>", `${what}: a .ts or .js module, anywhere on disk`))
      .addOption(seedOption())
      .addOption(profileOption())
      .option("--out <dir>", "where the counterexample is saved", "counterexamples/found")
      .option("--keep-going", "run every check even after one fails")
      .option("--allow-vacuous", "accept a pass in which the design never did what matters (no edit, one verdict, no state change)")
      .option("--shrink-time <s>", `time budget of shrinking a counterexample, in seconds (default ${DEFAULT_SHRINK_MS / 1_000})`)
      .option("--json", "print the results as JSON")
      .option("--full", "print counterexample traces in full")
      .option("--junit <file>", "also write the results as JUnit XML")
      .option("--report <dir>", "also write an HTML report (<dir>/index.html): the checks, each counterexample as a sequence diagram")
      .addOption(callTimeoutOption())
      .action((module: string, o) => {
        // Options are checked here, before the worker starts: a typo is answered at once.
        resolveSeed(o.seed);
        resolveProfile(o.profile);
        if (o.shrinkTime !== undefined) parseShrinkTime(o.shrinkTime);
        if (o.cores !== undefined) parseCores(o.cores, MAX_CORES);
        if (o.capacity !== undefined) parseIntOption(o.capacity, "--capacity", 1);
        return set(runIsolated({ name, options: { module, ...strip(o, "callTimeout") } }, parsePositiveInt(o.callTimeout, "--call-timeout")));
      });

  designChecker("scr", "check an SCR-aware program (a module that default-exports an ScrProgram)", "the design",
    (c) => c.option("--cores <list>", "numbers of cores for SCR equivalence, e.g. 1-8 or 2,4", "1-8")
      .option("--traffic <file>", "a JSON array of packets (or of arrays of packets) to run first and to draw packets from"));
  designChecker("tcp", "check a stream rewriter (a module that default-exports a Rewriter) end to end behind the modelled middlebox", "the rewriter",
    (c) => c.option("--stream <text>", "a stream to run first and to build streams from (repeatable)", collect, [])
      .option("--corpus <file>", "a file of streams: a JSON array of strings, or text with one stream per line"));
  designChecker("table", "check a connection table of your own (a module that default-exports { name, init, insert, lookup, delete, expire? }) against a map, with adversarial hash functions", "the table",
    (c) => c.option("--capacity <n>", "the capacity of the small tables explored (random runs use 4 ×)", "3")
      .option("--hashes <list>", "hash families, comma-separated: one-bucket, two-buckets, identity, fnv (default: all)"));

  program.command("check")
    .description("check your own system (a module that default-exports { name, config, init, enabled, step, invariants, … }): every state within the bounds, random walks and its faults")
    .argument("<module>", "the system: a .ts or .js module, anywhere on disk")
    .option("--set <field=value>", "change a config field (repeatable; the value is read as JSON, else as a string)", collect, [])
    .option("--config <file>", "a JSON object of config fields over the defaults (--set applies on top)")
    .option("--max-depth <n>", "expand no state this many events from the start (default: no depth bound)")
    .option("--max-states <n>", `stop the exploration (incomplete) after this many states (default ${formatCount(DEFAULT_SYSTEM_MAX_STATES)})`)
    .option("--max-memory <size>", `stop the exploration (incomplete) when the process holds this much memory (default ${formatBytes(DEFAULT_MAX_MEMORY)})`)
    .addOption(hashCompactionOption())
    .option("--runs <n>", `random walks (default ${DEFAULT_WALKS}; 0: none)`)
    .option("--steps <n>", `events per random walk, at most (default ${DEFAULT_WALK_STEPS})`)
    .addOption(seedOption())
    .option("--property <name>", "check only this property (repeatable; no-deadlock, no-exception and pure-step are always checked)", collect, [])
    .option("--allow-vacuous", "accept a pass in which the system never took a step")
    .option("--shrink-time <s>", `time budget of shrinking a failing walk, in seconds (default ${DEFAULT_SHRINK_MS / 1_000})`)
    .option("--out <dir>", "where counterexamples are saved", "counterexamples/found")
    .option("--json", "print the results as JSON")
    .option("--full", "print counterexample traces in full")
    .option("--junit <file>", "also write the results as JUnit XML (exploration, random walks, each fault)")
    .option("--report <dir>", "also write an HTML report (<dir>/index.html), each counterexample as a sequence diagram")
    .addOption(callTimeoutOption())
    .action((module: string, o) => set((async () => {
      // Options are checked here, before the worker starts: a typo is answered at once.
      (await import("./commands/check-options.ts")).parseCheckOptions(o);
      return runIsolated({ name: "check", options: { module, ...strip(o, "callTimeout") } }, parsePositiveInt(o.callTimeout, "--call-timeout"));
    })()));

  /** What every exploration takes, whatever the system (its config options come from its definition). */
  const exploreBounds = (c: Command) => c
    .option("--no-reduction", "no partial-order reduction: expand every enabled event (same verdicts, more states)")
    .option("--workers <n>", "explore on this many worker threads, level by level (same states, verdicts and shortest length; default 1: in one thread)")
    .addOption(hashCompactionOption())
    .option("--max-states <n>", `stop (and report the run as incomplete) after this many states (default ${formatCount(DEFAULT_MAX_STATES)})`)
    .option("--max-memory <size>", `stop (and report the run as incomplete) when the process holds this much memory: 4g, 512m, 2GiB or bytes (default ${formatBytes(DEFAULT_MAX_MEMORY)})`)
    .option("--out <dir>", "where a counterexample is saved", "counterexamples/found")
    .option("--json", "print the result as JSON")
    .option("--full", "print the counterexample trace in full")
    .option("--junit <file>", "also write the result as JUnit XML (one testcase)")
    .option("--report <dir>", "also write an HTML report (<dir>/index.html), with the counterexample as a sequence diagram")
    .addOption(callTimeoutOption());

  program.command("explore")
    .description("explore every state of a system within bounds (breadth first: a violation found is a shortest one); nfcheck explore <system> --help lists its options")
    .argument("<system>", "a built-in system (nfcheck list names them)")
    .argument("[options...]", "the system's options")
    .helpOption(false).allowUnknownOption().passThroughOptions()
    .action((name: string, rest: string[]) => set((async () => {
      const { exploreCommandLine } = await import("./system-options.ts");
      if (name === "--help" || name === "-h") {
        const { loadSystems } = await import("../systems/registry.ts");
        say(`Usage: nfcheck explore <system> [options]\n\nsystems: ${(await loadSystems()).map((s) => s.name).join(", ")}\nnfcheck explore <system> --help lists a system's options; nfcheck list <system> describes its fields, properties and faults`);
        return 0;
      }
      const { systemNamed } = await import("../systems/registry.ts");
      const { configFromOptions } = await import("./system-options.ts");
      const system = await systemNamed(name);
      const command = exploreCommandLine(system, exploreBounds).exitOverride()
        .configureOutput({ writeOut: (t) => process.stdout.write(t), outputError: oneLine(`nfcheck explore ${name} --help lists its options`) });
      command.parse(rest, { from: "user" });
      const o = command.opts();
      const cwd = process.cwd();
      const config = await configFromOptions(system, o, cwd);
      const request = {
        system: system.name, config, cwd, properties: o.property as string[],
        maxStates: o.maxStates !== undefined ? parsePositiveInt(o.maxStates, "--max-states") : DEFAULT_MAX_STATES,
        maxMemory: o.maxMemory !== undefined ? parseSize(o.maxMemory, "--max-memory") : DEFAULT_MAX_MEMORY,
        ...(o.maxDepth !== undefined ? { maxDepth: parseIntOption(o.maxDepth, "--max-depth", 0) } : {}),
        reduce: o.reduction !== false, out: o.out as string, json: o.json === true, full: o.full === true,
        workers: o.workers !== undefined ? parseIntOption(o.workers, "--workers", 1, 255) : 1, hashCompaction: o.hashCompaction === true,
        ...(o.junit !== undefined ? { junit: o.junit as string } : {}), ...(o.report !== undefined ? { report: o.report as string } : {}),
      };
      return runIsolated({ name: "explore", options: request }, parsePositiveInt(o.callTimeout, "--call-timeout"));
    })()));

  program.command("list")
    .description("the built-in systems; with a name, its config fields, properties, faults and boundaries")
    .argument("[system]", "a system")
    .option("--json", "print as JSON")
    .action((system: string | undefined, o) => set(import("./commands/list.ts").then((m) => m.listCommand({ ...o, ...(system !== undefined ? { system } : {}) }))));

  program.command("replay")
    .description("replay saved counterexamples; exit 0 when each still does what it records")
    .argument("<files...>", "counterexample files")
    .option("--full", "print traces in full")
    .option("--quiet", "no trace tables")
    .option("--json", "print the results as JSON")
    .option("--report <dir>", "also write an HTML report (<dir>/index.html): each file's trace as a sequence diagram")
    .addOption(callTimeoutOption())
    .action((files: string[], o) => set(runIsolated({ name: "replay", options: { files, ...strip(o, "callTimeout") } }, parsePositiveInt(o.callTimeout, "--call-timeout"))));

  program.command("report")
    .description("draw saved counterexamples as an HTML report: a sequence diagram each, with the state after every event")
    .argument("<files...>", "counterexample files")
    .requiredOption("--out <dir>", "the report's directory (<dir>/index.html)")
    .addOption(callTimeoutOption())
    .action((files: string[], o) => set(runIsolated({ name: "report", options: { files, out: o.out as string } }, parsePositiveInt(o.callTimeout, "--call-timeout"))));

  program.command("prove")
    .description("prove the Z3 lemmas (or the one named)")
    .argument("[name]", "a lemma: ring-order, throughput-monotone, recovery-atomicity-bmc, tcp-mapping-laws, tcp-prune-invariance, fcb-layout")
    .option("--timeout <ms>", "Z3 time limit per query")
    .option("--json", "print the results as JSON")
    .action((name: string | undefined, o) => set(commands.prove().then((m) => m.proveCommand({ ...o, ...(name !== undefined ? { name } : {}) }))));

  program.command("cost")
    .description("a system's performance-cost model with the papers' parameters; nfcheck cost <system> --help lists its options")
    .argument("[system]", "a system with a cost model (nfcheck cost --help lists them)", "scr")
    .argument("[options...]", "the cost model's options, and --json")
    .helpOption(false).allowUnknownOption().passThroughOptions()
    .action((system: string, rest: string[]) => set(commands.cost().then((m) => m.costCommand(system, rest, oneLine))));

  const mutants = program.command("mutants")
    .description("run every registered mutant: each must be killed by the property it names")
    .option("--only <pattern>", "only mutants whose id contains it (repeatable)", collect, [])
    .addOption(seedOption())
    .addOption(profileOption())
    .option("--out <dir>", "save each killing counterexample here")
    .option("--json", "print the results as JSON")
    .option("--junit <file>", "also write the results as JUnit XML (a mutant killed is a passing testcase)")
    .option("--report <dir>", "also write an HTML report (<dir>/index.html): each mutant's killing trace as a sequence diagram");
  withOldSave(mutants).action((o) => set(inThisThread(async () => (await commands.mutants()).mutantsCommand(strip(o, "save")))));

  for (const c of program.commands) c.configureOutput({ outputError: oneLine(`nfcheck ${c.name()} --help lists its options`) });

  try {
    progressAfterMs(); // the environment's setting, checked before any command starts
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    if (e instanceof InputError) {
      warn(`nfcheck: ${e.message}`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  return code;
}

/**
 * `--save <dir>`, the old name of verify's and mutants' `--out` (which scr, tcp and explore have): still
 * taken, for old scripts, as `--out` — the later of the two wins —, but no longer shown.
 */
function withOldSave(c: Command): Command {
  return c.addOption(new Option("--save <dir>").hideHelp()).on("option:save", (dir: string) => c.setOptionValueWithSource("out", dir, "cli"));
}

/** Commander's own errors (an unknown option, a missing argument) as one line, like every other error. */
function oneLine(hint: string) {
  return (text: string, write: (text: string) => void) => write(`nfcheck: ${text.replace(/^error: /, "").trim().replace(/\s*\n\s*/g, " ")} (${hint})\n`);
}

function strip<T extends Record<string, unknown>, K extends string>(o: T, key: K): Omit<T, K> {
  const { [key]: _, ...rest } = o;
  return rest;
}
