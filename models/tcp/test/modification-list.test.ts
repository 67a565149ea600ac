/**
 * The modification list of MiddleClick §IV-C: Fig. 11 worked by hand, then every map checked against a
 * byte-by-byte rewrite of the stream for random lists anywhere in the 32-bit space (wrap-around included).
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addModification, emptyList, mapAck, mapSeq, ModificationError, prune, type Modification, type ModificationList } from "../modification-list.ts";
import { cumulativeMapSeq } from "../cumulative-offset.ts";
import { seqAdd, seqDiff, seqLt } from "../serial.ts";

describe("serial arithmetic (RFC 1982)", () => {
  it("compares across the wrap", () => {
    expect(seqLt(0xffff_fff0, 5)).toBe(true);
    expect(seqLt(5, 0xffff_fff0)).toBe(false);
    expect(seqAdd(0xffff_ffff, 1)).toBe(0);
    expect(seqAdd(3, -5)).toBe(0xffff_fffe);
    expect(seqDiff(2, 0xffff_fffe)).toBe(4);
  });
});

describe("Fig. 11: \"CD\" removed at position 2, \"XYZ\" inserted at position 5", () => {
  // Original  A B C D E F G H I J      at 0..9
  // Modified  A B E X Y Z F G H I J    at 0..10: C, D gone; X, Y, Z before F.
  //
  // mapSeq (a segment starting at original s gets modified sequence number):
  //   s = 0 A → 0, 1 B → 1, 2 C → 2 (the removal is this segment's own edit), 3 D → 2 (inside the removed
  //   region: where it was), 4 E → 2, 5 F → 3 (the insertion at 5 is this segment's own: X, Y, Z go first,
  //   at 3), 6 G → 7, 9 J → 10, 10 (end) → 11.
  // mapAck (the receiver's cumulative ACK a, modified → original):
  //   a = 0 → 0, 1 → 1, 2 (has A B) → 4 (C, D need no delivery; E is next), 3 (has A B E) → 5,
  //   4, 5, 6 (inside or at the end of X Y Z) → 5 (F not received), 7 (has F) → 6, 11 → 10.
  const fig11 = [{ pos: 2, offset: -2 }, { pos: 5, offset: 3 }].reduce(addModification, emptyList(0));

  it("maps sequence numbers as derived by hand", () => {
    const table = [[0, 0], [1, 1], [2, 2], [3, 2], [4, 2], [5, 3], [6, 7], [9, 10], [10, 11]];
    expect(table.map(([s]) => [s, mapSeq(fig11, s!)])).toEqual(table);
  });

  it("maps acknowledgements as derived by hand", () => {
    const table = [[0, 0], [1, 1], [2, 4], [3, 5], [4, 5], [5, 5], [6, 5], [7, 6], [11, 10]];
    expect(table.map(([a]) => [a, mapAck(fig11, a!)])).toEqual(table);
  });

  it("a cumulative offset (the paper's warning) gets a retransmission from before the insertion wrong", () => {
    const cumulative = -2 + 3; // one running total after both edits
    expect(seqAdd(1, cumulative)).not.toBe(mapSeq(fig11, 1)); // B, retransmitted, would be sent at 2 instead of 1
  });

  it("pruning on an ACK of E keeps the mapping of everything from E on", () => {
    const pruned = prune(fig11, mapAck(fig11, 3)); // ACK of A B E → original 5
    expect(pruned.mods).toEqual([{ pos: 5, offset: 3 }]);
    for (const s of [5, 6, 9, 10]) expect(mapSeq(pruned, s)).toBe(mapSeq(fig11, s));
    for (const a of [3, 4, 5, 6, 7, 11]) expect(mapAck(pruned, a)).toBe(mapAck(fig11, a));
  });

  it("refuses edits out of order or overlapping", () => {
    expect(() => addModification(fig11, { pos: 4, offset: 1 })).toThrow(ModificationError);
    expect(() => addModification(emptyList(0), { pos: 1, offset: 0 })).toThrow(/non-zero/);
    expect(addModification(addModification(emptyList(0), { pos: 3, offset: 2 }), { pos: 3, offset: -1 }).mods).toHaveLength(2);
  });
});

/** The stream rewritten byte by byte: what every map must agree with. */
function reference(isn: number, length: number, mods: readonly Modification[]) {
  const ins = new Map<number, number>();
  const removed = new Set<number>();
  for (const m of mods) {
    const at = seqDiff(m.pos, isn);
    if (m.offset > 0) ins.set(at, m.offset);
    else for (let x = at; x < at - m.offset; x++) removed.add(x);
  }
  const boundary: number[] = []; // modified bytes emitted before original byte b's own edits
  const image: (number | null)[] = [];
  let out = 0;
  for (let b = 0; b <= length; b++) {
    boundary.push(out);
    out += ins.get(b) ?? 0;
    if (b < length) {
      image.push(removed.has(b) ? null : out);
      if (!removed.has(b)) out++;
    }
  }
  // The last boundary whose whole past — kept bytes and the bytes inserted before them — has been received.
  const ack = (a: number) => {
    let last = 0;
    for (let x = 0; x <= length; x++) if (boundary[x]! <= a) last = x;
    return last;
  };
  return { boundary, image, modifiedLength: out, ack };
}

/** Non-overlapping edits in stream order over an original stream of `length` bytes. */
const lists = fc.record({
  isn: fc.oneof(fc.nat({ max: 0xffff_ffff }), fc.integer({ min: 0xffff_ff00, max: 0xffff_ffff })),
  length: fc.integer({ min: 1, max: 60 }),
  edits: fc.array(fc.record({ gap: fc.nat({ max: 6 }), offset: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: -5, max: -1 })) }), { maxLength: 6 }),
}).map(({ isn, length, edits }) => {
  let list: ModificationList = emptyList(isn);
  let at = 0;
  const mods: Modification[] = [];
  let lastInsertAt = -1;
  for (const e of edits) {
    at += e.gap;
    if (e.offset > 0 && at === lastInsertAt) at++; // one insertion per position
    const offset = e.offset < 0 ? -Math.min(-e.offset, length - at) : e.offset;
    if (at > length || offset === 0 || (offset < 0 && at >= length)) break;
    const m = { pos: seqAdd(isn, at), offset };
    list = addModification(list, m);
    mods.push(m);
    if (offset < 0) at += -offset;
    else lastInsertAt = at;
  }
  return { isn, length, list, mods };
});

describe("the maps against the stream rewritten byte by byte (random lists, near the 2^32 wrap too)", () => {
  it("mapSeq is the modified position of the boundary before each original byte", () => {
    fc.assert(fc.property(lists, ({ isn, length, list, mods }) => {
      const ref = reference(isn, length, mods);
      for (let b = 0; b <= length; b++) expect(mapSeq(list, seqAdd(isn, b))).toBe(seqAdd(isn, ref.boundary[b]!));
    }), { seed: 42, numRuns: 400 });
  });

  it("mapAck gives the last original boundary whose modified position the receiver has reached", () => {
    fc.assert(fc.property(lists, ({ isn, length, list, mods }) => {
      const ref = reference(isn, length, mods);
      for (let a = 0; a <= ref.modifiedLength; a++) expect(mapAck(list, seqAdd(isn, a))).toBe(seqAdd(isn, ref.ack(a)));
    }), { seed: 42, numRuns: 400 });
  });

  it("laws: mapAck(mapSeq(x)) = x for every kept byte; both maps monotone", () => {
    fc.assert(fc.property(lists, ({ isn, length, list, mods }) => {
      const ref = reference(isn, length, mods);
      for (let x = 0; x < length; x++) if (ref.image[x] !== null) expect(seqDiff(mapAck(list, mapSeq(list, seqAdd(isn, x))), isn)).toBe(x);
      for (let x = 0; x < length; x++) expect(seqLt(mapSeq(list, seqAdd(isn, x + 1)), mapSeq(list, seqAdd(isn, x)))).toBe(false);
      for (let a = 0; a < ref.modifiedLength; a++) expect(seqLt(mapAck(list, seqAdd(isn, a + 1)), mapAck(list, seqAdd(isn, a)))).toBe(false);
    }), { seed: 42, numRuns: 400 });
  });

  it("pruning at an acknowledged position changes no mapping at or after it", () => {
    fc.assert(fc.property(lists, fc.nat(), ({ isn, length, list, mods }, pick) => {
      const ref = reference(isn, length, mods);
      const a = pick % (ref.modifiedLength + 1);
      const o = mapAck(list, seqAdd(isn, a));
      const pruned = prune(list, o);
      const from = seqDiff(o, isn);
      for (let b = from; b <= length; b++) expect(mapSeq(pruned, seqAdd(isn, b))).toBe(mapSeq(list, seqAdd(isn, b)));
      for (let x = a; x <= ref.modifiedLength; x++) expect(mapAck(pruned, seqAdd(isn, x))).toBe(mapAck(list, seqAdd(isn, x)));
    }), { seed: 42, numRuns: 400 });
  });
});

describe("the cumulative offset the paper warns against fails the same check", () => {
  it("a byte-by-byte comparison finds a retransmission mapped to the wrong place, shrunk to one edit", () => {
    const details = fc.check(fc.property(lists, ({ isn, length, list, mods }) => {
      const ref = reference(isn, length, mods);
      for (let b = 0; b <= length; b++) if (cumulativeMapSeq(list, seqAdd(isn, b)) !== seqAdd(isn, ref.boundary[b]!)) return false;
      return true;
    }), { seed: 42, numRuns: 400 });
    expect(details.failed).toBe(true);
    const [{ mods }] = details.counterexample!;
    expect(mods).toHaveLength(1);
  });
});
