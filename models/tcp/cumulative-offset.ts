/**
 * The design MiddleClick §IV-C warns against: one running total of the offsets instead of the list ("we
 * cannot maintain a cumulative offset because an ACK may induce a retransmission of previously sent data
 * before the cumulative offset"). Every sequence number is shifted by the total of all edits so far, so a
 * retransmission of bytes from before an edit is sent at the wrong place. Kept as a broken variant: the
 * checks must catch it.
 */
import type { ModificationList } from "./modification-list.ts";
import { seqAdd } from "./serial.ts";

const total = (list: ModificationList) => list.mods.reduce((t, m) => t + m.offset, list.shift);

export function cumulativeMapSeq(list: ModificationList, s: number): number {
  return seqAdd(s, total(list));
}

export function cumulativeMapAck(list: ModificationList, a: number): number {
  return seqAdd(a, -total(list));
}
