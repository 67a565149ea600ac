/**
 * The packet-history sequencer (SCR §3.3), as the NetFPGA design of §3.3.2 (Fig. 4c):
 *
 *   H rows of f(p), all zero at the start, and an index pointer initialised to 0. When a packet arrives,
 *   f(p) is extracted; the entire memory is read and put in front of the packet together with the index;
 *   then f(p) is written into the row the index points to, and the index is incremented modulo H.
 *
 * So the index carried by a packet points at the oldest row it carries: rows (index + j) mod H,
 * j = 0..H−1, are the H previous packets oldest first (proved for H = 1..64 in proofs/ring.ts).
 * The sequencer also numbers packets from 1 (§3.4 (i)) and stamps `ts` (§3.4, nondeterminism); an
 * arrival time that goes backwards is stamped with the previous stamp, so stamps never decrease.
 * A zero row is `null`: the hardware cannot tell it from a packet, so cores must not apply rows older
 * than packet #1 (they know which those are from the sequence number).
 */
import type { Packet } from "./packet.ts";

export interface SequencerState<M> {
  /** The sequence number the next packet gets (from 1). */
  readonly nextSeq: number;
  /** The index pointer: the row the next f(p) is written to. */
  readonly index: number;
  readonly rows: readonly (M | null)[];
  readonly lastTs: number;
}

/** The SCR packet (§3.3.1, Fig. 4a): the history rows and the index in front of the original packet. */
export interface ScrPacket<M> {
  readonly seq: number;
  readonly index: number;
  /** The H rows as read from memory, in row order (not in age order). */
  readonly rows: readonly (M | null)[];
  readonly packet: Packet;
}

export function initSequencer<M>(historyLength: number): SequencerState<M> {
  if (!Number.isInteger(historyLength) || historyLength < 0) throw new RangeError(`history length must be a non-negative integer, got ${historyLength}`);
  return { nextSeq: 1, index: 0, rows: new Array<M | null>(historyLength).fill(null), lastTs: 0 };
}

export function sequence<M>(s: SequencerState<M>, arriving: Packet, extract: (p: Packet) => M): { next: SequencerState<M>; scr: ScrPacket<M>; meta: M } {
  const ts = Math.max(s.lastTs, arriving.ts);
  const packet = ts === arriving.ts ? arriving : { ...arriving, ts };
  const H = s.rows.length;
  const meta = extract(packet);
  // Read all rows into the packet first ...
  const scr: ScrPacket<M> = { seq: s.nextSeq, index: s.index, rows: s.rows, packet };
  // ... then write f(p) at the index, then advance the index modulo H.
  const rows = H === 0 ? s.rows : s.rows.with(s.index, meta);
  const index = H === 0 ? 0 : (s.index + 1) % H;
  return { next: { nextSeq: s.nextSeq + 1, index, rows, lastTs: ts }, scr, meta };
}
