/**
 * How the middlebox answers a retransmission (`retransmissions`). The design ("re-modify") rewrites it
 * again from the edit log, whatever its segmentation (models/tcp/middlebox.ts). The variant
 * "fastclick-retransmitter" follows FastClick's SimpleTCPRetransmitter (elements/ctx/simpletcpretransmitter.cc)
 * behind TCPIn (elements/ctx/tcpin.cc):
 * - TCPIn::checkRetransmission: a segment that starts below the next byte the middlebox expects is a
 *   retransmission and goes to the retransmitter. (A segment that also brings new bytes goes the ordinary
 *   way here, as the code's comment intends — "a split retransmission … we need to keep the good part";
 *   in the code that `return true` sits under `if (_verbose)`.)
 * - forward_packets: each segment with payload that goes out to the receiver is buffered as it was sent,
 *   rewritten; first the buffer is pruned (SimpleTCPRetransmitter::prune): from its front, every copy whose
 *   sequence number is below the last ACK the receiver sent (TCPIn's lastAckReceived, as it came, in the
 *   modified space) is dropped — a copy the ACK covers only in part as well, so the rest of it is gone.
 * - push_flow, port 1: the retransmission's sequence number is mapped (`maintainer.mapSeq(seq)`) and the
 *   buffered copy with exactly that sequence number is sent again. When none has it, TCPIn::ackPacket
 *   answers the sender with an ACK of the retransmission's end, forced ("This may be a retransmit for a
 *   packet we have seen acked (so we pruned), but the ack was lost"): a retransmission the sender cut
 *   differently from the first sending, or one whose copy was pruned, is acknowledged unseen.
 * Not modelled: PROACK (off by default), "avoid double retransmit" within one batch.
 */
import type { Ack, ForwardedSegment, SentSegment } from "./segment.ts";
import { seqAdd, seqLt } from "./serial.ts";

export const RETRANSMISSIONS = ["re-modify", "fastclick-retransmitter"] as const;
export type Retransmissions = (typeof RETRANSMISSIONS)[number];

export interface RetransmitBuffer {
  /** The segments sent to the receiver with payload, rewritten, oldest first (fcb->first_unacked). */
  readonly copies: readonly ForwardedSegment[];
  /** The last ACK from the receiver, as it came (modified space); null before the first. */
  readonly lastAck: number | null;
}

export const EMPTY_BUFFER: RetransmitBuffer = { copies: [], lastAck: null };

/** TCPIn::checkRetransmission: it starts below what was seen and brings nothing new (offsets o1..o2). */
export const isRetransmission = (seen: number, finished: boolean, o1: number, o2: number, seg: SentSegment): boolean =>
  o1 < seen && o2 <= seen && (!seg.fin || finished);

/** The answer to a retransmission: the copy sent at its mapped sequence number, or an ACK of its end. */
export function resend(buffer: RetransmitBuffer, mappedSeq: number, seg: SentSegment): { out: ForwardedSegment | null; answer: Ack | null } {
  const copy = buffer.copies.find((x) => x.seq === mappedSeq);
  if (copy !== undefined) return { out: copy, answer: null };
  return { out: null, answer: { ack: seqAdd(seg.seq, seg.length + (seg.fin ? 1 : 0)) } };
}

/** forward_packets: the buffer pruned at the last ACK, then the segment going out added. */
export function buffered(buffer: RetransmitBuffer, out: ForwardedSegment): RetransmitBuffer {
  let copies = buffer.copies;
  const ack = buffer.lastAck;
  if (ack !== null) {
    let n = 0;
    while (n < copies.length && seqLt(copies[n]!.seq, ack)) n++;
    copies = copies.slice(n);
  }
  return { ...buffer, copies: out.bytes.length > 0 ? [...copies, out] : copies };
}

/** An ACK from the receiver passed by (TCPIn: setLastAckReceived, before mapping). */
export const heard = (buffer: RetransmitBuffer, ack: number): RetransmitBuffer => ({ ...buffer, lastAck: ack });
