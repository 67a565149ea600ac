/**
 * FastClick's retransmitter (models/tcp/retransmitter.ts, `retransmissions: "fastclick-retransmitter"`),
 * step by step against elements/ctx/simpletcpretransmitter.cc and elements/ctx/tcpin.cc, and through the
 * middlebox with Fig. 11.
 */
import { describe, expect, it } from "vitest";
import { toTcpConfig } from "../config.ts";
import { openConnection } from "../connection.ts";
import { onAck, onData, openMiddlebox, type Middlebox } from "../middlebox.ts";
import { buffered, EMPTY_BUFFER, heard, isRetransmission, resend } from "../retransmitter.ts";
import { bytesOf } from "../rewriter.ts";
import fig11 from "../rewriters/fig11.ts";
import type { SentSegment } from "../segment.ts";
import { seqAdd } from "../serial.ts";

const copy = (seq: number, text: string) => ({ seq, bytes: bytesOf(text), fin: false });

describe("the buffer (forward_packets, prune)", () => {
  it("keeps every segment with payload that goes out, oldest first, and not one without", () => {
    let b = buffered(EMPTY_BUFFER, copy(0, "AB"));
    b = buffered(b, copy(2, "EXYZF"));
    b = buffered(b, { seq: 7, bytes: [], fin: true });
    expect(b.copies.map((c) => c.seq)).toEqual([0, 2]);
  });

  it("drops from its front every copy that starts below the last ACK, one the ACK covers only in part too", () => {
    let b = buffered(buffered(EMPTY_BUFFER, copy(0, "AB")), copy(2, "EXYZF"));
    b = heard(b, 4); // the receiver has "ABEX": "YZF" of the second copy is not acknowledged
    b = buffered(b, copy(7, "GH"));
    expect(b.copies.map((c) => c.seq)).toEqual([7]);
  });

  it("prunes nothing before the first ACK, and the last ACK is the last one heard, not the highest", () => {
    const b = buffered(buffered(EMPTY_BUFFER, copy(0, "AB")), copy(2, "CD"));
    expect(b.copies).toHaveLength(2);
    expect(heard(heard(b, 4), 2).lastAck).toBe(2);
  });
});

describe("a retransmission (checkRetransmission, push_flow port 1, ackPacket)", () => {
  const seg = (seq: number, length: number, fin = false): SentSegment => ({ seq, length, fin });

  it("is a segment that starts below what was seen and brings nothing new", () => {
    expect(isRetransmission(6, false, 2, 5, seg(2, 3))).toBe(true);
    expect(isRetransmission(6, false, 4, 8, seg(4, 4))).toBe(false); // new bytes: the ordinary way
    expect(isRetransmission(6, false, 6, 8, seg(6, 2))).toBe(false);
    expect(isRetransmission(6, false, 3, 6, seg(3, 3, true))).toBe(false); // a new FIN
    expect(isRetransmission(6, true, 3, 6, seg(3, 3, true))).toBe(true);
  });

  it("gets the copy whose sequence number is its mapped one, else an ACK of its end", () => {
    const b = buffered(buffered(EMPTY_BUFFER, copy(0, "AB")), copy(2, "EXYZF"));
    expect(resend(b, 2, seg(4, 2))).toEqual({ out: copy(2, "EXYZF"), answer: null });
    expect(resend(b, 3, seg(3, 2))).toEqual({ out: null, answer: { ack: 5 } });
    expect(resend(b, 3, seg(3, 2, true))).toEqual({ out: null, answer: { ack: 6 } }); // the FIN counts
  });
});

describe("through the middlebox (Fig. 11 across the wrap)", () => {
  const isn = 2 ** 32 - 3;
  const config = toTcpConfig({ rewriter: { builtin: "fig11" }, retransmissions: "fastclick-retransmitter" }, fig11);
  const conn = openConnection(isn, "ABCDEFGH", fig11);
  const at = (o: number) => seqAdd(isn, o);
  const data = (mb: Middlebox, from: number, length: number) => onData(config.middlebox, mb, conn, { seq: at(from), length, fin: false });

  it("a re-segmented retransmission matches no copy and is acknowledged although the receiver may have nothing", () => {
    let mb = openMiddlebox(config.middlebox, isn);
    mb = data(mb, 0, 2).mb; // "AB" out, buffered at 0
    mb = data(mb, 2, 2).mb; // "CD" removed: nothing out
    expect(mb.retransmitter!.copies.map((c) => c.seq)).toEqual([at(0)]);
    // The sender resends 0..3 cut as 0..2 and 3: the first finds the copy at 0, the second (mapped to 2) none.
    expect(data(mb, 0, 3)).toMatchObject({ out: { seq: at(0), bytes: bytesOf("AB") }, answer: null });
    expect(data(mb, 3, 1)).toMatchObject({ out: null, answer: { ack: at(4) } });
  });

  it("the design rewrites the same retransmission again instead", () => {
    const design = toTcpConfig({ rewriter: { builtin: "fig11" } }, fig11);
    let mb = openMiddlebox(design.middlebox, isn);
    mb = onData(design.middlebox, mb, conn, { seq: at(0), length: 2, fin: false }).mb;
    mb = onData(design.middlebox, mb, conn, { seq: at(2), length: 2, fin: false }).mb;
    expect(mb.retransmitter).toBeUndefined();
    expect(onData(design.middlebox, mb, conn, { seq: at(0), length: 3, fin: false })).toMatchObject({ out: { seq: at(0), bytes: bytesOf("AB") }, answer: null });
  });

  it("a copy the receiver acknowledged in part is pruned with the next segment out, and its retransmission is acknowledged unseen", () => {
    let mb = openMiddlebox(config.middlebox, isn);
    mb = data(mb, 0, 2).mb; // "AB" at 0
    mb = data(mb, 2, 4).mb; // "CD" removed, "E", "XYZ" before "F": "EXYZF" at 2
    expect(mb.retransmitter!.copies.map((c) => c.seq)).toEqual([at(0), at(2)]);
    mb = onAck(config.middlebox, mb, conn, { ack: at(4) }).mb; // the receiver has "ABEX"
    mb = data(mb, 6, 2).mb; // "GH" out at 7: the buffer is pruned at 4 first
    expect(mb.retransmitter!.copies.map((c) => c.seq)).toEqual([at(7)]);
    // The sender, whose ACK was lost, resends 2..5 exactly as it sent it: its copy is gone, and "YZF" with it.
    expect(data(mb, 2, 4)).toMatchObject({ out: null, answer: { ack: at(6) } });
  });
});
