/**
 * SCR loss recovery (SCR §3.4; App. B, Alg. 1, Theorem 1, Lemma 1): the sequencer numbers packets 1..M
 * and sprays packet j to core (j − 1) mod k; SCR packet j carries history[minseq..j] with
 * minseq = max(1, j − N + 1). Each core c keeps max[c] and a log log[c][i] (models/scr/recovery-log.ts);
 * on SCR packet j it runs scr_loss_recovery (lines 2–15): for i = max[c]+1..j, a sequence before minseq
 * was lost on the way to c, so c writes LOST and waits in handle_loss_recovery (lines 16–34) until some
 * other core's log holds history[i] (c catches up from it) or every other core's log says LOST (nobody
 * has it, so nobody applies it); a sequence from minseq on is in the packet, so c logs its history and
 * applies it. The private state of a core is abstracted to what it applied, in order (`applied`); the
 * specs run an SCR program over it (specs/scr-recovery.ts).
 *
 * Interleaving granularity (the same as the SPIN model of the peer benchmark): one event is one of
 *   - the sequencer sending packet j to its core, losing it, or closing the stream;
 *   - a core receiving an SCR packet (lines 3–5: maxseq, minseq, i := max[c] + 1);
 *   - a core's next statement of the loop: one write of its own log, LOST (line 7, then entering line 8)
 *     or history (line 11, with the regular processing that applies it), or leaving the loop (line 14);
 *   - a waiting core's read of another core's entry for i (lines 20–30, with the bookkeeping it causes).
 * So the explorer sees every interleaving of log writes and reads that real cores could produce.
 *
 * Choices where Alg. 1 leaves room (also config options where both readings are plausible):
 * - Waiting (line 21). The literal loop polls the other cores round-robin and skips NOT_INIT entries; here
 *   a waiting core has no event until some other core's entry for i has left NOT_INIT (and that core is
 *   not already in C_lost), in any order. The two have the same outcomes (a poll that finds NOT_INIT
 *   changes nothing), and a wait that never ends becomes a deadlock the explorer can see: a non-quiescent
 *   state with no enabled event.
 * - log[c][i] stays LOST after c recovers i from another core's history (lines 7, 28–30), as in the paper.
 * - Line 14 assigns max[c] ← maxseq. Under reordering that can move max[c] backwards; `maxUpdate: "max"`
 *   keeps the larger value instead (the paper's assumption (3) makes the two the same).
 * - Without recovery (`recovery: false`, SCR as evaluated in §4.2 without loss recovery) a sequence before
 *   minseq is logged LOST and skipped, with no waiting.
 * - The tail assumption (Theorem 1's assumption (1): every core receives an SCR packet after any loss).
 *   With round-robin spraying, that holds exactly when the last k packets of the stream are delivered, so
 *   the adversary may lose packet j only if j ≤ M − k (and, when the stream may end early, may end it only
 *   after k deliveries since its last loss). Without it, any packet may be lost.
 * - A core with k = 1 has no one to wait for; the model needs k ≥ 2.
 *
 * The public implementation's recovery, version 7 (smartnic/bpf-profile samples/xdp_portknock_v7_kern.c,
 * the same in xdp_{ddos_mitigator,hhd,token_bucket}_v7_kern.c: `handle_packet_loss`,
 * `handle_one_packet_loss_use_other_log`, `pkt_processed_at_core`, `get_pkt_metadata_from_log`,
 * `add_metadata_to_log`), as two config values; the code's N is NUM_PKTS, the number of cores and of
 * entries a packet carries (its N − 1 history entries and itself: `historyLength` = `cores` here):
 * - lostMark "max-before-recovery" (issue 15, 4f). The v7 log holds only what the core received, each
 *   entry with its explicit id, and `pkt_max`, the highest id logged. A reader finds an id it needs in the
 *   log (history), or, when `pkt_max` ≥ id and the id is not there, takes it as lost at that core; when
 *   `pkt_max` < id it waits (NOT_INIT). No LOST entry is ever written: on a gap, `handle_packet_loss` sets
 *   `pkt_max` ← minseq − 1 BEFORE its recovery loop ("to avoid deadlock (other cores waiting)"), and the
 *   loop still runs from the old `pkt_max` + 1; each history entry logged then sets `pkt_max` to its id.
 *   So every lost sequence of a gap reads LOST at once, instead of one at a time at line 7. That is only
 *   ever true (c never received them), so on its own it breaks nothing: Theorem 1 holds (the design
 *   boundary v7-pkt-max-before-recovery), unlike the mutant max-advanced-early, which empties the loop.
 *   (The default, "entry", is Alg. 1's LOST written in log[c][i] at line 7.)
 * - congestionGap G (issue 15, 4e). A gap of G or more lost sequences is taken as congestion, not as the
 *   losses of the trace: the core marks them lost (v7: `pkt_max` already published; "entry": LOST logged
 *   for all of them at once) and recovers none (v7: `num_lost_pkts >= CONGESTED_LOSS_THRESHOLD`, which
 *   is NUM_PKTS + 1, i.e. G = N + 1). A core that loses two of its own packets in a row misses 2N ≥ N + 1
 *   sequences, which the other cores received and applied: they are never recovered.
 * Not modelled of v7: the replay circles (`circle_id`; the stream here never wraps past 842 185 packets),
 * the backward jump of less than 10 000 taken as reordering (with FIFO links and N = k, minseq is never
 * below max[c] + 1), and the bounded wait (BPF_LOOP_MAX = 2^23 polls; here a wait is unbounded).
 *
 * Faults (RECOVERY_FAULTS; systems/scr-recovery.ts says which property kills each). One is the ring log's:
 * - ring-wraps-early: the ring's index wraps one entry early (slot i mod (L − 1), the classic off-by-one
 *   of `if (++slot == L - 1) slot = 0`), so a log of L entries holds only L − 1 and a slot is written
 *   again one sequence sooner than its size promises. A log sized for the lag between the cores is then
 *   one short: a waiting core finds the entry it needs overwritten. With sequence numbers stored, it sees
 *   so and stops (no-log-overrun breaks); without them it would take the stale entry (atomicity). An
 *   unbounded log has no index to wrap: there the fault changes nothing.
 */
import type { KeyWriter } from "../../core/key-writer.ts";
import { ModelError, type Model } from "../../core/model.ts";
import type { Packet } from "./packet.ts";
import type { AnyScrProgram } from "./program.ts";
import { HISTORY, LOST, NOT_INIT, RecoveryLog, type LogMemory } from "./recovery-log.ts";

/** Broken variants of Alg. 1, for mutation testing; each must be killed by the property it names. */
export const RECOVERY_FAULTS = [
  "not-init-as-lost", "lost-everywhere-after-one", "max-advanced-early", "minseq-off-by-one", "recovery-out-of-order", "history-not-applied",
  "ring-wraps-early",
] as const;
export type RecoveryFault = (typeof RECOVERY_FAULTS)[number];

/** "entry": Alg. 1 line 7 writes LOST in log[c][i]; "max-before-recovery": v7's `pkt_max`, published before the recovery loop. */
export const LOST_MARKS = ["entry", "max-before-recovery"] as const;
export type LostMark = (typeof LOST_MARKS)[number];

/** What the packets are and what a core does with them: only the specs read this. */
export interface Workload {
  readonly program: AnyScrProgram;
  /** The external packet with sequence number j. */
  packet(j: number): Packet;
}

export interface RecoveryConfig {
  /** k = |C|. */
  readonly cores: number;
  /** M: the sequencer numbers packets 1..M. */
  readonly packets: number;
  /** N: SCR packet j carries history[max(1, j − N + 1)..j]. */
  readonly historyLength: number;
  /** Alg. 1 (true) or SCR without loss recovery (false). */
  readonly recovery: boolean;
  /** Theorem 1's assumption (1). */
  readonly tail: boolean;
  /** At most this many packets lost (null: any number). */
  readonly lossBudget: number | null;
  /** A core may receive its in-flight SCR packets in any order (the paper assumes FIFO). */
  readonly reorder: boolean;
  /** Line 14: "assign" as written, or "max" (never move max[c] backwards). */
  readonly maxUpdate: "assign" | "max";
  readonly log: LogMemory;
  /** "after-all": the stream is exactly M packets; "any-time": the adversary may end it after fewer. */
  readonly streamEnd: "after-all" | "any-time";
  /** How a core that lost sequences tells the others (see the header): Alg. 1's LOST entries, or v7's `pkt_max` published before recovery. */
  readonly lostMark: LostMark;
  /** A gap of at least this many lost sequences is congestion: marked lost, not recovered (v7: N + 1; null: every gap is recovered). */
  readonly congestionGap: number | null;
  readonly fault: RecoveryFault | null;
  readonly workload: Workload;
}

/** Where a core is in Alg. 1. `upTo` and `then` describe the order of line 5's loop (see `startLoop`). */
export type Phase =
  | { readonly at: "idle" }
  | { readonly at: "loop"; readonly j: number; readonly minseq: number; readonly i: number; readonly upTo: number; readonly then: number | null }
  | {
      readonly at: "recover"; readonly j: number; readonly minseq: number; readonly i: number; readonly upTo: number; readonly then: number | null;
      /** C_lost, as a bitmask of cores. */
      readonly lost: number;
    }
  /** A reader found the entry it needs overwritten by a newer sequence (ring log with stored numbers). */
  | { readonly at: "overrun"; readonly i: number; readonly from: number; readonly found: number; readonly slot: number };

/** What a core has applied, newest first: sequence number `i`, using the history of packet `content`. */
export interface Applied {
  readonly i: number;
  /** Equals `i` unless a ring log without stored numbers handed over a stale entry. */
  readonly content: number;
  readonly prev: Applied | null;
  readonly count: number;
}

export interface CoreState {
  /** max[c]. */
  readonly max: number;
  readonly phase: Phase;
  /** log[c]. */
  readonly log: RecoveryLog;
  /** The private state, abstracted to the sequence of histories applied. */
  readonly applied: Applied | null;
  /** SCR packets on their way from the sequencer to this core. */
  readonly link: readonly number[];
}

export interface SequencerState {
  /** The next sequence number to send. */
  readonly next: number;
  readonly ended: boolean;
  readonly losses: number;
  /** Deliveries since the last loss (up to k). */
  readonly sinceLoss: number;
  /** Ghost: the packets lost so far, in order (what the specs need to know what reached the cores). */
  readonly lost: readonly number[];
}

export interface RecoveryState {
  readonly sequencer: SequencerState;
  readonly cores: readonly CoreState[];
}

export type RecoveryEvent =
  | { readonly type: "send"; readonly seq: number; readonly core: number }
  | { readonly type: "lose"; readonly seq: number; readonly core: number }
  | { readonly type: "end" }
  | { readonly type: "receive"; readonly core: number; readonly seq: number }
  | { readonly type: "step"; readonly core: number }
  | { readonly type: "read"; readonly core: number; readonly from: number };

export const sprayedTo = (j: number, k: number) => (j - 1) % k;

/** minseq = max(1, j − N + 1) (§3.4; Alg. 1 line 4): the oldest history SCR packet j carries. */
export const minseqOf = (j: number, n: number) => Math.max(1, j - n + 1);

export function appliedList(a: Applied | null): Applied[] {
  const out: Applied[] = [];
  for (let x = a; x !== null; x = x.prev) out.push(x);
  return out.reverse();
}

const IDLE: Phase = { at: "idle" };

/** The log's memory; under ring-wraps-early a ring of L entries indexed as one of L − 1 (see the header). */
function logMemory(config: RecoveryConfig): LogMemory {
  if (config.fault !== "ring-wraps-early" || config.log.kind !== "ring") return config.log;
  return { ...config.log, entries: Math.max(1, config.log.entries - 1) };
}

function initCore(config: RecoveryConfig): CoreState {
  // Alg. 1 line 1: max[c] ← 0, ∀i: log[c][i] ← NOT_INIT.
  return { max: 0, phase: IDLE, log: RecoveryLog.empty(logMemory(config), config.packets), applied: null, link: [] };
}

function tailHolds(s: SequencerState, config: RecoveryConfig): boolean {
  return !config.tail || s.losses === 0 || s.sinceLoss >= config.cores;
}

function mayLose(s: SequencerState, config: RecoveryConfig): boolean {
  if (s.ended || s.next > config.packets) return false;
  if (config.lossBudget !== null && s.losses >= config.lossBudget) return false;
  return !config.tail || s.next <= config.packets - config.cores;
}

function mayEnd(s: SequencerState, config: RecoveryConfig): boolean {
  if (s.ended) return false;
  return s.next > config.packets || (config.streamEnd === "any-time" && tailHolds(s, config));
}

/**
 * Lines 3–5 on SCR packet j: maxseq ← j, minseq ← max(1, j − N + 1), for i ← max[c] + 1 to maxseq. The
 * sequences max[c] + 1..minseq − 1 are a gap: lost on the way to c. Under v7 (`lostMark:
 * "max-before-recovery"`) max[c] ← minseq − 1 is published first, the loop still starting from the old
 * max[c] + 1; a gap of `congestionGap` or more is marked lost at once and skipped (see the header).
 */
function startLoop(core: CoreState, j: number, config: RecoveryConfig): CoreState {
  const minseq = config.fault === "minseq-off-by-one" ? Math.max(1, j - config.historyLength + 2) : minseqOf(j, config.historyLength);
  const max = config.fault === "max-advanced-early" ? j : core.max;
  const first = max + 1;
  if (config.fault === "recovery-out-of-order" && first < minseq) {
    // Broken: the sequences in the packet first, the lost ones (first..minseq−1) after them.
    return updated(core, { at: "loop", j, minseq, i: minseq, upTo: j, then: first }, { max });
  }
  const gap = minseq - first;
  const published = config.lostMark === "max-before-recovery" && gap > 0 ? minseq - 1 : max;
  if (config.congestionGap !== null && gap >= config.congestionGap) {
    // v7: "we assume packet loss is due to congestion": the gap is marked lost and not recovered.
    const log = config.lostMark === "entry" ? markLost(core.log, first, minseq - 1) : core.log;
    return updated(core, { at: "loop", j, minseq, i: minseq, upTo: j, then: null }, { max: published, log });
  }
  return updated(core, { at: "loop", j, minseq, i: first, upTo: j, then: null }, { max: published });
}

/** LOST written for sequences from..to (a gap taken as congestion, under `lostMark: "entry"`). */
function markLost(log: RecoveryLog, from: number, to: number): RecoveryLog {
  let out = log;
  for (let i = from; i <= to; i++) out = out.write(i, LOST);
  return out;
}

type Looping = Extract<Phase, { at: "loop" | "recover" }>;

/** The next i of line 5's loop (`then` is only used by the out-of-order mutant). */
function nextI(p: Looping): Extract<Phase, { at: "loop" }> {
  if (p.i + 1 > p.upTo && p.then !== null) return { at: "loop", j: p.j, minseq: p.minseq, i: p.then, upTo: p.minseq - 1, then: null };
  return { at: "loop", j: p.j, minseq: p.minseq, i: p.i + 1, upTo: p.upTo, then: p.then };
}

/** The core with a new phase and whatever else changed (object literals: spreading is slow in the explorer). */
function updated(
  core: CoreState, phase: Phase, o: { readonly max?: number; readonly log?: RecoveryLog; readonly applied?: Applied | null; readonly link?: readonly number[] } = {},
): CoreState {
  return {
    max: o.max ?? core.max, phase, log: o.log ?? core.log, applied: o.applied === undefined ? core.applied : o.applied, link: o.link ?? core.link,
  };
}

function apply(core: CoreState, i: number, content: number): Applied {
  return { i, content, prev: core.applied, count: (core.applied?.count ?? 0) + 1 };
}

/** One statement of the loop (lines 5–14). */
function loopStep(core: CoreState, p: Extract<Phase, { at: "loop" }>, config: RecoveryConfig): CoreState {
  if (p.i > p.upTo) {
    // Line 14: max[c] ← maxseq.
    const max = config.maxUpdate === "assign" ? p.j : Math.max(core.max, p.j);
    return updated(core, IDLE, { max });
  }
  if (p.i < p.minseq) {
    // Lines 6–8: i was lost on the way to c; log it (v7: already published by max[c]) and wait for the others.
    const log = config.lostMark === "entry" ? core.log.write(p.i, LOST) : core.log;
    if (!config.recovery) return updated(core, nextI(p), { log });
    return updated(core, { at: "recover", j: p.j, minseq: p.minseq, i: p.i, upTo: p.upTo, then: p.then, lost: 0 }, { log });
  }
  // Lines 10–11, then regular processing (§3.2): history[i] is in the packet. v7's add_metadata_to_log
  // sets pkt_max to the id it logs.
  const max = config.lostMark === "max-before-recovery" ? p.i : core.max;
  return updated(core, nextI(p), { log: core.log.write(p.i, HISTORY), applied: apply(core, p.i, p.i), max });
}

const others = (c: number, k: number) => ((1 << k) - 1) & ~(1 << c);

/** What core c, waiting for i, can read from core `from` now (null: nothing that would end or change the wait). */
function readable(state: RecoveryState, c: number, from: number, p: Extract<Phase, { at: "recover" }>, config: RecoveryConfig) {
  if (from === c || (p.lost >> from) & 1) return null;
  const other = state.cores[from]!;
  const reading = other.log.read(p.i);
  if (reading.kind === NOT_INIT) {
    // v7: an id at or below the other core's pkt_max that its log does not hold is lost there.
    if (config.lostMark === "max-before-recovery" && other.max >= p.i) return { kind: LOST, seq: p.i } as const;
    return config.fault === "not-init-as-lost" ? { kind: LOST } as const : null;
  }
  return reading;
}

/** One read of log[from][i] inside handle_loss_recovery (lines 19–33). */
function readStep(state: RecoveryState, c: number, from: number, config: RecoveryConfig): CoreState {
  const core = state.cores[c]!;
  const p = core.phase;
  if (p.at !== "recover") throw new ModelError(`core ${c} is not waiting in handle_loss_recovery`);
  const reading = readable(state, c, from, p, config);
  if (reading === null) throw new ModelError(`core ${c} has nothing to read in core ${from}'s log for #${p.i}`);
  switch (reading.kind) {
    case "overwritten":
      return updated(core, { at: "overrun", i: p.i, from, found: reading.seq, slot: reading.slot });
    case HISTORY: {
      // Lines 27–30: history ← log[c'][i]; update state using history; return.
      const applied = config.fault === "history-not-applied" ? core.applied : apply(core, p.i, reading.seq);
      return updated(core, nextI(p), { applied });
    }
    case LOST: {
      // Lines 22–25: C_lost ← C_lost ∪ {c'}; if C_lost = C_others then return.
      const lost = p.lost | (1 << from);
      if (lost === others(c, config.cores) || config.fault === "lost-everywhere-after-one") return updated(core, nextI(p));
      return updated(core, { at: "recover", j: p.j, minseq: p.minseq, i: p.i, upTo: p.upTo, then: p.then, lost });
    }
  }
}

function withCore(state: RecoveryState, c: number, core: CoreState): RecoveryState {
  const cores = state.cores.slice();
  cores[c] = core;
  return { sequencer: state.sequencer, cores };
}

function checkCore(state: RecoveryState, c: unknown): CoreState {
  const core = typeof c === "number" ? state.cores[c] : undefined;
  if (core === undefined) throw new ModelError(`there is no core ${String(c)}`);
  return core;
}

/**
 * A core's part of the state key, written afresh from its fields every time. (It used to be cached in a
 * field of the core; a core made by copying another one carried the cache along, stale, and the explorer
 * merged different states. A cache kept beside the state, in a WeakMap, is sound but costs more than it
 * saves: measured on k = 3, M = 9 and k = 2, M = 12, writing the few dozen units of a core is no slower
 * than looking them up, and the map's entries weigh on the collector.)
 */
function writeCoreKey(core: CoreState, w: KeyWriter): void {
  const p = core.phase;
  w.int(core.max);
  switch (p.at) {
    case "idle": w.int(0); break;
    case "overrun": w.int(1).int(p.i).int(p.from).int(p.found); break;
    case "loop": w.int(2).int(p.j).int(p.i).int(p.then ?? 0); break;
    case "recover": w.int(3).int(p.j).int(p.i).int(p.then ?? 0).int(p.lost); break;
  }
  w.ints(core.link);
  core.log.writeKey(w);
  w.int(core.applied?.count ?? 0);
  for (let a = core.applied; a !== null; a = a.prev) w.int(a.i).int(a.content);
}

function writeStateKey(state: RecoveryState, w: KeyWriter): void {
  const s = state.sequencer;
  w.int(s.next).int(s.ended ? 1 : 0).int(s.losses).int(s.sinceLoss).ints(s.lost);
  for (const core of state.cores) writeCoreKey(core, w);
}

export const recoveryModel: Model<RecoveryState, RecoveryEvent, RecoveryConfig> = {
  name: "scr.recovery",

  init(config) {
    return {
      sequencer: { next: 1, ended: false, losses: 0, sinceLoss: 0, lost: [] },
      cores: Array.from({ length: config.cores }, () => initCore(config)),
    };
  },

  enabled(state, config) {
    const events: RecoveryEvent[] = [];
    const s = state.sequencer;
    const k = config.cores;
    if (!s.ended && s.next <= config.packets) {
      events.push({ type: "send", seq: s.next, core: sprayedTo(s.next, k) });
      if (mayLose(s, config)) events.push({ type: "lose", seq: s.next, core: sprayedTo(s.next, k) });
    }
    if (mayEnd(s, config)) events.push({ type: "end" });
    for (let c = 0; c < k; c++) {
      const core = state.cores[c]!;
      const p = core.phase;
      if (p.at === "idle") {
        if (core.link.length === 0) continue;
        if (!config.reorder) events.push({ type: "receive", core: c, seq: core.link[0]! });
        else for (const seq of core.link) events.push({ type: "receive", core: c, seq });
      } else if (p.at === "loop") {
        events.push({ type: "step", core: c });
      } else if (p.at === "recover") {
        for (let from = 0; from < k; from++) if (readable(state, c, from, p, config) !== null) events.push({ type: "read", core: c, from });
      }
    }
    return events;
  },

  step(state, event, config) {
    const s = state.sequencer;
    const k = config.cores;
    switch (event.type) {
      case "send":
      case "lose": {
        if (s.ended || event.seq !== s.next || s.next > config.packets) throw new ModelError(`the sequencer's next packet is #${s.next}${s.ended ? " (the stream has ended)" : ""}, not #${event.seq}`);
        const to = sprayedTo(s.next, k);
        if (event.core !== to) throw new ModelError(`packet #${event.seq} is sprayed to core ${to}, not core ${event.core}`);
        if (event.type === "send") {
          const core = state.cores[to]!;
          const sequencer = { next: s.next + 1, ended: false, losses: s.losses, sinceLoss: Math.min(k, s.sinceLoss + 1), lost: s.lost };
          return withCore({ sequencer, cores: state.cores }, to, updated(core, core.phase, { link: [...core.link, s.next] }));
        }
        if (!mayLose(s, config)) throw new ModelError(`the adversary may not lose packet #${s.next} here (${config.tail ? "tail assumption, " : ""}loss budget ${config.lossBudget ?? "unlimited"})`);
        return { sequencer: { next: s.next + 1, ended: false, losses: s.losses + 1, sinceLoss: 0, lost: [...s.lost, s.next] }, cores: state.cores };
      }
      case "end":
        if (!mayEnd(s, config)) throw new ModelError("the stream cannot end here");
        return { sequencer: { next: s.next, ended: true, losses: s.losses, sinceLoss: s.sinceLoss, lost: s.lost }, cores: state.cores };
      case "receive": {
        const core = checkCore(state, event.core);
        if (core.phase.at !== "idle") throw new ModelError(`core ${event.core} is busy with a packet`);
        const at = core.link.indexOf(event.seq);
        if (at < 0 || (at > 0 && !config.reorder)) throw new ModelError(`core ${event.core} cannot receive #${event.seq} now (in flight: ${core.link.join(", ") || "nothing"})`);
        const link = core.link.slice();
        link.splice(at, 1);
        return withCore(state, event.core, startLoop(updated(core, core.phase, { link }), event.seq, config));
      }
      case "step": {
        const core = checkCore(state, event.core);
        if (core.phase.at !== "loop") throw new ModelError(`core ${event.core} is not in its loop (it is ${core.phase.at})`);
        return withCore(state, event.core, loopStep(core, core.phase, config));
      }
      case "read":
        checkCore(state, event.core);
        checkCore(state, event.from);
        return withCore(state, event.core, readStep(state, event.core, event.from, config));
    }
  },

  // Partial-order reduction: receiving the next packet from a FIFO link, and leaving the loop (line 14),
  // touch only the core's own link head, max[c] and phase, which no other core or the sequencer reads or
  // writes, and no spec looks at before the run ends; nothing else can disable them. (With reordering, a
  // core's receives are choices that exclude each other, so none is local.) No run has a cycle: every event
  // sends, loses or receives a packet, ends the stream, or advances a core's loop or wait.
  // Under v7's lostMark a receive may publish max[c], which the other cores read: not local then.
  local(state, event, config) {
    if (event.type === "receive") return !config.reorder && config.lostMark === "entry";
    if (event.type !== "step") return false;
    const p = state.cores[event.core]!.phase;
    return p.at === "loop" && p.i > p.upTo;
  },

  explainDeadlock(state, config) {
    const waiting: string[] = [];
    for (const [c, core] of state.cores.entries()) {
      const p = core.phase;
      if (p.at !== "recover") continue;
      const silent = Array.from({ length: config.cores }, (_, d) => d).filter((d) => d !== c && !((p.lost >> d) & 1));
      waiting.push(`core ${c} waits for #${p.i} in handle_loss_recovery, but core${silent.length === 1 ? "" : "s"} ${silent.join(", ")} will never write ${silent.length === 1 ? "its" : "their"} entry for #${p.i}`);
    }
    return waiting.join("; ");
  },

  quiescent(state) {
    return state.sequencer.ended && state.cores.every((c) => c.phase.at === "idle" && c.link.length === 0);
  },

  writeKey: writeStateKey,
};
