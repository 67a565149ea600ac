/**
 * The receiver: reassembly and cumulative ACKs, in the modified sequence space (it only ever sees what the
 * middlebox forwards). Bytes from `nxt` to `nxt + window − 1` are accepted (a segment is trimmed to the
 * window, as RFC 793 allows), bytes it already holds are kept as first received, out-of-order bytes wait
 * in `pending` until the gap before them fills, and in-order bytes go to the application. Every segment
 * is answered with an ACK of `nxt`. The FIN is taken when the whole segment that carries it fits the window.
 *
 * The receiver learns the ISN from the handshake (not modelled); the middlebox never edits before the first
 * byte, so the ISN is the same in both spaces.
 */
import { seqAdd, seqDiff } from "./serial.ts";
import type { Ack, ForwardedSegment } from "./segment.ts";

/** Bytes delivered to the application, newest piece first (appending never copies what came before). */
export interface Delivered {
  readonly at: number;
  readonly bytes: readonly number[];
  readonly prev: Delivered | null;
}

export interface Piece {
  readonly at: number;
  readonly bytes: readonly number[];
}

export interface Receiver {
  /** Next expected offset: bytes delivered, plus one once the FIN is taken. */
  readonly nxt: number;
  /** Out-of-order bytes beyond nxt, in order and disjoint. */
  readonly pending: readonly Piece[];
  /** Offset of the FIN, once a segment carrying it was accepted. */
  readonly finAt: number | null;
  readonly app: Delivered | null;
  readonly delivered: number;
}

export const RECEIVER_START: Receiver = { nxt: 0, pending: [], finAt: null, app: null, delivered: 0 };

export const finTaken = (r: Receiver) => r.nxt > r.delivered;

/** `piece` added to `pending` where nothing is held yet. */
function merge(pending: readonly Piece[], piece: Piece): Piece[] {
  const out: Piece[] = [];
  let from = piece.at;
  const end = piece.at + piece.bytes.length;
  for (const p of pending) {
    const pEnd = p.at + p.bytes.length;
    if (from < end && p.at > from) out.push({ at: from, bytes: piece.bytes.slice(from - piece.at, Math.min(p.at, end) - piece.at) });
    out.push(p);
    if (pEnd > from) from = Math.max(from, pEnd);
  }
  if (from < end) out.push({ at: from, bytes: piece.bytes.slice(from - piece.at) });
  return out.sort((a, b) => a.at - b.at);
}

export function onSegment(r: Receiver, isn: number, seg: ForwardedSegment, window: number): { receiver: Receiver; ack: Ack } {
  const off = seqDiff(seg.seq, isn);
  const end = off + seg.bytes.length;
  const limit = r.nxt + window;
  let next = r;
  if (!finTaken(r)) {
    const from = Math.max(off, r.nxt);
    const to = Math.min(end, limit);
    let pending = from < to ? merge(r.pending, { at: from, bytes: seg.bytes.slice(from - off, to - off) }) : [...r.pending];
    const finAt = r.finAt ?? (seg.fin && end <= limit ? end : null);
    let { nxt, app, delivered } = r;
    while (pending.length > 0 && pending[0]!.at <= nxt) {
      const p = pending[0]!;
      const fresh = p.bytes.slice(nxt - p.at);
      if (fresh.length > 0) app = { at: delivered, bytes: fresh, prev: app };
      delivered += fresh.length;
      nxt = Math.max(nxt, p.at + p.bytes.length);
      pending = pending.slice(1);
    }
    if (finAt !== null && finAt === nxt) nxt++;
    next = { nxt, pending, finAt, app, delivered };
  }
  return { receiver: next, ack: { ack: seqAdd(isn, next.nxt) } };
}

/** The delivered bytes from offset `from` on (for the specs: only what a step added). */
export function deliveredSince(r: Receiver, from: number): { at: number; bytes: readonly number[] }[] {
  const out: { at: number; bytes: readonly number[] }[] = [];
  for (let d = r.app; d !== null && d.at + d.bytes.length > from; d = d.prev) out.push(d);
  return out.reverse();
}

/** Everything delivered, in order. */
export function deliveredBytes(r: Receiver): number[] {
  return deliveredSince(r, 0).flatMap((d) => d.bytes);
}
