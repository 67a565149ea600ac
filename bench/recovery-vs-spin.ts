/**
 * The peer benchmark: nfcheck's explorer and SPIN on the same SCR loss-recovery configurations — the
 * peer's default table (K cores, M packets, the tail assumption, seeded bugs MUT 1–5) and its ring-log rows
 * (L entries without sequence numbers). nfcheck runs models/scr/recovery.ts with RECOVERY_SPECS over
 * port knocking; SPIN runs bench/peers/spin/scr.pml (bench/spin.ts). Both use the same step definition,
 * so verdicts and shortest violations compare; state counts differ (SPIN's partial-order reduction and
 * its own bookkeeping steps), and the figure to compare is the time to the same verdict.
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
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { explore, type ExploreResult } from "../core/explore.ts";
import { formatCount, formatTable, Progress } from "../core/report.ts";
import { DEADLOCK } from "../core/spec.ts";
import { toRecoveryConfig, type RecoveryConfigJson } from "../models/scr/recovery-config.ts";
import { recoveryModel, type RecoveryEvent, type RecoveryFault } from "../models/scr/recovery.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { ATOMICITY, EVENTUAL_CONSISTENCY, NO_LOG_OVERRUN, PER_CORE_ORDER, RECOVERY_SPECS } from "../specs/scr-recovery.ts";
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
 * 2 minutes and 3 GB for its 7.3 M states (K=3 M=10, 1.1 M states, takes 13–20 s).
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

type NfcheckRun = { readonly result: ExploreResult<RecoveryEvent>; readonly blocked: number } | { readonly error: string };

function runNfcheck(c: SpinConfig): NfcheckRun {
  try {
    const config = toRecoveryConfig(recoveryJson(c), SCR_PROGRAMS["port-knocking"]!);
    const progress = new Progress(`nfcheck ${label(c)}`);
    const result = explore({
      model: recoveryModel, config, specs: RECOVERY_SPECS,
      onProgress: (p) => progress.update(`${formatCount(p.states)} states, depth ${p.depth}`),
    });
    progress.done();
    let blocked = 0;
    if (result.status === "violation") {
      // Replayed for the cores that never finish (a deadlock's shortest run, in SPIN's steps, depends on it).
      let s = recoveryModel.init(config);
      for (const e of result.events) s = recoveryModel.step(s, e, config);
      blocked = s.cores.filter((core) => core.phase.at !== "idle" || core.link.length > 0).length;
    }
    return { result, blocked };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
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

  // Warm-up, not timed: SPIN's pan is native code, the explorer and the model are compiled by the JIT on first use.
  runNfcheck(ROWS[0]!);

  const table: string[][] = [];
  const ratios: { value: number; bound: boolean; spinSeconds: number }[] = [];
  let agreed = 0;
  let compared = 0;
  let sameLength = 0;
  let lengthsCompared = 0;
  let buildSeconds = 0;
  const disagreements: string[] = [];
  for (const [n, c] of rows.entries()) {
    const nf = runNfcheck(c);
    const nfFigures = "error" in nf
      ? ["—", "—", "—", "—"]
      : [formatCount(nf.result.states), formatCount(nf.result.transitions), seconds(nf.result.timeMs / 1_000), formatCount(nf.result.statesPerSecond)];
    const cells = [label(c), nfcheckVerdict(nf), ...nfFigures];
    let line = `recovery vs SPIN [${n + 1}/${rows.length}] ${label(c)}: nfcheck ${nfcheckVerdict(nf)}${"error" in nf ? "" : ` in ${seconds(nf.result.timeMs / 1_000)} s`}`;
    if (tools.ok) {
      const spin = await runSpin(c, { model, ...(options.spinTimeoutMs !== undefined ? { timeoutMs: options.spinTimeoutMs } : {}) });
      const done = spin.status === "pass" || spin.status === "violation" || spin.status === "incomplete";
      if (done) buildSeconds += spin.buildSeconds;
      const ratio = "error" in nf ? null : ratioOf(nf.result.timeMs / 1_000, spin);
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
      cells.push(
        spinVerdict(spin),
        done ? formatCount(spin.states) : "—",
        done ? formatCount(spin.transitions) : "—",
        done ? seconds(spin.seconds) : "—",
        formatRatio(ratio),
        agreeCell === "no" ? "NO" : agreeCell,
      );
      line += `; SPIN ${spinVerdict(spin)}${done ? ` in ${seconds(spin.seconds)} s` : ""}`;
      if (spin.status === "violation" && spin.bfs) line += ` (-DBFS: ${formatCount(spin.bfs.states)} states, ${seconds(spin.bfs.seconds)} s)`;
      if (done) line += ` (build ${seconds(spin.buildSeconds)} s)`;
    }
    table.push(cells);
    progress(line);
  }

  const columns = ["configuration", "nfcheck", "states", "transitions", "s", "states/s"];
  if (tools.ok) columns.push("SPIN", "SPIN states", "SPIN trans.", "SPIN s", "time ratio", "agree");
  out.push("", formatTable({ columns, rows: table }), "");

  if (tools.ok) {
    out.push(`verdicts agree on ${agreed} of ${compared} configurations${disagreements.length ? `; they differ on ${disagreements.join("; ")}` : ""}`);
    if (lengthsCompared > 0) {
      out.push(`shortest violations: ${sameLength} of ${lengthsCompared} have the same length in both tools once SPIN's own steps are counted (see below)`);
    }
    if (ratios.length > 0) {
      const bounds = ratios.filter((r) => r.bound).length;
      const all = median(ratios.map((r) => r.value));
      const long = ratios.filter((r) => r.spinSeconds >= 0.1);
      let text = `median time ratio nfcheck/SPIN: ${bounds > 0 ? "≥ " : ""}${formatRatio({ value: all, bound: false })} over ${ratios.length} configurations`;
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
      "s: the search alone (nfcheck's explorer; pan's own clock, 10 ms ticks); time ratio: nfcheck s / SPIN s (>: pan reported 0 s).",
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

function displayPath(path: string): string {
  const root = fileURLToPath(new URL("..", import.meta.url));
  return path.startsWith(root) ? path.slice(root.length) : path;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await recoveryVsSpin(recoveryVsSpinOptionsFrom())}\n`);
}
