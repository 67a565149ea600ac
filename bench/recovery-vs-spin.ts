/**
 * The peer benchmark: nfcheck's explorer and SPIN on the same SCR loss-recovery configurations — the
 * peer's default table (K cores, M packets, the tail assumption, seeded bugs MUT 1–5) and its ring-log rows
 * (L entries without sequence numbers). nfcheck runs models/scr/recovery.ts with RECOVERY_SPECS over
 * port knocking (`nfcheck explore scr.recovery`, a process per run); SPIN runs bench/peers/spin/scr.pml
 * (bench/spin.ts). Both use the same step definition, so verdicts and shortest violations compare; state
 * counts differ (SPIN's partial-order reduction and its own bookkeeping steps), and the figure to compare is
 * the time to the same verdict. Every row runs twice: on one core (nfcheck in one thread, pan as the peer
 * builds it) and on two (nfcheck's parallel explorer on 2 workers, pan built with -DNCORE=2); each run
 * prints its time, states, bytes per state and peak memory.
 *
 * Verdicts agree when both pass, when nfcheck's no-deadlock meets SPIN's invalid end state, or when any
 * safety property of nfcheck's (atomicity, per-core-order, eventual-consistency, no-log-overrun) meets any
 * assertion of SPIN's (its assertions cover order, atomicity, consistency and validity).
 *
 * `npm run bench` runs it after the other figures; alone: `node --import tsx bench/recovery-vs-spin.ts`.
 * Options: `--deep` (or NFCHECK_BENCH_DEEP=1) adds the configurations nfcheck needs more than ~20 s for;
 * `--spin-model <file>` (or NFCHECK_SPIN_MODEL) runs another Promela file; NFCHECK_SPIN_TIMEOUT (seconds)
 * limits each pan run (default 300).
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { formatBytes } from "../core/memory.ts";
import { formatCount, formatTable } from "../core/report.ts";
import { DEADLOCK } from "../core/spec.ts";
import { toRecoveryConfig, type RecoveryConfigJson } from "../models/scr/recovery-config.ts";
import { recoveryModel, type RecoveryEvent, type RecoveryFault } from "../models/scr/recovery.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { ATOMICITY, EVENTUAL_CONSISTENCY, NO_LOG_OVERRUN, PER_CORE_ORDER } from "../specs/scr-recovery.ts";
import {
  DEFAULT_SPIN_MODEL, describeSpinConfig, runSpin, spinModelFrom, spinTools, type SpinConfig, type SpinError, type SpinResult,
} from "./spin.ts";

/** SPIN's MUT n is nfcheck's fault MUT_FAULTS[n]. */
export const MUT_FAULTS: readonly (RecoveryFault | null)[] = [
  null, "not-init-as-lost", "lost-everywhere-after-one", "max-advanced-early", "minseq-off-by-one", "history-not-applied",
];

interface Row extends SpinConfig {
  /** Only with --deep: nfcheck needs more than ~20 s for it. */
  readonly deep?: true;
}

const row = (cores: number, packets: number, tail: 0 | 1, mut: number, extra: { log?: number; deep?: true } = {}): Row =>
  ({ cores, packets, tail: tail === 1, mut, ...extra });

/**
 * The peer's default table, then its ring-log rows. K=3 M=12 is deep: nfcheck's explorer takes about
 * 70 s and 2 GiB for its 5.6 M states, and more on two workers (K=3 M=10, 0.86 M states, takes 7–12 s).
 */
export const ROWS: readonly Row[] = [
  row(2, 4, 1, 0), row(2, 6, 1, 0), row(2, 8, 1, 0),
  row(3, 4, 1, 0), row(3, 6, 1, 0), row(3, 8, 1, 0), row(3, 10, 1, 0), row(3, 12, 1, 0, { deep: true }),
  row(4, 8, 1, 0),
  row(2, 4, 0, 0), row(3, 6, 0, 0),
  row(3, 6, 1, 1), row(3, 6, 1, 2), row(3, 6, 1, 3), row(3, 6, 1, 4), row(3, 6, 1, 5),
  row(2, 4, 1, 0, { log: 2 }), row(2, 8, 1, 0, { log: 6 }), row(2, 8, 1, 0, { log: 7 }),
];

const SAFETY = new Set([ATOMICITY, PER_CORE_ORDER, EVENTUAL_CONSISTENCY, NO_LOG_OVERRUN]);

export function recoveryJson(c: SpinConfig): RecoveryConfigJson {
  const fault = MUT_FAULTS[c.mut];
  if (fault === undefined) throw new Error(`SPIN's MUT ${c.mut} has no counterpart in nfcheck`);
  return {
    cores: c.cores, packets: c.packets, tailAssumption: c.tail,
    ...(fault ? { fault } : {}),
    ...(c.log !== undefined ? { log: { entries: c.log, storesSeq: false } } : {}),
  };
}

/** "K=3 M=6", then only what differs from the peer's defaults: TAIL=0, MUT=n, L=n. */
function label(c: SpinConfig): string {
  return describeSpinConfig(c).split(" ").filter((d) => d !== "TAIL=1" && d !== "MUT=0").join(" ");
}

/** What an `nfcheck explore --json` run gave: its verdict and figures, and the violation's trace. */
type NfcheckFigures = Figures & (
  | { readonly status: "pass" }
  | { readonly status: "incomplete"; readonly reason: string }
  | { readonly status: "violation"; readonly violation: { readonly property: string }; readonly events: readonly RecoveryEvent[] }
);

interface Figures {
  readonly states: number;
  readonly transitions: number;
  /** The search, ms: the exploration's own time less the workers' start (reported apart, as SPIN's build is). */
  readonly searchMs: number;
  readonly startMs: number;
  readonly bytesPerState: number;
  readonly peakMemory: number;
}

type NfcheckRun = { readonly result: NfcheckFigures; readonly blocked: number } | { readonly error: string };

const CLI = fileURLToPath(new URL("../cli/bin.mjs", import.meta.url));

/**
 * nfcheck on one configuration, as a user runs it: `nfcheck explore scr.recovery --config <file> --json`
 * in a process of its own (so that its peak memory is its own, as pan's is), on `workers` worker threads
 * when more than one.
 */
async function runNfcheck(c: SpinConfig, workers = 1): Promise<NfcheckRun> {
  const dir = await mkdtemp(join(tmpdir(), "nfcheck-bench-"));
  try {
    const json = recoveryJson(c);
    await writeFile(join(dir, "config.json"), JSON.stringify(json));
    const args = [CLI, "explore", "scr.recovery", "--config", join(dir, "config.json"), "--json", "--out", join(dir, "found"), ...(workers > 1 ? ["--workers", `${workers}`] : [])];
    const stdout = await new Promise<string>((done, fail) => {
      execFile(process.execPath, args, { maxBuffer: 256 << 20, encoding: "utf8" }, (error, out, err) => {
        // Exit 1 (a violation) and 3 (incomplete) still print the document.
        if (out.trim().startsWith("{")) done(out);
        else fail(new Error(`nfcheck explore exited ${error?.code ?? "?"}: ${(err || out).trim().split("\n").slice(-1)[0]}`));
      });
    });
    const doc = JSON.parse(stdout) as {
      checks: { status: string; message?: string; timeMs: number; measures: { states: number; transitions: number }; violation?: { property: string }; counterexample?: { events: RecoveryEvent[] } }[];
      data: { peakMemory: number; bytesPerState: number; workersStartMs?: number };
    };
    const check = doc.checks[0]!;
    const startMs = doc.data.workersStartMs ?? 0;
    const figures: Figures = {
      states: check.measures.states, transitions: check.measures.transitions, searchMs: check.timeMs - startMs, startMs,
      bytesPerState: doc.data.bytesPerState, peakMemory: doc.data.peakMemory,
    };
    const result: NfcheckFigures = check.status === "pass" ? { status: "pass", ...figures }
      : check.violation ? { status: "violation", violation: check.violation, events: check.counterexample?.events ?? [], ...figures }
      : { status: "incomplete", reason: check.message ?? check.status, ...figures };
    let blocked = 0;
    if (result.status === "violation") {
      // Replayed for the cores that never finish (a deadlock's shortest run, in SPIN's steps, depends on it).
      const config = toRecoveryConfig(json, SCR_PROGRAMS["port-knocking"]!);
      let s = recoveryModel.init(config);
      for (const e of result.events) s = recoveryModel.step(s, e, config);
      blocked = s.cores.filter((core) => core.phase.at !== "idle" || core.link.length > 0).length;
    }
    return { result, blocked };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** SPIN's assertion, named after what it checks in scr.pml. */
function assertionName(text: string | null): string {
  if (text === null) return "?";
  if (/\(n==0\)\|\|\(n==\d+\)/.test(text)) return "atomicity";
  if (/appl\[0\]/.test(text)) return "consistency";
  if (/seen/.test(text)) return "validity";
  if (/appl\[_pid\]>>/.test(text)) return "order";
  return text;
}

function describeSpinError(e: SpinError): string {
  return e.kind === "assertion violated" ? `assert ${assertionName(e.assertion)}` : e.kind;
}

function nfcheckVerdict(run: NfcheckRun): string {
  if ("error" in run) return `error: ${run.error}`;
  const r = run.result;
  if (r.status === "pass") return "pass";
  if (r.status === "incomplete") return `incomplete (${r.reason})`;
  return `${r.violation.property} @${r.events.length}`;
}

function spinVerdict(r: SpinResult): string {
  switch (r.status) {
    case "pass": return "pass";
    case "incomplete": return `incomplete (${r.reason})`;
    case "violation": {
      const e = r.shortest ?? r.error;
      return `${describeSpinError(e)} @${e.depth}${r.shortest ? "" : " (DFS)"}`;
    }
    default: return r.message;
  }
}

/**
 * SPIN's depth for nfcheck's shortest run, if the two are the same run: SPIN also takes the sequencer's
 * loop exit, one end-of-stream send per core (nfcheck: one `end` event), and for every core that finishes
 * its end-of-stream receive and its "finished" step; the end-of-run check fails in the state before its
 * d_step. So +3K at the end of run, +K + 2·(cores that finish) for a deadlock.
 */
function spinDepthOf(run: NfcheckRun, cores: number): number | null {
  if ("error" in run || run.result.status !== "violation") return null;
  const r = run.result;
  if (r.violation.property === PER_CORE_ORDER) return null; // fails mid-run, before the end of stream
  return r.events.length + cores + 2 * (cores - run.blocked);
}

type Agreement = "yes" | "no" | null;

function agreement(run: NfcheckRun, spin: SpinResult): Agreement {
  if ("error" in run || (spin.status !== "pass" && spin.status !== "violation")) return null;
  const r = run.result;
  if (r.status === "incomplete") return null;
  if (r.status === "pass" || spin.status === "pass") return r.status === spin.status ? "yes" : "no";
  const kind = (spin.shortest ?? spin.error).kind;
  if (r.violation.property === DEADLOCK) return kind === "invalid end state" ? "yes" : "no";
  if (SAFETY.has(r.violation.property)) return kind === "assertion violated" ? "yes" : "no";
  return "no";
}

const isDone = (r: SpinResult): r is Extract<SpinResult, { states: number }> => r.status === "pass" || r.status === "violation" || r.status === "incomplete";

/** Below this many states, what a run adds to the process's memory is mostly noise: no figure per state. */
const BYTES_FROM = 50_000;

function nfcheckFigures(run: NfcheckRun): string[] {
  if ("error" in run) return ["—", "—", "—", "—"];
  const r = run.result;
  return [formatCount(r.states), seconds(r.searchMs / 1_000), r.states >= BYTES_FROM ? formatCount(Math.round(r.bytesPerState)) : "—", formatBytes(r.peakMemory)];
}

function spinFigures(r: SpinResult): string[] {
  if (!isDone(r)) return ["—", "—", "—", "—"];
  const known = (n: number, f: (n: number) => string) => (Number.isFinite(n) ? f(n) : "—");
  return [formatCount(r.states), seconds(r.seconds), known(r.bytesPerState, (b) => formatCount(Math.round(b))), known(r.memoryBytes, formatBytes)];
}

/**
 * Whether the parallel explorer gave what the one-thread explorer gave: on a pass the same states and
 * transitions; on a violation one of the same length (where several properties break after that many
 * events, which one a search meets first depends on its order).
 */
function sameResult(one: NfcheckRun, two: NfcheckRun): "yes" | "yes (other property)" | "no" {
  if ("error" in one || "error" in two) return "no";
  const a = one.result;
  const b = two.result;
  if (a.status === "pass" && b.status === "pass") return a.states === b.states && a.transitions === b.transitions ? "yes" : "no";
  if (a.status === "violation" && b.status === "violation" && a.events.length === b.events.length) {
    return a.violation.property === b.violation.property ? "yes" : "yes (other property)";
  }
  return "no";
}

/** One core's time over two cores'. */
function speedUp(one: NfcheckRun, two: NfcheckRun): string {
  if ("error" in one || "error" in two) return "—";
  return `${(one.result.searchMs / two.result.searchMs).toFixed(2)}×`;
}

function ratioOf(nfcheckSeconds: number, spin: SpinResult): { value: number; bound: boolean } | null {
  if (spin.status !== "pass" && spin.status !== "violation") return null;
  // pan's clock ticks every 10 ms: "0 seconds" is under one tick, so the ratio is at least this.
  return spin.seconds > 0 ? { value: nfcheckSeconds / spin.seconds, bound: false } : { value: nfcheckSeconds / 0.01, bound: true };
}

const formatRatio = (r: { value: number; bound: boolean } | null) =>
  r === null ? "—" : `${r.bound ? ">" : ""}${r.value >= 10 ? Math.round(r.value).toLocaleString("en-US") : r.value.toFixed(1)}×`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface RecoveryVsSpinOptions {
  /** Include the rows marked deep (nfcheck needs more than ~20 s). */
  readonly deep?: boolean;
  readonly spinModel?: string;
  readonly spinTimeoutMs?: number;
  /** Progress, one line per row (default: stderr). */
  readonly progress?: (line: string) => void;
}

export function recoveryVsSpinOptionsFrom(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): RecoveryVsSpinOptions {
  const timeout = Number(env.NFCHECK_SPIN_TIMEOUT);
  return {
    deep: argv.includes("--deep") || (env.NFCHECK_BENCH_DEEP !== undefined && env.NFCHECK_BENCH_DEEP !== "" && env.NFCHECK_BENCH_DEEP !== "0"),
    spinModel: spinModelFrom(argv, env),
    ...(Number.isFinite(timeout) && timeout > 0 ? { spinTimeoutMs: timeout * 1_000 } : {}),
  };
}

const seconds = (s: number) => s.toFixed(2);

/** Runs every row with both tools and returns the report (table and summary) for stdout. */
export async function recoveryVsSpin(options: RecoveryVsSpinOptions = {}): Promise<string> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const model = options.spinModel ?? DEFAULT_SPIN_MODEL;
  const tools = await spinTools();
  const rows = ROWS.filter((r) => options.deep || !r.deep);
  const skipped = ROWS.filter((r) => !options.deep && r.deep);
  const out: string[] = [];
  out.push(`nfcheck's explorer vs SPIN on SCR loss recovery (Alg. 1): models/scr/recovery.ts over port knocking, and ${displayPath(model)}`);
  out.push(tools.ok ? `SPIN: ${tools.message}; gcc -O2 -DSAFETY, pan -m1000000, partial-order reduction; shortest runs with -DBFS` : `SPIN: ${tools.message} — nfcheck's figures alone`);
  if (!tools.ok) progress(`recovery vs SPIN: ${tools.message}; nfcheck's figures alone`);

  const table: string[][] = [];
  const table2: string[][] = [];
  const ratios: { value: number; bound: boolean; spinSeconds: number }[] = [];
  const ratios2: { value: number; bound: boolean; spinSeconds: number }[] = [];
  let agreed = 0;
  let compared = 0;
  let sameLength = 0;
  let lengthsCompared = 0;
  let sameStates = 0;
  let buildSeconds = 0;
  const disagreements: string[] = [];
  const differentStates: string[] = [];
  const spinOptions = { model, ...(options.spinTimeoutMs !== undefined ? { timeoutMs: options.spinTimeoutMs } : {}) };
  for (const [n, c] of rows.entries()) {
    // One core: nfcheck's explorer in this thread, SPIN's pan as built by the peer's script.
    const nf = await runNfcheck(c);
    const cells = [label(c), nfcheckVerdict(nf), ...nfcheckFigures(nf)];
    let line = `recovery vs SPIN [${n + 1}/${rows.length}] ${label(c)}: nfcheck ${nfcheckVerdict(nf)}${"error" in nf ? "" : ` in ${seconds(nf.result.searchMs / 1_000)} s`}`;
    // Two cores: the parallel explorer on two workers, pan with -DNCORE=2.
    const nf2 = await runNfcheck(c, 2);
    const same = sameResult(nf, nf2);
    if (same !== "no") sameStates++;
    else differentStates.push(`${label(c)}: ${nfcheckVerdict(nf)} on one core, ${nfcheckVerdict(nf2)} on two`);
    const cells2 = [label(c), nfcheckVerdict(nf2), ...nfcheckFigures(nf2), same === "no" ? "NO" : same, speedUp(nf, nf2)];
    line += `; on 2 workers ${nfcheckVerdict(nf2)}${"error" in nf2 ? "" : ` in ${seconds(nf2.result.searchMs / 1_000)} s`}`;
    if (tools.ok) {
      const spin = await runSpin(c, spinOptions);
      const done = isDone(spin);
      if (done) buildSeconds += spin.buildSeconds;
      const ratio = "error" in nf ? null : ratioOf(nf.result.searchMs / 1_000, spin);
      if (ratio && (spin.status === "pass" || spin.status === "violation")) ratios.push({ ...ratio, spinSeconds: spin.seconds });
      const agree = agreement(nf, spin);
      let agreeCell = agree ?? "—";
      if (agree !== null) {
        compared++;
        if (agree === "yes") agreed++;
        else disagreements.push(`${label(c)}: nfcheck ${nfcheckVerdict(nf)}, SPIN ${spinVerdict(spin)}`);
      }
      if (agree === "yes" && spin.status === "violation" && spin.shortest) {
        const expected = spinDepthOf(nf, c.cores);
        if (expected !== null) {
          lengthsCompared++;
          if (expected === spin.shortest.depth) sameLength++;
          else agreeCell = `yes (length ${expected} ≠ ${spin.shortest.depth})`;
        }
      }
      cells.push(spinVerdict(spin), ...spinFigures(spin), formatRatio(ratio), agreeCell === "no" ? "NO" : agreeCell);
      line += `; SPIN ${spinVerdict(spin)}${done ? ` in ${seconds(spin.seconds)} s` : ""}`;
      if (spin.status === "violation" && spin.bfs) line += ` (-DBFS: ${formatCount(spin.bfs.states)} states, ${seconds(spin.bfs.seconds)} s)`;
      if (done) line += ` (build ${seconds(spin.buildSeconds)} s)`;

      const spin2 = await runSpin(c, { ...spinOptions, cores: 2 });
      if (isDone(spin2)) buildSeconds += spin2.buildSeconds;
      const ratio2 = "error" in nf2 ? null : ratioOf(nf2.result.searchMs / 1_000, spin2);
      if (ratio2 && (spin2.status === "pass" || spin2.status === "violation")) ratios2.push({ ...ratio2, spinSeconds: spin2.seconds });
      const spinSpeedUp = isDone(spin) && isDone(spin2) && spin2.seconds > 0 ? `${(spin.seconds / spin2.seconds).toFixed(2)}×` : "—";
      cells2.push(spinVerdict(spin2), ...spinFigures(spin2), spinSpeedUp, formatRatio(ratio2));
      line += `; SPIN -DNCORE=2 ${spinVerdict(spin2)}${isDone(spin2) ? ` in ${seconds(spin2.seconds)} s` : ""}`;
    }
    table.push(cells);
    table2.push(cells2);
    progress(line);
  }

  const figureColumns = ["states", "s", "B/state", "peak"];
  const columns = ["configuration", "nfcheck", ...figureColumns];
  const columns2 = ["configuration", "nfcheck, 2 workers", ...figureColumns, "= 1 worker", "speed-up"];
  if (tools.ok) {
    columns.push("SPIN", ...figureColumns.map((f) => `SPIN ${f}`), "time ratio", "agree");
    columns2.push("SPIN -DNCORE=2", ...figureColumns.map((f) => `SPIN ${f}`), "SPIN speed-up", "time ratio");
  }
  out.push("", "One core: nfcheck's explorer in one thread; SPIN's pan as the peer builds it.", formatTable({ columns, rows: table }), "");
  out.push("Two cores: nfcheck's parallel explorer on 2 worker threads (core/parallel-explore.ts); pan with -DNCORE=2.", formatTable({ columns: columns2, rows: table2 }), "");
  out.push(`the parallel explorer's verdicts (a pass with the same states and transitions, or a violation of the same length) equal the one-thread explorer's on ${sameStates} of ${rows.length} configurations${differentStates.length ? `; they differ on ${differentStates.join("; ")}` : ""}`);
  if (tools.ok) {
    out.push(`verdicts agree on ${agreed} of ${compared} configurations${disagreements.length ? `; they differ on ${disagreements.join("; ")}` : ""}`);
    if (lengthsCompared > 0) {
      out.push(`shortest violations: ${sameLength} of ${lengthsCompared} have the same length in both tools once SPIN's own steps are counted (see below)`);
    }
    for (const [cores, rs] of [["one core", ratios], ["two cores", ratios2]] as const) {
      if (rs.length === 0) continue;
      const bounds = rs.filter((r) => r.bound).length;
      const all = median(rs.map((r) => r.value));
      const long = rs.filter((r) => r.spinSeconds >= 0.1);
      let text = `${cores}: median time ratio nfcheck/SPIN ${bounds > 0 ? "≥ " : ""}${formatRatio({ value: all, bound: false })} over ${rs.length} configurations`;
      if (bounds > 0) text += ` (${bounds} of them lower bounds: pan reported 0 s)`;
      if (long.length > 0) text += `; ${formatRatio({ value: median(long.map((r) => r.value)), bound: false })} over the ${long.length} where pan searched ≥ 0.1 s`;
      out.push(text);
    }
    out.push(`SPIN's build (spin -a, gcc -O2) took ${seconds(buildSeconds)} s in all, not counted in its times`);
  }
  if (skipped.length > 0) out.push(`not run (minutes for nfcheck; add --deep or NFCHECK_BENCH_DEEP=1): ${skipped.map(label).join(", ")}`);
  out.push(
    "",
    "MUT: seeded bugs, 1 not-init-as-lost, 2 lost-everywhere-after-one, 3 max-advanced-early, 4 minseq-off-by-one, 5 history-not-applied;",
    "L: a ring log of L entries per core without sequence numbers. @n: the length of the shortest violating run (breadth-first).",
  );
  if (tools.ok) {
    out.push(
      "s: the search alone (nfcheck's explorer, with its workers' start on two cores; pan's own clock, 10 ms ticks); time ratio: nfcheck s / SPIN s",
      "(>: pan reported 0 s); speed-up: one core's s / two cores' s. B/state: nfcheck's peak resident memory less what the process held",
      "before the search, per state (visited set, trail and frontier: the states waiting to be expanded are whole objects); SPIN's",
      "\"actual memory usage for states\" per state stored (state vector and overhead). peak: nfcheck's peak resident set (its worker",
      "threads included); SPIN's \"total actual memory usage\" (states, the -w24 hash table and the -m1000000 DFS stack).",
      "SPIN's figures are its depth-first run, which stops at the first error; nfcheck's are breadth-first, up to a shortest one.",
      "@n counts events in nfcheck and steps in SPIN (-DBFS depth). SPIN takes more steps for the same run: the sequencer's loop exit,",
      "one end-of-stream send per core (nfcheck: one `end` event), and each finishing core's end-of-stream receive and `finished`",
      "step: +3K for a violation at the end of the run, +K + 2 per finishing core for a deadlock.",
      "SPIN's single check covers order, atomicity, consistency and validity; nfcheck's eventual-consistency includes validity and",
      "also checks which packet's history was applied, which SPIN's log entries (NOT_INIT/LOST/HIST, the history implied by i) do not carry.",
    );
  }
  return out.join("\n");
}

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

function displayPath(path: string): string {
  return path.startsWith(REPO_ROOT) ? path.slice(REPO_ROOT.length) : path;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await recoveryVsSpin(recoveryVsSpinOptionsFrom())}\n`);
}
