/**
 * The `nfcheck` command line (ARCHITECTURE §5). Exit codes: 0 all checks hold, 1 a violation, 2 bad usage or
 * input, 3 an exploration stopped at a bound before a verdict.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { DEFAULT_MAX_STATES } from "../core/explore.ts";
import { handleSigint } from "../core/interrupt.ts";
import { DEFAULT_MAX_MEMORY, formatBytes } from "../core/memory.ts";
import { InputError } from "../core/model.ts";
import { formatCount } from "../core/report.ts";
import { DEFAULT_SHRINK_MS } from "../core/shrink.ts";
import { DEFAULT_CALL_TIMEOUT_MS, runIsolated } from "./isolate.ts";
import { resolveProfile } from "../core/profile.ts";
import { resolveSeed } from "../core/seed.ts";
import { MAX_CORES } from "../models/scr/limits.ts";
import { parseCores, parsePositiveInt, parseShrinkTime } from "./options.ts";
import { EXIT_BAD_INPUT, warn } from "./output.ts";

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

const seedOption = () => new Option("--seed <n>", "seed of the random runs (default: NFCHECK_SEED, else a fixed seed)");
const profileOption = () => new Option("--profile <name>", "run profile").choices(["default", "deep"]);
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
    .description("Executable formal models of stateful network functions, checked by random runs, exhaustive exploration and Z3")
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: oneLine("nfcheck --help lists the commands") });

  const verify = program.command("verify")
    .description("check every model: properties, explorations, proofs and mutants; ends with a summary table")
    .addOption(profileOption())
    .option("--only <pattern>", "only checks whose id contains it, or of this model (repeatable)", collect, [])
    .option("--shard <i/n>", "run the i-th of n disjoint parts of the checks")
    .addOption(seedOption())
    .option("--json", "print the results as JSON")
    .option("--out <dir>", "where counterexamples of unexpected violations go", "counterexamples/found")
    .option("--full", "print counterexample traces in full");
  withOldSave(verify).action((o) => set(inThisThread(async () => (await commands.verify()).verifyCommand(strip(o, "save")))));

  /** A design checker: a user's module, run in a watched worker (`extra` adds the checker's own options). */
  const designChecker = (name: "scr" | "tcp", description: string, what: string, extra: (c: Command) => Command = (c) => c) =>
    extra(program.command(name).description(description).argument("<module>", `${what}: a .ts or .js module, anywhere on disk`))
      .addOption(seedOption())
      .addOption(profileOption())
      .option("--out <dir>", "where the counterexample is saved", "counterexamples/found")
      .option("--keep-going", "run every check even after one fails")
      .option("--allow-vacuous", "accept a pass in which the design never did what matters (no edit, one verdict, no state change)")
      .option("--shrink-time <s>", `time budget of shrinking a counterexample, in seconds (default ${DEFAULT_SHRINK_MS / 1_000})`)
      .option("--json", "print the results as JSON")
      .option("--full", "print counterexample traces in full")
      .addOption(callTimeoutOption())
      .action((module: string, o) => {
        // Options are checked here, before the worker starts: a typo is answered at once.
        resolveSeed(o.seed);
        resolveProfile(o.profile);
        if (o.shrinkTime !== undefined) parseShrinkTime(o.shrinkTime);
        if (o.cores !== undefined) parseCores(o.cores, MAX_CORES);
        return set(runIsolated({ name, options: { module, ...strip(o, "callTimeout") } }, parsePositiveInt(o.callTimeout, "--call-timeout")));
      });

  designChecker("scr", "check an SCR-aware program (a module that default-exports an ScrProgram)", "the design",
    (c) => c.option("--cores <list>", "numbers of cores for SCR equivalence, e.g. 1-8 or 2,4", "1-8")
      .option("--traffic <file>", "a JSON array of packets (or of arrays of packets) to run first and to draw packets from"));
  designChecker("tcp", "check a stream rewriter (a module that default-exports a Rewriter) end to end behind the modelled middlebox", "the rewriter",
    (c) => c.option("--stream <text>", "a stream to run first and to build streams from (repeatable)", collect, [])
      .option("--corpus <file>", "a file of streams: a JSON array of strings, or text with one stream per line"));

  program.command("explore")
    .description("explore every state of a model within bounds (breadth first: a violation found is a shortest one)")
    .argument("<model>", "the model: scr (sequencer and replicas), scr.recovery (loss recovery, Alg. 1), tcp (stream-rewriting middlebox), flow (MiddleClick flow table) or ribosome (header/payload split)")
    .option("--cores <k>", "number of cores (default 3)")
    .option("--packets <n>", "scr: longest packet sequence (default 5); scr.recovery: packets in the stream (default 6); flow: packets per session (default 2); ribosome: packets that arrive (default 4)")
    .option("--history <n>", "scr: history rows H (default k − 1); scr.recovery: history entries per packet N (default k)")
    .option("--program <name|module>", "scr: a built-in program or a module; scr.recovery: the built-in program its consistency check runs", "port-knocking")
    .option("--alphabet-size <n>", "scr: how many packets of the standard alphabet (of 10) may arrive", "4")
    .option("--alphabet <file>", "scr: a JSON array of packets instead of the standard alphabet")
    .option("--spray <policy>", "scr: round-robin or rss-hash")
    .option("--no-tail-assumption", "scr.recovery: any packet may be lost, even the last one a core would get")
    .option("--no-recovery", "scr.recovery: skip lost sequences instead of running handle_loss_recovery")
    .option("--log <entries>", "scr.recovery: a ring log of this many entries per core (default unbounded)")
    .option("--log-stores-seq", "scr.recovery: ring log entries carry their sequence number")
    .option("--loss-budget <n>", "scr.recovery: at most n packets lost (default any number); tcp: (default 1)")
    .option("--reorder", "scr.recovery: a core may receive its in-flight packets in any order; tcp: channels reorder")
    .option("--max-update <how>", "scr.recovery: line 14 as written (assign) or keeping the larger max (max)")
    .option("--fault <name>", "scr.recovery, tcp, flow, ribosome: a broken variant of the model (a mutant)")
    .option("--rewriter <name|module>", "tcp: a built-in rewriter (fig11, remove-word, mask-word, replace-word, insert-header) or a module", "fig11")
    .option("--stream <text>", "tcp: the original stream (default ABCDEFGH)")
    .option("--isn <n>", "tcp: the sender's initial sequence number (default 2^32 − 3: the stream wraps)")
    .option("--mss <n>", "tcp: largest segment the sender sends (default 3)")
    .option("--window <n>", "tcp: sender window in bytes (default 4); ribosome: rate × maximal latency in packets: fewer arrive while one is in flight (default 3)")
    .option("--rcv-window <n>", "tcp: receiver window in bytes (default 2)")
    .option("--duplicates <n>", "tcp: at most n packets duplicated (default 0)")
    .option("--retransmit <how>", "tcp: a timeout resends everything outstanding (all) or the first segment (first)")
    .option("--below-ack <how>", "tcp: retransmissions below the last ACK are trimmed (trim) or mapped through the pruned list (map)")
    .option("--no-pruning", "tcp: never prune the modification list")
    .option("--sessions <n>", "flow: sessions (default 3; two per source IP, colliding in one bucket)")
    .option("--pool <n>", "flow: FCBs in the pool (default 2)")
    .option("--ports-per-ip <n>", "flow: sessions per source IP (default 2)")
    .option("--ip-buckets <n>", "flow: slots of the IP level's hash table (default 2)")
    .option("--buckets <n>", "flow: slots of each port table (default 2)")
    .option("--cache <n>", "flow: entries of the RSS cache, 0 for none (default 0)")
    .option("--timeout <s>", "flow: FCB timeout after its count reaches zero (default 2)")
    .option("--clean-timer <s>", "flow: period of the clean timer (default 4; the paper's 15 s, the code's 5 s, scaled with the timeout)")
    .option("--threshold <n>", "flow: initial pending-list threshold (default 1); ribosome: packets above this many bytes are split (default 128)")
    .option("--ticks <list>", "flow: sizes a tick may have, e.g. 1,3 (default 1)")
    .option("--horizon <s>", "flow: time ends here (default 10)")
    .option("--held <n>", "flow: packets held at once (default 2)")
    .option("--expired-same-session <how>", "flow: an expired, uncollected FCB met by its own session is renewed (renew), revived (revive) or revived with a zero timeout (revive-zero-timeout)")
    .option("--sizes <list>", "ribosome: sizes an arriving packet may have, in bytes (default 64,400)")
    .option("--flows <n>", "ribosome: flows, for --server-choice flow-hash (default 1)")
    .option("--header-length <n>", "ribosome: bytes kept as the header; the payload starts here (default 54)")
    .option("--servers <n>", "ribosome: RDMA servers (default 2)")
    .option("--server-choice <how>", "ribosome: round-robin or flow-hash (the public code)")
    .option("--slots <n>", "ribosome: payload slots in each server's ring (default 2)")
    .option("--header-slots <n>", "ribosome: header slots (IDs) at the switch (default 3)")
    .option("--header-buffer <how>", "ribosome: reserve (an ID is held until its packet leaves; full: packets go whole) or overwrite (the public code)")
    .option("--no-tag-check", "ribosome: do not compare the payload's tag with the request's (the public code)")
    .option("--no-read-lease", "ribosome: a header whose READ was lost stays forever, uncounted (the public code)")
    .option("--nf-drops <n>", "ribosome: packets the NF may drop (default 1)")
    .option("--read-losses <n>", "ribosome: READ responses the network may lose (default 1)")
    .option("--no-reduction", "no partial-order reduction: expand every enabled event (same verdicts, more states)")
    .option("--max-states <n>", `stop (and report the run as incomplete) after this many states (default ${formatCount(DEFAULT_MAX_STATES)})`)
    .option("--max-memory <size>", `stop (and report the run as incomplete) when the process holds this much memory: 4g, 512m, 2GiB or bytes (default ${formatBytes(DEFAULT_MAX_MEMORY)})`)
    .option("--out <dir>", "where a counterexample is saved", "counterexamples/found")
    .option("--json", "print the result as JSON")
    .option("--full", "print the counterexample trace in full")
    .addOption(callTimeoutOption())
    .action((model: string, o) => set(runIsolated({ name: "explore", options: { model, ...strip(o, "callTimeout") } }, parsePositiveInt(o.callTimeout, "--call-timeout"))));

  program.command("replay")
    .description("replay saved counterexamples; exit 0 when each still does what it records")
    .argument("<files...>", "counterexample files")
    .option("--full", "print traces in full")
    .option("--quiet", "no trace tables")
    .addOption(callTimeoutOption())
    .action((files: string[], o) => set(runIsolated({ name: "replay", options: { files, ...strip(o, "callTimeout") } }, parsePositiveInt(o.callTimeout, "--call-timeout"))));

  program.command("prove")
    .description("prove the Z3 lemmas (or the one named)")
    .argument("[name]", "a lemma: ring-order, throughput-monotone, recovery-atomicity-bmc, tcp-mapping-laws, tcp-prune-invariance, fcb-layout")
    .option("--timeout <ms>", "Z3 time limit per query")
    .option("--json", "print the results as JSON")
    .action((name: string | undefined, o) => set(commands.prove().then((m) => m.proveCommand({ ...o, ...(name !== undefined ? { name } : {}) }))));

  program.command("cost")
    .description("performance-cost models with the papers' parameters")
    .argument("[model]", "scr, flow or ribosome", "scr")
    .option("--max-cores <k>", "largest core count in the throughput table", "16")
    .option("--json", "print as JSON")
    .action((model: string, o) => set(commands.cost().then((m) => m.costCommand({ ...o, model }))));

  const mutants = program.command("mutants")
    .description("run every registered mutant: each must be killed by the property it names")
    .option("--only <pattern>", "only mutants whose id contains it (repeatable)", collect, [])
    .addOption(seedOption())
    .addOption(profileOption())
    .option("--out <dir>", "save each killing counterexample here")
    .option("--json", "print the results as JSON");
  withOldSave(mutants).action((o) => set(inThisThread(async () => (await commands.mutants()).mutantsCommand(strip(o, "save")))));

  for (const c of program.commands) c.configureOutput({ outputError: oneLine(`nfcheck ${c.name()} --help lists its options`) });

  try {
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
