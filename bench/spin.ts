/**
 * Runs the SPIN peer (bench/peers/spin/scr.pml, SCR Algorithm 1 in Promela) on one configuration, the way
 * the peer's own run script does: in a fresh temporary directory,
 *
 *   spin -a -DK=.. -DM=.. -DTAIL=.. -DMUT=.. [-DL=..] scr.pml
 *   gcc -O2 -DSAFETY -DMEMLIM=16000 -o pan pan.c
 *   ./pan -m1000000
 *
 * and, when pan reports an error, again compiled with -DBFS for the depth of the shortest violating run.
 * Every program is started with execFile (no shell) under a time limit; the directory is removed
 * afterwards. What comes back is pan's own figures: errors, states stored, transitions, its elapsed time
 * (pan's clock ticks every 10 ms) and the first error's kind and depth.
 *
 * Standalone: `node --import tsx bench/spin.ts K M TAIL MUT [L] [--spin-model <file>]`.
 */
import { execFile, type ExecFileException } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** One configuration, in the model's own switches. */
export interface SpinConfig {
  /** -DK: cores. */
  readonly cores: number;
  /** -DM: packets. */
  readonly packets: number;
  /** -DTAIL: the last K packets are always delivered. */
  readonly tail: boolean;
  /** -DMUT: seeded bug 1–5, 0 for the algorithm. */
  readonly mut: number;
  /** -DL: a ring log of this many entries without sequence numbers (absent: unbounded log). */
  readonly log?: number;
}

export interface SpinOptions {
  /** The Promela file (default: bench/peers/spin/scr.pml). */
  readonly model?: string;
  /** Time limit for each pan run (default 300 s); spin -a and gcc get 120 s each. */
  readonly timeoutMs?: number;
  /**
   * Cores for pan's multi-core search (gcc -DNCORE=n, Holzmann and Bošnački 2007); default 1. With more
   * than one, no breadth-first re-run for the shortest error (its length comes from the one-core run).
   */
  readonly cores?: number;
}

/** An error pan reported: "invalid end state", "assertion violated", ... and where. */
export interface SpinError {
  readonly kind: string;
  /** The assertion's text, e.g. "((n==0)||(n==3))", for an assertion violation. */
  readonly assertion: string | null;
  /** pan's depth of the error: its number of steps from the initial state. */
  readonly depth: number;
}

export interface SpinFigures {
  /** States stored. */
  readonly states: number;
  readonly transitions: number;
  /** pan's own elapsed time of the search (10 ms resolution). */
  readonly seconds: number;
  /** Wall-clock time of the pan process, start-up (hash table, stack) included. */
  readonly wallSeconds: number;
  /** spin -a and gcc, for the depth-first and (on an error) the breadth-first binary. */
  readonly buildSeconds: number;
  /** pan's "total actual memory usage": hash table, DFS stack and states, bytes (NaN if pan did not say). */
  readonly memoryBytes: number;
  /** pan's "actual memory usage for states" per state stored (state vector and its overhead), bytes. */
  readonly bytesPerState: number;
}

export type SpinResult =
  | { readonly status: "unavailable"; readonly message: string }
  | { readonly status: "failed"; readonly message: string }
  | ({ readonly status: "pass" } & SpinFigures)
  | ({ readonly status: "incomplete"; readonly reason: string } & SpinFigures)
  | ({
      readonly status: "violation";
      /** The error the depth-first search found. */
      readonly error: SpinError;
      /** The first error of the breadth-first search: a shortest violating run (null if that run failed). */
      readonly shortest: SpinError | null;
      /** The breadth-first run's states stored and elapsed seconds (null if that run failed). */
      readonly bfs: { readonly states: number; readonly seconds: number } | null;
    } & SpinFigures);

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEFAULT_SPIN_MODEL = join(REPO_ROOT, "bench", "peers", "spin", "scr.pml");
export const SPIN_MISSING = "spin is not installed (apt-get install spin)";
const GCC_MISSING = "gcc is not installed (apt-get install gcc)";
const PAN_ARGS = ["-m1000000"];
const GCC_ARGS = ["-O2", "-DSAFETY", "-DMEMLIM=16000"];
const BUILD_TIMEOUT_MS = 120_000;
const DEFAULT_TIMEOUT_MS = 300_000;

interface Exec {
  readonly ok: boolean;
  readonly output: string;
  readonly missing: boolean;
  readonly timedOut: boolean;
  readonly seconds: number;
  readonly error: string | null;
}

function run(file: string, args: readonly string[], cwd: string | undefined, timeoutMs: number): Promise<Exec> {
  const started = performance.now();
  return new Promise((done) => {
    execFile(file, args, { cwd, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 << 20, encoding: "utf8" }, (error, stdout, stderr) => {
      const e = error as ExecFileException | null;
      const seconds = (performance.now() - started) / 1_000;
      done({
        ok: e === null,
        output: `${stdout}${stderr}`,
        missing: e?.code === "ENOENT",
        timedOut: e !== null && e.killed === true,
        seconds,
        error: e === null ? null : e.message.split("\n")[0]!,
      });
    });
  });
}

export interface SpinTools {
  readonly ok: boolean;
  /** "Spin Version 6.5.2 -- 6 December 2019, gcc 12.2.0", or why the peer cannot run. */
  readonly message: string;
}

let tools: Promise<SpinTools> | undefined;

/** Whether spin and gcc can be started here (checked once). */
export function spinTools(): Promise<SpinTools> {
  tools ??= (async () => {
    const spin = await run("spin", ["-V"], undefined, 10_000);
    if (spin.missing) return { ok: false, message: SPIN_MISSING };
    const gcc = await run("gcc", ["--version"], undefined, 10_000);
    if (gcc.missing) return { ok: false, message: GCC_MISSING };
    const spinVersion = /Spin Version [^\n]*/.exec(spin.output)?.[0].trim() ?? "spin (version unknown)";
    const gccVersion = /\d+\.\d+\.\d+/.exec(gcc.output.split("\n")[0] ?? "")?.[0];
    return { ok: true, message: `${spinVersion}, gcc ${gccVersion ?? "(version unknown)"}` };
  })();
  return tools;
}

/** The -D switches of one configuration. */
export function spinDefines(c: SpinConfig): string[] {
  const d = [`-DK=${c.cores}`, `-DM=${c.packets}`, `-DTAIL=${c.tail ? 1 : 0}`, `-DMUT=${c.mut}`];
  if (c.log !== undefined) d.push(`-DL=${c.log}`);
  return d;
}

/** "K=3 M=6 TAIL=1 MUT=0", plus L when the log is a ring. */
export function describeSpinConfig(c: SpinConfig): string {
  return spinDefines(c).map((d) => d.slice(2)).join(" ");
}

const number = (text: string | undefined) => (text === undefined ? Number.NaN : Number(text));

/** pan's figures and first error, read from its output. */
export function parsePanOutput(output: string): {
  errors: number; states: number; transitions: number; seconds: number; error: SpinError | null; incomplete: string | null; memoryBytes: number; bytesPerState: number;
} {
  const MB = 2 ** 20;
  const memoryBytes = number(/^\s*([\d.]+)\s+total actual memory usage/m.exec(output)?.[1]) * MB;
  const stateBytes = number(/^\s*([\d.]+)\s+actual memory usage for states/m.exec(output)?.[1]) * MB;
  // With -DNCORE, a worker that finds an error prints it as "cpu1: pan:1: ..." and stops the search
  // before the summary: no "errors:" line and no states stored, only cpu0's "(n states visited)".
  const first = /^(?:cpu\d+: )?pan:\d+: (.*) \(at depth (\d+)\)\s*$/m.exec(output);
  const errors = number(/errors: (\d+)/.exec(output)?.[1] ?? (first ? "1" : undefined));
  const states = number(/^\s*([\d.e+]+) states, stored/m.exec(output)?.[1] ?? /\((\d+) states visited\)/.exec(output)?.[1]);
  const transitions = number(/^\s*([\d.e+]+) transitions/m.exec(output)?.[1]);
  const seconds = number(/elapsed time ([\d.e+-]+) seconds/.exec(output)?.[1]);
  let error: SpinError | null = null;
  if (first) {
    const text = first[1]!.trim();
    const assertion = /^assertion violated (.*)$/.exec(text);
    error = assertion ? { kind: "assertion violated", assertion: assertion[1]!, depth: Number(first[2]) } : { kind: text, assertion: null, depth: Number(first[2]) };
  }
  let incomplete: string | null = null;
  if (/max search depth too small/.test(output)) incomplete = `pan's depth limit (${PAN_ARGS.join(" ")}) was reached`;
  else if (/MEMLIM bound|out of memory/.test(output)) incomplete = "pan ran out of memory";
  return { errors, states, transitions, seconds, error, incomplete, memoryBytes, bytesPerState: stateBytes / states };
}

/** Generates pan.c and compiles it into `binary` (with `extra` gcc flags); null, or why it failed. */
async function build(dir: string, model: string, c: SpinConfig, binary: string, extra: readonly string[]): Promise<{ seconds: number; failure: string | null }> {
  let seconds = 0;
  if (!existsSync(join(dir, "pan.c"))) {
    const spin = await run("spin", ["-a", ...spinDefines(c), model], dir, BUILD_TIMEOUT_MS);
    seconds += spin.seconds;
    if (spin.missing) return { seconds, failure: SPIN_MISSING };
    if (!spin.ok || !existsSync(join(dir, "pan.c"))) return { seconds, failure: `spin -a failed: ${lastLines(spin.output) || spin.error}` };
  }
  const gcc = await run("gcc", [...GCC_ARGS, ...extra, "-o", binary, "pan.c"], dir, BUILD_TIMEOUT_MS);
  seconds += gcc.seconds;
  if (gcc.missing) return { seconds, failure: GCC_MISSING };
  if (!gcc.ok) return { seconds, failure: `gcc failed: ${lastLines(gcc.output) || gcc.error}` };
  return { seconds, failure: null };
}

const lastLines = (text: string) => text.trim().split("\n").slice(-3).join(" / ");

/** SPIN on one configuration. Never throws for a missing tool, a failed build or a timeout: see `status`. */
export async function runSpin(c: SpinConfig, options: SpinOptions = {}): Promise<SpinResult> {
  const available = await spinTools();
  if (!available.ok) return { status: "unavailable", message: available.message };
  const source = resolve(options.model ?? DEFAULT_SPIN_MODEL);
  if (!existsSync(source)) return { status: "failed", message: `the SPIN model ${source} does not exist` };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const dir = await mkdtemp(join(tmpdir(), "nfcheck-spin-"));
  try {
    const model = basename(source);
    await copyFile(source, join(dir, model));
    const cores = options.cores ?? 1;
    const dfs = await build(dir, model, c, "pan", cores > 1 ? [`-DNCORE=${cores}`] : []);
    if (dfs.failure) return { status: "failed", message: dfs.failure };
    const pan = await run("./pan", PAN_ARGS, dir, timeoutMs);
    if (pan.timedOut) return { status: "failed", message: `pan did not finish within ${Math.round(timeoutMs / 1_000)} s` };
    const out = parsePanOutput(pan.output);
    if (Number.isNaN(out.errors) || Number.isNaN(out.states)) return { status: "failed", message: `cannot read pan's output: ${lastLines(pan.output) || pan.error}` };
    const figures = {
      states: out.states, transitions: out.transitions, seconds: Number.isNaN(out.seconds) ? 0 : out.seconds, wallSeconds: pan.seconds,
      memoryBytes: out.memoryBytes, bytesPerState: out.bytesPerState,
    };
    if (out.errors === 0) {
      if (out.incomplete) return { status: "incomplete", reason: out.incomplete, ...figures, buildSeconds: dfs.seconds };
      return { status: "pass", ...figures, buildSeconds: dfs.seconds };
    }
    const error = out.error ?? { kind: "error", assertion: null, depth: Number.NaN };
    if (cores > 1) return { status: "violation", error, shortest: null, bfs: null, ...figures, buildSeconds: dfs.seconds };
    // The same run breadth-first: its first error is at the smallest depth.
    const bfs = await build(dir, model, c, "panb", ["-DBFS"]);
    let shortest: SpinError | null = null;
    let bfsFigures: { states: number; seconds: number } | null = null;
    if (!bfs.failure) {
      const panb = await run("./panb", PAN_ARGS, dir, timeoutMs);
      if (!panb.timedOut) {
        const b = parsePanOutput(panb.output);
        shortest = b.error;
        if (!Number.isNaN(b.states)) bfsFigures = { states: b.states, seconds: Number.isNaN(b.seconds) ? 0 : b.seconds };
      }
    }
    return { status: "violation", error, shortest, bfs: bfsFigures, ...figures, buildSeconds: dfs.seconds + bfs.seconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `--spin-model <file>` / `--spin-model=<file>`, else NFCHECK_SPIN_MODEL, else the peer's model. */
export function spinModelFrom(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): string {
  for (let a = 0; a < argv.length; a++) {
    const arg = argv[a]!;
    if (arg === "--spin-model" && argv[a + 1] !== undefined) return resolve(argv[a + 1]!);
    if (arg.startsWith("--spin-model=")) return resolve(arg.slice("--spin-model=".length));
  }
  return env.NFCHECK_SPIN_MODEL ? resolve(env.NFCHECK_SPIN_MODEL) : DEFAULT_SPIN_MODEL;
}

/** One line for people: "pass", "invalid end state at depth 11", "assertion violated ((n==0)||(n==3)) at depth 43". */
export function describeSpinResult(r: SpinResult): string {
  switch (r.status) {
    case "unavailable":
    case "failed":
      return r.message;
    case "incomplete":
      return `incomplete: ${r.reason}`;
    case "pass":
      return "pass";
    case "violation": {
      const e = r.shortest ?? r.error;
      return `${e.kind}${e.assertion ? ` ${e.assertion}` : ""} at depth ${e.depth}${r.shortest ? " (shortest)" : ""}`;
    }
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const numbers = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== "--spin-model").map(Number);
  if (numbers.length < 4) {
    process.stderr.write("usage: node --import tsx bench/spin.ts K M TAIL MUT [L] [--spin-model <file>]\n");
    process.exit(2);
  }
  const [cores, packets, tail, mut, log] = numbers as [number, number, number, number, number | undefined];
  const config: SpinConfig = { cores, packets, tail: tail === 1, mut, ...(log !== undefined && log > 0 ? { log } : {}) };
  const r = await runSpin(config, { model: spinModelFrom(args) });
  const figures = "states" in r ? `, ${r.states} states, ${r.transitions} transitions, ${r.seconds} s` : "";
  process.stdout.write(`${describeSpinConfig(config)}: ${describeSpinResult(r)}${figures}\n`);
  if (r.status === "unavailable" || r.status === "failed") process.exitCode = 2;
}
