/** The parts of the end-to-end model checked against byte-by-byte references: reassembly, range rewriting, images. */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateStream, openConnection } from "../connection.ts";
import { rewriteRange } from "../middlebox.ts";
import { onSegment, RECEIVER_START, deliveredBytes, type Receiver } from "../receiver.ts";
import { applyEdits, bytesOf, type Edit } from "../rewriter.ts";
import { REWRITERS } from "../rewriters/index.ts";
import { seqAdd } from "../serial.ts";

const isns = fc.oneof(fc.constant(2 ** 32 - 2), fc.nat({ max: 2 ** 32 - 1 }));

describe("receiver reassembly", () => {
  it("delivers the stream in order whatever the segments, their order, overlaps and duplicates (window large)", () => {
    fc.assert(fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 40 }), isns,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 30 }),
      (stream, isn, cuts) => {
        let r: Receiver = RECEIVER_START;
        const send = (from: number, to: number) => {
          r = onSegment(r, isn, { seq: seqAdd(isn, from), bytes: [...stream.subarray(from, to)], fin: to === stream.length }, 1 << 20).receiver;
        };
        for (const [start, len] of cuts) {
          const from = start % stream.length;
          send(from, Math.min(stream.length, from + len));
        }
        send(0, stream.length); // the retransmission that fills every gap
        expect(deliveredBytes(r)).toEqual([...stream]);
        expect(r.nxt).toBe(stream.length + 1); // the FIN is taken
        expect(r.pending).toEqual([]);
      },
    ));
  });

  it("trims a segment to its window and acknowledges what it has", () => {
    const r = onSegment(RECEIVER_START, 10, { seq: 10, bytes: bytesOf("ABCDEF"), fin: true }, 4);
    expect(deliveredBytes(r.receiver)).toEqual(bytesOf("ABCD"));
    expect(r.ack.ack).toBe(14);
    expect(r.receiver.finAt).toBeNull(); // the FIN's segment did not fit
  });
});

describe("rewriting a range of the stream", () => {
  it("a segmentation's rewritten pieces, each with its own edits, concatenate to the whole rewrite", () => {
    fc.assert(fc.property(fc.nat(), fc.integer({ min: 1, max: 200 }), fc.constantFrom(...Object.keys(REWRITERS)), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }), (seed, length, name, sizes) => {
      const bytes = generateStream(length, seed);
      const conn = openConnection(0, { length, seed }, REWRITERS[name]!);
      const pieces: number[] = [];
      let at = 0;
      for (let x = 0; at < length; x++) {
        const to = Math.min(length, at + sizes[x % sizes.length]!);
        pieces.push(...rewriteRange(bytes, conn.edits, at, to, to === length));
        at = to;
      }
      expect(pieces).toEqual([...conn.expected]);
    }));
  });

  it("an insertion at the end goes with the FIN; a removal straddling the start is clipped", () => {
    const bytes = Uint8Array.from(bytesOf("ABCDEF"));
    const edits: Edit[] = [{ at: 1, remove: 3, insert: bytesOf("x") }, { at: 6, remove: 0, insert: bytesOf("!") }];
    expect(rewriteRange(bytes, edits, 2, 6, false)).toEqual(bytesOf("EF"));
    expect(rewriteRange(bytes, edits, 2, 6, true)).toEqual(bytesOf("EF!"));
    expect(rewriteRange(bytes, edits, 0, 2, false)).toEqual(bytesOf("Ax"));
  });
});

describe("the image of original offsets", () => {
  it("image[o] is the length of the rewrite of the first o bytes, their insertions included", () => {
    fc.assert(fc.property(fc.nat(), fc.integer({ min: 1, max: 120 }), fc.constantFrom(...Object.keys(REWRITERS)), (seed, length, name) => {
      const conn = openConnection(0, { length, seed }, REWRITERS[name]!);
      for (let o = 0; o <= length; o++) {
        const before = conn.edits.filter((e) => e.at < o).map((e) => ({ ...e, remove: Math.min(e.remove, o - e.at) }));
        expect(conn.image[o]).toBe(applyEdits([...conn.bytes.subarray(0, o)], before).length);
      }
    }));
  });
});
