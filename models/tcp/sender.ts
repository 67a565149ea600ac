/**
 * The sender: an ordinary TCP sender reduced to what matters for the middlebox. It sends the original
 * stream in segments of sizes it chooses (at most `mss` bytes, at most `window` bytes unacknowledged), takes
 * cumulative ACKs, and when its timer fires it retransmits from the oldest unacknowledged byte, in segments
 * of `mss` bytes cut from there, so a retransmission is cut differently from the original segments
 * (repacketisation). It resends everything outstanding (go-back-N, `retransmit: "all"`) or only the first
 * segment (`"first"`, what an RTO does before ACKs clock out the rest): a middlebox that holds bytes back
 * and gets no more of them then never decides them, and the connection stalls unless it pre-ACKs (§IV-B).
 * The FIN rides on the segment that carries the last byte and takes one sequence number.
 *
 * Offsets count from the ISN: byte o has sequence number isn + o, the FIN is offset L. `una` and `nxt`
 * run from 0 to L + 1 (everything sent and acknowledged, FIN included).
 *
 * When the timer fires: only when nothing is in flight on any channel and the window leaves nothing new
 * to send. A timer that fires early only adds duplicates, which the adversary's duplication already covers;
 * this one keeps the state space finite and makes a stall visible (see `stalled` in system.ts).
 */
import { seqAdd, seqDiff } from "./serial.ts";
import type { SentSegment } from "./segment.ts";

export interface SenderConfig {
  readonly mss: number;
  readonly window: number;
  readonly retransmit: "all" | "first";
}

export interface Sender {
  /** Oldest unacknowledged offset. */
  readonly una: number;
  /** Next new offset to send. */
  readonly nxt: number;
}

export const SENDER_START: Sender = { una: 0, nxt: 0 };

/** Everything sent and acknowledged, FIN included. */
export const senderDone = (s: Sender, length: number) => s.una === length + 1;

/** The sizes of new segments the sender may send now (empty: nothing new, or the window is full). */
export function sendableSizes(s: Sender, length: number, c: SenderConfig): number[] {
  const room = Math.min(c.mss, c.window - (s.nxt - s.una), length - s.nxt);
  return Array.from({ length: Math.max(0, room) }, (_, x) => x + 1);
}

/** New bytes nxt .. nxt+size−1; the FIN rides along when they reach the end. */
export function send(s: Sender, isn: number, length: number, size: number): { sender: Sender; segment: SentSegment } {
  const fin = s.nxt + size === length;
  return { sender: { una: s.una, nxt: s.nxt + size + (fin ? 1 : 0) }, segment: { seq: seqAdd(isn, s.nxt), length: size, fin } };
}

/** The retransmission when the timer fires: from una in segments of up to mss bytes, the FIN on the last if it was sent. */
export function retransmission(s: Sender, isn: number, length: number, c: SenderConfig): SentSegment[] {
  const sentData = Math.min(s.nxt, length);
  const finSent = s.nxt === length + 1;
  const out: SentSegment[] = [];
  for (let from = Math.min(s.una, length); ; from += c.mss) {
    const end = Math.min(sentData, from + c.mss);
    const fin = end === length && finSent;
    out.push({ seq: seqAdd(isn, from), length: end - from, fin });
    if (c.retransmit === "first" || end === sentData) break;
  }
  return out;
}

/** A cumulative ACK (original space): it moves una forward when it acknowledges something sent. */
export function onAck(s: Sender, isn: number, ack: number): Sender {
  const o = seqDiff(ack, isn);
  return o > s.una && o <= s.nxt ? { una: o, nxt: s.nxt } : s;
}
