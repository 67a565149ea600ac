/** The built-in rewriters: what they do to a stream, and that segmentation never changes it. */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addModification, emptyList, mapSeq } from "../modification-list.ts";
import { applyEdits, bytesOf, modificationsOf, rewriteInPieces, rewriteWhole, textOf, type AnyRewriter } from "../rewriter.ts";
import { HEADER_OFFSET } from "../rewriters/insert-header.ts";
import { REWRITERS } from "../rewriters/index.ts";
import { seqAdd } from "../serial.ts";

const run = (r: AnyRewriter, text: string) => textOf(applyEdits(bytesOf(text), rewriteWhole(r, bytesOf(text))));

describe("the built-in rewriters", () => {
  it("Fig. 11: ABCDEFGHIJ becomes ABEXYZFGHIJ", () => {
    expect(run(REWRITERS["fig11"]!, "ABCDEFGHIJ")).toBe("ABEXYZFGHIJ");
  });

  it("remove, mask and replace every ATTACK, including one at the very end", () => {
    const text = "GET /ATTACK?q=ATTACKATTAC ATTACK";
    expect(run(REWRITERS["remove-word"]!, text)).toBe("GET /?q=ATTAC ");
    expect(run(REWRITERS["mask-word"]!, text)).toBe("GET /******?q=******ATTAC ******");
    expect(run(REWRITERS["replace-word"]!, "an ATTACK")).toBe("an <b>harmful content removed</b>");
  });

  it("header injection inserts at its offset, and not into a shorter stream", () => {
    const text = "0123456789abcdefREST";
    expect(run(REWRITERS["insert-header"]!, text)).toBe(`${text.slice(0, HEADER_OFFSET)}X-Inspected: nfcheck\r\n${text.slice(HEADER_OFFSET)}`);
    expect(run(REWRITERS["insert-header"]!, "short")).toBe("short");
  });
});

/** Streams rich in pattern fragments, and ways to cut them into segments. */
const streams = fc.array(fc.constantFrom(..."ATTACK", "x", " ", "ATTACK", "ATTA", "CK").map((s) => s), { maxLength: 40 }).map((parts) => bytesOf(parts.join("")));
const cuts = fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 40 });

describe("segmentation never changes the rewrite (the same bytes, the same edits)", () => {
  for (const [name, rewriter] of Object.entries(REWRITERS)) {
    it(name, () => {
      fc.assert(fc.property(streams, cuts, (bytes, sizes) => {
        const whole = rewriteWhole(rewriter, bytes);
        const pieces = rewriteInPieces(rewriter, bytes, sizes);
        expect(pieces.edits).toEqual(whole);
        // The decided point only moves forward; edits arrive in stream order.
        for (let x = 1; x < pieces.decided.length; x++) expect(pieces.decided[x]!).toBeGreaterThanOrEqual(pieces.decided[x - 1]!);
        for (let x = 1; x < whole.length; x++) expect(whole[x]!.at).toBeGreaterThanOrEqual(whole[x - 1]!.at + whole[x - 1]!.remove);
      }), { seed: 7, numRuns: 300 });
    });
  }
});

describe("edits as a modification list (§IV-C)", () => {
  it("every original boundary maps to where the rewritten stream has it, across the 2^32 wrap", () => {
    fc.assert(fc.property(streams, fc.constantFrom(...Object.keys(REWRITERS)), fc.integer({ min: 0xffff_ff00, max: 0xffff_ffff }), (bytes, name, isn) => {
      const edits = rewriteWhole(REWRITERS[name]!, bytes);
      const list = edits.flatMap((e) => modificationsOf(e, isn)).reduce(addModification, emptyList(isn));
      // The rewritten stream's length before original offset b, its own edits (at b) excluded; inside a
      // removed region, where the region was (after what was inserted in its place).
      const outBefore = (b: number) => applyEdits(bytes.slice(0, b), edits.filter((e) => e.at < b && e.at + e.remove <= b)).length;
      for (let b = 0; b <= bytes.length; b++) {
        const straddling = edits.find((e) => e.at < b && b < e.at + e.remove);
        const expected = straddling ? outBefore(straddling.at) + straddling.insert.length : outBefore(b);
        expect(mapSeq(list, seqAdd(isn, b))).toBe(seqAdd(isn, expected));
      }
    }), { seed: 7, numRuns: 300 });
  });
});
