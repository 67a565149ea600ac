/**
 * Broken variants of the TCP remapping (the mutants of issue 4, and the paper's own warning): each is a
 * config value of the end-to-end model, and each must be caught by the property that names it
 * (systems/tcp.ts). One is not about the numbers at all:
 * - drops-retransmissions: the middlebox takes a segment whose bytes (and FIN) it has all forwarded
 *   before for a duplicate and drops it, as a middlebox that rewrites each byte once is tempted to (it
 *   saves running the rewriter and the edit log again). A retransmission is exactly such a segment: after
 *   a loss between the middlebox and the receiver, or of the receiver's ACK, the sender's retransmissions
 *   never get through and the connection stalls. It breaks progress, and nothing else: every byte that
 *   does reach the receiver is right.
 */
import { cumulativeMapAck, cumulativeMapSeq } from "./cumulative-offset.ts";
import { listOps, type ListOps } from "./modification-list.ts";
import { SERIAL_ORDER, type SeqOrder } from "./serial.ts";

export const TCP_FAULTS = [
  "cumulative-offset", "plain-compare", "ack-past-insertion", "removed-far-side", "edits-not-reapplied", "prune-too-early", "drops-retransmissions",
] as const;
export type TcpFault = (typeof TCP_FAULTS)[number];

/** Plain `<` on sequence numbers: wrong as soon as a stream crosses 2^32. */
const PLAIN_ORDER: SeqOrder = { lt: (x, y) => x < y, le: (x, y) => x <= y, gt: (x, y) => x > y, ge: (x, y) => x >= y };

const CORRECT = listOps(SERIAL_ORDER);

/**
 * The list operations the middlebox uses under a fault (or none). The last two faults are the
 * middlebox's own: edits applied only to the bytes of the segment that decided them, and pruning at the
 * ACK as the receiver sent it, before mapping it back — with insertions that is past what was acknowledged.
 */
export function listOpsFor(fault: TcpFault | null): ListOps {
  switch (fault) {
    case "cumulative-offset": return { ...CORRECT, mapSeq: cumulativeMapSeq, mapAck: cumulativeMapAck };
    case "plain-compare": return listOps(PLAIN_ORDER);
    case "ack-past-insertion": return listOps(SERIAL_ORDER, { ackPastInsertion: true });
    case "removed-far-side": return listOps(SERIAL_ORDER, { removedFarSide: true });
    case "edits-not-reapplied":
    case "prune-too-early":
    case "drops-retransmissions":
    case null: return CORRECT;
  }
}
