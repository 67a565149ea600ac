/**
 * What a stream-rewriting middlebox must guarantee (issue 4, MiddleClick §IV-C), judged against the ground
 * truth `rewrite(original)` — the whole stream through the rewriter in one piece — and never against the
 * middlebox's own bookkeeping:
 * - stream-equivalence: every byte the receiver delivers is the byte of rewrite(original) at that offset,
 *   a FIN is only accepted at its end, and when the transfer is over the receiver has all of it;
 * - ack-soundness: no ACK reaching the sender covers an original byte whose rewritten image the receiver
 *   has not received, and none acknowledges more than the sender sent;
 * - progress: with fair channels the transfer completes (the model marks a connection whose
 *   retransmissions change nothing as stalled);
 * - mapping-laws: the middlebox's list keeps mapAck(mapSeq(x)) = x for every kept byte it still maps, and
 *   both maps are monotone (checked at the list's boundaries, where a wrong map shows first).
 */
import { countOf } from "../core/report.ts";
import type { Invariant, QuiescenceProperty, StepProperty } from "../core/spec.ts";
import { MAPPING_LAWS } from "../models/tcp/middlebox.ts";
import type { ModificationList } from "../models/tcp/modification-list.ts";
import { deliveredSince, finTaken } from "../models/tcp/receiver.ts";
import { seqAdd, seqDiff, seqGe, seqLe, seqLt } from "../models/tcp/serial.ts";
import { isOpen, type OpenState, type TcpConfig, type TcpEvent, type TcpState } from "../models/tcp/system.ts";

export const STREAM_EQUIVALENCE = "stream-equivalence";
export const ACK_SOUNDNESS = "ack-soundness";
export const PROGRESS = "progress";
export { MAPPING_LAWS };

const shown = (b: number) => (b >= 0x20 && b < 0x7f ? JSON.stringify(String.fromCharCode(b)) : `0x${b.toString(16).padStart(2, "0")}`);

function receiverMismatch(before: OpenState, after: OpenState): string | null {
  const expected = after.conn.expected;
  for (const piece of deliveredSince(after.receiver, before.receiver.delivered)) {
    for (let x = 0; x < piece.bytes.length; x++) {
      const at = piece.at + x;
      if (at < before.receiver.delivered) continue;
      if (at >= expected.length) return `the receiver delivered a byte at offset ${at}, past the end of the rewritten stream (${countOf(expected.length, "byte")})`;
      if (piece.bytes[x] !== expected[at]) {
        return `the receiver delivered ${shown(piece.bytes[x]!)} at offset ${at}, where the rewritten stream has ${shown(expected[at]!)}`;
      }
    }
  }
  const fin = after.receiver.finAt;
  if (fin !== null && before.receiver.finAt === null && fin !== expected.length) {
    return `the receiver accepted a FIN at offset ${fin}, but the rewritten stream has ${countOf(expected.length, "byte")}`;
  }
  return null;
}

export const streamEquivalenceStep: StepProperty<TcpState, TcpEvent, TcpConfig> = {
  kind: "step",
  name: STREAM_EQUIVALENCE,
  check(before, event, after) {
    if (event.type !== "deliver" || event.channel !== "data-out" || !isOpen(before) || !isOpen(after)) return null;
    return receiverMismatch(before, after);
  },
};

export const streamEquivalenceAtEnd: QuiescenceProperty<TcpState, TcpConfig> = {
  kind: "quiescent",
  name: STREAM_EQUIVALENCE,
  check(s) {
    if (!isOpen(s) || s.stalled) return null; // a stalled run is progress's to report
    const m = s.conn.expected.length;
    if (s.receiver.delivered !== m || !finTaken(s.receiver)) {
      return `the transfer is over (the sender's FIN is acknowledged) but the receiver has ${s.receiver.delivered} of the ${m} rewritten bytes${finTaken(s.receiver) ? "" : " and no FIN"}`;
    }
    return null;
  },
};

export const ackSoundness: StepProperty<TcpState, TcpEvent, TcpConfig> = {
  kind: "step",
  name: ACK_SOUNDNESS,
  check(before, event) {
    if (event.type !== "deliver" || event.channel !== "ack-out" || !isOpen(before)) return null;
    const ack = before.channels["ack-out"][event.index]!.ack;
    const { conn, sender, receiver } = before;
    const o = seqDiff(ack, conn.isn);
    if (o <= 0) return null; // acknowledges nothing new
    const length = conn.bytes.length;
    if (o > sender.nxt) return `the sender got ACK ${ack} (offset ${o}), beyond what it has sent (offset ${sender.nxt})`;
    if (o === length + 1 && !finTaken(receiver)) return `the sender got ACK ${ack}, which covers its FIN, but the receiver has not taken the FIN`;
    const needs = conn.image[Math.min(o, length)]!;
    if (receiver.nxt < needs) {
      return `the sender got ACK ${ack}, which covers original bytes up to offset ${Math.min(o, length) - 1}, whose image ends at rewritten offset ${needs}, but the receiver has only ${countOf(receiver.nxt, "byte")}`;
    }
    return null;
  },
};

export const progress: QuiescenceProperty<TcpState, TcpConfig> = {
  kind: "quiescent",
  name: PROGRESS,
  check(s, c) {
    if (!isOpen(s) || !s.stalled) return null;
    const { sender, middlebox: m, receiver: r } = s;
    const held = m.seen > m.decided ? `; the middlebox holds offsets ${m.decided}..${m.seen - 1} undecided` : "";
    // The usual cause, said plainly: the window cannot reach past what the rewriter holds back.
    const why = m.seen - m.decided >= c.window
      ? ` — the sender's window of ${c.window} bytes cannot reach past the ${m.seen - m.decided} the rewriter holds back: a window must be larger than what the rewriter holds back`
      : "";
    return `stalled: the sender's timer fired twice with nothing changed in between (una = offset ${sender.una}, sent up to ${sender.nxt}, receiver at ${r.nxt})${held}${why}`;
  },
};

/** Points where a wrong map shows: the floor, around each modification, and the end of what was seen. */
function probePoints(list: ModificationList, top: number): number[] {
  const points = new Set<number>([list.floor, top]);
  for (const m of list.mods) {
    const end = m.offset < 0 ? seqAdd(m.pos, -m.offset) : m.pos;
    for (const p of [m.pos, end]) for (const d of [-1, 0, 1]) points.add(seqAdd(p, d));
  }
  return [...points].filter((p) => seqGe(p, list.floor) && seqLe(p, top)).sort((a, b) => seqDiff(a, b));
}

const removed = (list: ModificationList, x: number) =>
  list.mods.some((m) => m.offset < 0 && seqGe(x, m.pos) && seqLt(x, seqAdd(m.pos, -m.offset)));

export const mappingLaws: Invariant<TcpState, TcpConfig> = {
  kind: "invariant",
  name: MAPPING_LAWS,
  check(s, c) {
    if (!isOpen(s)) return null;
    const { ops } = c.middlebox;
    const list = s.middlebox.list;
    // Probed where the list's positions and offsets say (FastClick's trees as their sequence tree reads).
    const view = ops.view(list);
    if (view.mods.length === 0 && view.shift === 0) return null;
    const points = probePoints(view, seqAdd(s.conn.isn, s.middlebox.seen));
    let previous: { x: number; seq: number; ack: number } | null = null;
    for (const x of points) {
      const seq = ops.mapSeq(list, x);
      const ack = ops.mapAck(list, seq);
      if (!removed(view, x) && ack !== x) return `mapAck(mapSeq(${x})) = mapAck(${seq}) = ${ack}, not ${x} (a kept byte)`;
      if (previous !== null && seqLt(seq, previous.seq)) return `mapSeq is not monotone: mapSeq(${previous.x}) = ${previous.seq} but mapSeq(${x}) = ${seq}`;
      if (previous !== null && seqLt(ack, previous.ack)) return `mapAck is not monotone: mapAck(${previous.seq}) = ${previous.ack} but mapAck(${seq}) = ${ack}`;
      previous = { x, seq, ack };
    }
    // Inside inserted bytes, ACKs must not map past the insertion point.
    let shift = view.shift;
    for (const m of view.mods) {
      if (m.offset > 0) {
        const at = seqAdd(m.pos, shift);
        for (const k of [1, m.offset - 1]) {
          if (k < 1 || k >= m.offset) continue;
          const a = ops.mapAck(list, seqAdd(at, k));
          if (seqLt(m.pos, a)) return `mapAck(${seqAdd(at, k)}), inside the ${m.offset} bytes inserted before ${m.pos}, is ${a}: past the insertion`;
        }
      }
      shift += m.offset;
    }
    return null;
  },
};

export const TCP_SPECS = [streamEquivalenceStep, streamEquivalenceAtEnd, ackSoundness, progress, mappingLaws] as const;

