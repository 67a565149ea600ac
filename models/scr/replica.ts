/**
 * A replica core (SCR §3.2, App. C). Its state is private. On each SCR packet it fast-forwards through the
 * history in ring order starting at the index — row (index + j) mod H, j = 0..H−1, holds packet
 * seq − H + j — skipping entries it has already applied (and zero rows from before packet #1), then
 * processes the current packet. Verdicts only for the current packet: "no packet verdicts are given out
 * for packets in the history" (App. C, third point).
 *
 * `ReplicaFault` names the broken variants used as mutants (models/scr/mutants.ts); `null` is the design.
 *
 * `HistoryAtStart` (issue 15, 4c) is how a core reads the history of the first packets, those that carry
 * z = H − seq + 1 > 0 zero rows (entries older than packet #1):
 * - "skip-empty" (the design): entry j (age order, oldest first) is read from age position j, the first z
 *   are skipped;
 * - "read-zero-rows": the public eBPF code (smartnic/bpf-profile samples/xdp_portknock_v7_kern.c, xdp_prog;
 *   its traces are pre-processed so that each packet carries its H = N − 1 history entries oldest first,
 *   zero-filled at the start). Its loop `for (i = 0; i < NUM_PKTS − 1; i++) { if (i <
 *   pkt_history_start_pos) continue; … md_elem += 1; }` skips the first z = NUM_PKTS − cur_pkt_id slots
 *   without advancing `md_elem`, so entry j (packet seq − H + j) is read from age position j − z: a zero
 *   row, or an older packet's entry. A zero row read so is applied as nothing — the code applies the zero
 *   metadata (source 0, port 0, no SYN, no FIN), which in its port-knocking program finds no entry and
 *   inserts none — and the core counts the entry as applied all the same.
 */
import { coreClockNs } from "./clock.ts";
import { callProcess, type ScrProgram } from "./program.ts";
import type { ScrPacket } from "./sequencer.ts";

export type ReplicaFault =
  /** reads rows 0..H−1 instead of starting at the index */
  | "ring-from-row-0"
  /** the loop starts at j = 1 and so never applies the oldest entry */
  | "skip-oldest-entry"
  /** f(current packet) is applied in the loop and then the packet is processed as well */
  | "current-twice"
  /** a verdict goes out for every history entry applied, not only for the current packet */
  | "history-verdicts";

export const REPLICA_FAULTS: readonly ReplicaFault[] = ["ring-from-row-0", "skip-oldest-entry", "current-twice", "history-verdicts"];

export const HISTORY_AT_START = ["skip-empty", "read-zero-rows"] as const;
export type HistoryAtStart = (typeof HISTORY_AT_START)[number];

export interface Replica<S> {
  readonly state: S;
  /** Sequence number of the last packet this core's state includes (0: none). */
  readonly lastApplied: number;
}

export type SeqRange = readonly [first: number, last: number];

/** "#1–#17, #20". */
export function formatRanges(ranges: readonly SeqRange[]): string {
  return ranges.map(([a, b]) => (a === b ? `#${a}` : `#${a}–#${b}`)).join(", ");
}

/** Increasing sequence numbers as runs of consecutive ones. */
export function toRanges(seqs: readonly number[]): SeqRange[] {
  const out: [number, number][] = [];
  for (const s of seqs) {
    const last = out[out.length - 1];
    if (last && s === last[1] + 1) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}

export interface Emitted<V> {
  readonly seq: number;
  readonly verdict: V;
}

/** What one core did with one SCR packet. */
export interface Delivery<V> {
  readonly core: number;
  readonly seq: number;
  /** Sequence numbers of the history entries applied, in the order applied. */
  readonly applied: readonly number[];
  /** Ranges of sequence numbers (inclusive) the core should have caught up on but could not: the history did not reach back far enough. */
  readonly missed: readonly SeqRange[];
  readonly verdicts: readonly Emitted<V>[];
}

/** A core that has applied nothing yet, with the program's initial state. */
export function initReplica<S>(initial: S): Replica<S> {
  return { state: initial, lastApplied: 0 };
}

export function receive<S, M, V>(
  replica: Replica<S>, core: number, scr: ScrPacket<M>, program: ScrProgram<S, M, V>, fault: ReplicaFault | null,
  historyAtStart: HistoryAtStart = "skip-empty",
): { replica: Replica<S>; delivery: Delivery<V> } {
  const H = scr.rows.length;
  let { state, lastApplied } = replica;
  const applied: number[] = [];
  const missed: SeqRange[] = [];
  // The zero rows this packet carries; read-zero-rows reads entry j from age position j − z (see the header).
  const shift = historyAtStart === "read-zero-rows" ? Math.max(0, H - scr.seq + 1) : 0;
  // App. C: for (j = 0; j < NUM_META; j++) { i = (index + j) % NUM_META; ... }
  for (let j = fault === "skip-oldest-entry" ? 1 : 0; j < H; j++) {
    const entrySeq = scr.seq - H + j;
    if (entrySeq <= lastApplied) continue;
    const age = j - shift;
    const row = scr.rows[fault === "ring-from-row-0" ? age : (scr.index + age) % H];
    if ((row === null || row === undefined) && shift > 0) {
      lastApplied = entrySeq; // the code applies the zero metadata as packet entrySeq
      continue;
    }
    if (row === null || row === undefined) continue; // a zero row: nothing a core can apply
    if (entrySeq > lastApplied + 1) missed.push([lastApplied + 1, entrySeq - 1]);
    state = program.fastForward(state, row);
    applied.push(entrySeq);
    lastApplied = entrySeq;
  }
  if (scr.seq > lastApplied + 1) missed.push([lastApplied + 1, scr.seq - 1]);
  if (fault === "current-twice") state = program.fastForward(state, program.extract(scr.packet));
  const result = callProcess(program, state, scr.packet, { core, clockNs: coreClockNs(core, scr.seq, scr.packet.ts) });
  const verdicts: Emitted<V>[] = fault === "history-verdicts" ? applied.map((seq) => ({ seq, verdict: result.verdict })) : [];
  verdicts.push({ seq: scr.seq, verdict: result.verdict });
  return {
    replica: { state: result.state, lastApplied: scr.seq },
    delivery: { core, seq: scr.seq, applied, missed, verdicts },
  };
}
