/**
 * The explorer's states per second before and after a redesign, on the same explorations: the small
 * configuration `nfcheck explore <model>` explored by default for each model at the commit of the record
 * (peers/explorer-before-systems.json), and a larger one where the default takes under ~0.5 s (too short
 * a run to say much about speed). Each exploration runs in N rounds
 * (default 3; the rounds interleave the explorations, so that a burst of load elsewhere spoils one round
 * rather than every run of one exploration); its figure is the best round. The first round is also the
 * JIT's warm-up, and usually the slowest.
 *
 * The explorations are written out here — models, specs and configs imported directly, not through the
 * CLI or the tests' tables — so they stay the same explorations while those change. The "before" figures
 * are a record (peers/explorer-before-systems.json) made by this file run in a checkout of the commit
 * before the redesign (`--json` prints the record of one measurement; several, made minutes apart,
 * merge by taking each exploration's best). Each exploration's states and transitions must match the
 * record's, else it is no longer the same exploration and its ratio means nothing.
 *
 * `npm run bench` runs it after the other figures; alone:
 * `node --import tsx bench/explorer.ts [--rounds N] [--json --commit <hash>]`.
 */
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { explore } from "../core/explore.ts";
import { formatCount, formatTable } from "../core/report.ts";
import { toFlowConfig } from "../models/flow/config.ts";
import { flowModel } from "../models/flow/system.ts";
import { toRibosomeConfig } from "../models/ribosome/config.ts";
import { ribosomeModel } from "../models/ribosome/system.ts";
import { toScrConfig } from "../models/scr/entry.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { toRecoveryConfig } from "../models/scr/recovery-config.ts";
import { recoveryModel } from "../models/scr/recovery.ts";
import { scrModel } from "../models/scr/system.ts";
import { toTcpConfig } from "../models/tcp/config.ts";
import { REWRITERS } from "../models/tcp/rewriters/index.ts";
import { tcpModel } from "../models/tcp/system.ts";
import { FLOW_SPECS } from "../specs/flow.ts";
import { RIBOSOME_SPECS } from "../specs/ribosome.ts";
import { RECOVERY_SPECS } from "../specs/scr-recovery.ts";
import { scrEquivalence, sufficiency } from "../specs/scr.ts";
import { TCP_SPECS } from "../specs/tcp.ts";

/** What an exploration's run reports: all of it is read off `explore()`'s result, except the time, taken here. */
interface Run {
  readonly status: string;
  readonly states: number;
  readonly transitions: number;
}

interface Exploration {
  readonly name: string;
  /** One whole exploration, config built beforehand (outside the time). */
  readonly prepare: () => () => Run;
}

/**
 * Port knocking's packets, as `nfcheck explore scr` draws them (its first letters): the three knocks
 * (ports 100, 101, 102) and a wrong port from 10.0.0.1, a knock from 10.0.0.2, a UDP packet to the second
 * knock port. Written out so that the exploration stays fixed when the CLI's alphabet changes.
 */
const knock = (srcIp: number, dstPort: number, proto = 6) => ({
  l3: 0x0800, proto, srcIp, dstIp: 0xc0a8_0107, srcPort: 40_000, dstPort, tcpFlags: 0x02, seq: 0, ack: 0, length: 64, ts: 0,
});
const SCR_ALPHABET = [knock(0x0a00_0001, 100), knock(0x0a00_0001, 101), knock(0x0a00_0001, 102), knock(0x0a00_0001, 7), knock(0x0a00_0002, 100), knock(0x0a00_0002, 101, 17)];

const scr = (letters: number, maxPackets: number) => () => {
  const config = toScrConfig({ program: { builtin: "port-knocking" }, cores: 3, bounds: { alphabet: SCR_ALPHABET.slice(0, letters), maxPackets } }, SCR_PROGRAMS["port-knocking"]!);
  return () => explore({ model: scrModel, config, specs: [scrEquivalence, sufficiency] });
};

const recovery = (cores: number, packets: number) => () => {
  const config = toRecoveryConfig({ cores, packets }, SCR_PROGRAMS["port-knocking"]!);
  return () => explore({ model: recoveryModel, config, specs: RECOVERY_SPECS });
};

/** Fig. 11's rewriter on one connection three bytes before the sequence-number wrap, as `nfcheck explore tcp` has it. */
const tcp = (lossBudget: number) => () => {
  const config = toTcpConfig({
    rewriter: { builtin: "fig11" }, connections: [{ isn: 2 ** 32 - 3, stream: "ABCDEFGH" }], mss: 3, window: 4, rcvWindow: 2, lossBudget, duplicationBudget: 0,
  }, REWRITERS["fig11"]!);
  return () => explore({ model: tcpModel, config, specs: TCP_SPECS });
};

const flow = () => () => {
  const config = toFlowConfig({ sessions: 3, pool: 2, ipBuckets: 2, buckets: 2, timeout: 2, cleanTimer: 4, threshold: 1, ticks: [1], horizon: 10, packetsPerSession: 2, maxHeld: 2 });
  return () => explore({ model: flowModel, config, specs: FLOW_SPECS });
};

const ribosome = (packets: number) => () => {
  const config = toRibosomeConfig({ packets, sizes: [64, 400], window: 3, servers: 2, slotsPerServer: 2, headerSlots: 3, nfDrops: 1, readLosses: 1 });
  return () => explore({ model: ribosomeModel, config, specs: RIBOSOME_SPECS });
};

/**
 * Defaults first, each followed by its larger exploration. Names are the record's keys: renaming one
 * loses its "before" figure. About 8 s a round on a quiet 2-core machine, flow alone about 3.5 s.
 */
export const EXPLORATIONS: readonly Exploration[] = [
  { name: "scr, default (port knocking, k = 3, 4 letters, ≤ 5 packets)", prepare: scr(4, 5) },
  { name: "scr, port knocking, k = 3, 6 letters, ≤ 12 packets", prepare: scr(6, 12) },
  { name: "scr.recovery, default (k = 3, M = 6)", prepare: recovery(3, 6) },
  { name: "scr.recovery, k = 3, M = 8", prepare: recovery(3, 8) },
  { name: "tcp, default (fig11, 8 B across the wrap, ≤ 1 loss)", prepare: tcp(1) },
  { name: "tcp, fig11, 8 B across the wrap, ≤ 2 losses", prepare: tcp(2) },
  { name: "flow, default (3 sessions, pool 2)", prepare: flow() },
  { name: "ribosome, default (4 packets, 2 servers × 2 slots)", prepare: ribosome(4) },
  { name: "ribosome, 5 packets, 2 servers × 2 slots", prepare: ribosome(5) },
];

/** A round runs an exploration shorter than this again, so that a tiny one's figure is not one reading of the clock. */
const MIN_ROUND_MS = 200;

export interface Measured {
  readonly name: string;
  readonly status: string;
  readonly states: number;
  readonly transitions: number;
  /** Best over the rounds. */
  readonly statesPerSecond: number;
}

export function measureExplorer(rounds: number, progress: (line: string) => void = () => {}): Measured[] {
  const runs = EXPLORATIONS.map((e) => ({ name: e.name, run: e.prepare(), last: undefined as Run | undefined, best: 0 }));
  for (let round = 1; round <= rounds; round++) {
    for (const r of runs) {
      let ms = 0;
      let n = 0;
      let result: Run;
      do {
        const t = performance.now();
        result = r.run();
        ms += performance.now() - t;
        n++;
      } while (ms < MIN_ROUND_MS);
      const rate = (result.states * n) / (ms / 1_000);
      r.last = result;
      r.best = Math.max(r.best, rate);
      progress(`explorer [round ${round}/${rounds}] ${r.name}: ${formatCount(result.states)} states, ${formatCount(rate)} states/s${n > 1 ? ` (${n} runs)` : ""}`);
    }
  }
  return runs.map((r) => ({ name: r.name, status: r.last!.status, states: r.last!.states, transitions: r.last!.transitions, statesPerSecond: Math.round(r.best) }));
}

/**
 * A record of figures, as peers/explorer-before-systems.json holds them: one or more measurements (each a
 * process running `rounds` rounds, on a machine shared with other work, hence several, minutes apart),
 * and per exploration the best states/s over all of them.
 */
export interface ExplorerRecord {
  readonly commit: string;
  readonly machine: { readonly cores: number; readonly cpu: string; readonly node: string };
  readonly rounds: number;
  /** When, and the 1-minute load average at its start and end: the figure that says how far to trust the others. */
  readonly measurements: readonly { readonly date: string; readonly load: readonly [number, number] }[];
  readonly explorations: readonly Measured[];
}

const BEFORE_NAME = "peers/explorer-before-systems.json";
export const BEFORE_FILE = fileURLToPath(new URL(`./${BEFORE_NAME}`, import.meta.url));

function readBefore(): ExplorerRecord | null {
  try {
    return JSON.parse(readFileSync(BEFORE_FILE, "utf8")) as ExplorerRecord;
  } catch {
    return null;
  }
}

const machine = () => ({ cores: availableParallelism(), cpu: cpus()[0]?.model.trim() ?? "?", node: process.version });

/** One table: each exploration's states, states/s now and before, and now/before; state-count mismatches said loudly. */
export function explorerComparison(rounds = 3, progress: (line: string) => void = () => {}): string {
  const before = readBefore();
  const loadBefore = loadavg()[0]!;
  const now = measureExplorer(rounds, progress);
  const load = [loadBefore, loadavg()[0]!];
  const m = machine();
  const out: string[] = [];
  out.push(`explorer states/s, best of ${rounds} rounds: now (this checkout; ${m.cores} cores, Node ${m.node}, load ${load.map((l) => l.toFixed(2)).join(" → ")})`);
  out.push(before
    ? `vs before (commit ${before.commit}, best of ${before.measurements.length} × ${before.rounds} rounds, ${before.measurements[0]?.date.slice(0, 10)}; ${before.machine.cores} cores, Node ${before.machine.node}, load ${before.measurements.map((x) => x.load.map((l) => l.toFixed(2)).join("→")).join(", ")})`
    : `no "before" record (bench/${BEFORE_NAME} unreadable): figures of now alone`);
  const changed: string[] = [];
  const rows = now.map((e) => {
    const b = before?.explorations.find((x) => x.name === e.name);
    let note = e.status === "pass" ? "" : `status ${e.status}`;
    if (before && !b) note = "not in the record";
    if (b && (b.states !== e.states || b.transitions !== e.transitions || b.status !== e.status)) {
      note = `CHANGED: before ${formatCount(b.states)} states, ${formatCount(b.transitions)} transitions, ${b.status}`;
      changed.push(`${e.name}: ${b.status}, ${formatCount(b.states)} states, ${formatCount(b.transitions)} transitions before; ${e.status}, ${formatCount(e.states)} states, ${formatCount(e.transitions)} transitions now`);
    }
    return [
      e.name, formatCount(e.states), formatCount(e.transitions), formatCount(e.statesPerSecond),
      b ? formatCount(b.statesPerSecond) : "—", b ? `${(e.statesPerSecond / b.statesPerSecond).toFixed(2)} ×` : "—", note,
    ];
  });
  out.push("", formatTable({ columns: ["exploration", "states", "transitions", "states/s now", "states/s before", "now/before", "note"], rows }));
  if (changed.length > 0) {
    out.push("", `!!! ${changed.length} EXPLORATION(S) CHANGED — different state or transition counts, so not the same search and their ratios compare nothing:`);
    for (const c of changed) out.push(`!!!   ${c}`);
  }
  out.push(
    "",
    "Absolute figures depend on the machine and its load: compare ratios measured on one machine, at a quiet time. \"Before\" is the",
    "best of several measurements, \"now\" of one: on the 2-core machine of the record, one measurement of the recorded commit itself",
    "read 0.6–1.0 × its record (mostly 0.8–1.0 ×), so take a ratio above ~0.8 as no change, and rerun before believing a lower one.",
  );
  return out.join("\n");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { rounds: { type: "string" }, json: { type: "boolean" }, commit: { type: "string" } }, allowPositionals: false });
  const rounds = values.rounds !== undefined ? Number(values.rounds) : 3;
  if (!Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write(`--rounds takes a positive integer, not "${values.rounds}"\n`);
    process.exit(2);
  }
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  if (values.json) {
    // A record for the "before" file: `--commit` names the checkout measured.
    const loadBefore = loadavg()[0]!;
    const explorations = measureExplorer(rounds, progress);
    const record: ExplorerRecord = {
      commit: values.commit ?? "?", machine: machine(), rounds,
      measurements: [{ date: new Date().toISOString(), load: [loadBefore, loadavg()[0]!].map((l) => Math.round(l * 100) / 100) as [number, number] }],
      explorations,
    };
    process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  } else {
    process.stdout.write(`${explorerComparison(rounds, progress)}\n`);
  }
}
