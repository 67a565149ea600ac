/**
 * FastClick's byte-stream maintenance (models/tcp/fastclick-list.ts), step by step against the reference
 * code's logic (lib/modificationlist.cc, lib/bytestreammaintainer.cc, lib/rbt.cc) and the numbers of the
 * differential test in SOURCES.md; the truth is the list of §IV-C (models/tcp/modification-list.ts).
 */
import { describe, expect, it } from "vitest";
import { addToPacket, fastclickListOps, fastclickView, packetNodes, rbPrune, type FastClickList } from "../fastclick-list.ts";
import { addModification, emptyList, mapAck, mapSeq, type Modification } from "../modification-list.ts";
import { seqAdd } from "../serial.ts";

const ops = fastclickListOps();
/** One packet's modifications committed into a fresh pair of trees. */
const committed = (isn: number, packets: readonly (readonly Modification[])[], o = ops): FastClickList =>
  packets.reduce((list, mods) => o.commit!(list, mods, mods[0]!.pos), o.empty(isn));
const truth = (isn: number, mods: readonly Modification[]) => mods.reduce(addModification, emptyList(isn));

describe("one packet's list (ModificationList::addModification)", () => {
  it("merges overlapping removals, as the example in mergeNodes' comment", () => {
    // "abcdefgh": remove "ef" → (4, −2); then remove "bcdg", at 1 of "abcdgh" → (1, −6).
    expect(addToPacket([{ position: 4, offset: -2 }], 0, 1, -4)).toEqual([{ position: 1, offset: -6 }]);
  });

  it("translates a position in the current content back past the earlier nodes", () => {
    // Insert 3 at 5 ("abcdeXYZfgh"), then remove 1 at content position 9 ("g", original 6).
    expect(addToPacket([{ position: 5, offset: 3 }], 0, 9, -1)).toEqual([{ position: 5, offset: 3 }, { position: 6, offset: -1 }]);
  });

  it("folds an insertion and the removal after it into one net node (Case 1: reuse an existing node)", () => {
    const isn = 2 ** 32 - 2;
    // "AB" → "WXYZ": insert 4 at 0, then remove the 2 bytes that now sit at content position 4.
    expect(packetNodes([{ pos: isn, offset: 4 }, { pos: isn, offset: -2 }], isn)).toEqual([{ position: isn, offset: 2 }]);
    // Issued the other way round (remove 2 at 0, then insert 4 at 0) it is the same node.
    expect(addToPacket(addToPacket([], isn, isn, -2), isn, isn, 4)).toEqual([{ position: isn, offset: 2 }]);
  });
});

describe("the trees (ByteStreamMaintainer)", () => {
  it("agree with the list of §IV-C on Fig. 11, one packet or two, across the wrap", () => {
    const isn = 2 ** 32 - 3;
    const mods = [{ pos: seqAdd(isn, 2), offset: -2 }, { pos: seqAdd(isn, 5), offset: 3 }];
    for (const list of [committed(isn, [mods]), committed(isn, [[mods[0]!], [mods[1]!]])]) {
      for (let o = 0; o <= 12; o++) {
        const x = seqAdd(isn, o);
        expect(ops.mapSeq(list, x), `mapSeq(${o})`).toBe(mapSeq(truth(isn, mods), x));
        expect(ops.mapAck(list, x), `mapAck(${o})`).toBe(mapAck(truth(isn, mods), x));
      }
    }
  });

  it("with \"AB\" → \"WXYZ\" folded into (0, +2): mapAck(3) = 1 and mapSeq(1) = 3, where the truth is 0 and 4", () => {
    const isn = 2 ** 32 - 2;
    const mods = [{ pos: isn, offset: 4 }, { pos: isn, offset: -2 }];
    const list = committed(isn, [mods]);
    // The node's ACK key is the guard's (isn + 0): the value −2 overwrites the guard's 0.
    expect(list.ack).toEqual([[isn, -2]]);
    expect(list.seq).toEqual([[isn, 2]]);
    expect(ops.mapAck(list, seqAdd(isn, 3))).toBe(seqAdd(isn, 1));
    expect(mapAck(truth(isn, mods), seqAdd(isn, 3))).toBe(isn);
    expect(ops.mapSeq(list, seqAdd(isn, 1))).toBe(seqAdd(isn, 3));
    expect(mapSeq(truth(isn, mods), seqAdd(isn, 1))).toBe(seqAdd(isn, 4));
  });

  it("a removal at the end of one packet and an insertion at the start of the next share an ACK key: the later overwrites", () => {
    // "ABCDEF": packet 1 removes "CD" (2, −2), packet 2 inserts 3 bytes before "E" (4, +3): both ACK keys are 2.
    const list = committed(0, [[{ pos: 2, offset: -2 }], [{ pos: 4, offset: 3 }]]);
    expect(list.ack).toEqual([[0, 0], [2, -1]]);
    // ACK 2 ("AB"): "CD" has no image, so the truth is 4; the reference, without the removal's key, says 2.
    expect(ops.mapAck(list, 2)).toBe(2);
    expect(mapAck(truth(0, [{ pos: 2, offset: -2 }, { pos: 4, offset: 3 }]), 2)).toBe(4);
  });
});

describe("pruning (ByteStreamMaintainer::prune, RBPrune)", () => {
  it("RBPrune keeps the predecessor of the predecessor of the greatest key ≤ q", () => {
    const tree = [[0, 0], [2, -5], [9, -10], [16, -15], [23, -20]] as const;
    expect(rbPrune(tree, 28)).toEqual(tree.slice(2));
    expect(rbPrune(tree, 16)).toEqual(tree.slice(1));
    expect(rbPrune(tree, 9)).toBe(tree); // the second predecessor is the smallest key: nothing goes
    expect(rbPrune(tree, 1)).toBe(tree);
  });

  // ISN 1000, one 10-byte segment with 5-byte insertions at 2, 4, 6, 8 (SOURCES.md).
  const isn = 1000;
  const mods = [2, 4, 6, 8].map((o) => ({ pos: isn + o, offset: 5 }));

  it("ACK 28 maps to 8 and prunes both trees; an older ACK from 9 to 15 then maps to 9 (the truth is 4, or 5 for 15)", () => {
    const every = fastclickListOps(1);
    const list = committed(isn, [mods], every);
    expect(list.ack.map(([k]) => k - isn)).toEqual([0, 2, 9, 16, 23]);
    expect(every.mapAck(list, isn + 28)).toBe(isn + 8);
    const pruned = every.onAck!(list, isn + 28);
    expect(pruned.ack.map(([k]) => k - isn)).toEqual([9, 16, 23]);
    // The sequence tree, at mapAck(28) = 8 through the pruned ACK tree.
    expect(pruned.seq.map(([k]) => k - isn)).toEqual([4, 6, 8]);
    for (let a = 9; a <= 15; a++) {
      expect(every.mapAck(pruned, isn + a), `late ACK ${a}`).toBe(isn + 9);
      expect(mapAck(truth(isn, mods), isn + a)).toBe(isn + (a < 15 ? 4 : 5));
    }
    // Before the prune it was right.
    expect(every.mapAck(list, isn + 12)).toBe(isn + 4);
  });

  it("prunes on every 10th ACK only, as BS_PRUNE_THRESHOLD says", () => {
    let list = committed(isn, [mods]);
    for (let k = 1; k < 10; k++) {
      list = ops.onAck!(list, isn + 28);
      expect(list.acks).toBe(k);
      expect(list.ack).toHaveLength(5);
    }
    list = ops.onAck!(list, isn + 28);
    expect(list.acks).toBe(0);
    expect(list.ack).toHaveLength(3);
  });

  it("ignores the middlebox's own pruning at the mapped ACK", () => {
    const list = committed(isn, [mods]);
    expect(ops.prune(list, isn + 8)).toBe(list);
  });
});

describe("the view the specs probe", () => {
  it("reads the sequence tree as positions and offsets", () => {
    const isn = 1000;
    const list = committed(isn, [[{ pos: 1002, offset: -2 }, { pos: 1005, offset: 3 }]]);
    expect(fastclickView(list)).toEqual({ floor: 1000, shift: 0, mods: [{ pos: 1002, offset: -2 }, { pos: 1005, offset: 3 }] });
  });
});
