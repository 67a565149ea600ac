/**
 * The Z3 proofs of the TCP modification list (proofs/tcp-mapping.ts, MiddleClick §IV-C): the laws and the
 * pruning invariance proved, the cumulative-offset mapSeq refuted with a concrete list, and the bit-vector
 * encodings of mapSeq, mapAck and prune checked against the TypeScript functions on concrete lists.
 */
import { describe, expect, it } from "vitest";
import { checkClaim, type Z3Context } from "../core/z3.ts";
import { addModification, emptyList, mapAck, mapSeq, prune, type Modification, type ModificationList } from "../models/tcp/modification-list.ts";
import { seqAdd } from "../models/tcp/serial.ts";
import { LEMMAS } from "./index.ts";
import { proveLemma } from "./lemma.ts";
import { signPatterns, tcpMappingLemma, tcpPruneLemma, tcpTerms, TCP_MAPPING_LEMMA, TCP_PRUNE_LEMMA, type ListTerms } from "./tcp-mapping.ts";

const CASE_TIMEOUT_MS = 120_000;

describe("Z3: the TCP modification list (MiddleClick §IV-C)", () => {
  it("mapAck(mapSeq(x)) = x for kept bytes, and both maps monotone, for every list of up to one modification (the default run)", async () => {
    const r = await proveLemma(tcpMappingLemma(), CASE_TIMEOUT_MS);
    expect(r).toMatchObject({ status: "proved", cases: 3 * (1 + 2) });
  }, 900_000);

  it("pruning at o = mapAck(a) changes neither mapSeq(s), s ≥ o, nor mapAck(a'), a' ≥ a", async () => {
    const r = await proveLemma(tcpPruneLemma(), CASE_TIMEOUT_MS);
    expect(r).toMatchObject({ status: "proved", cases: 2 * (1 + 2) });
  }, 900_000);

  it("a cumulative-offset mapSeq breaks mapAck(mapSeq(x)) = x, with a concrete list", async () => {
    const r = await proveLemma(tcpMappingLemma({ variant: "cumulative-offset", sizes: [0, 1] }), CASE_TIMEOUT_MS);
    expect(r.status).toBe("refuted");
    if (r.status !== "refuted") return;
    expect(r.case).toMatch(/^n = 1 \([+−]\): mapAck\(mapSeq\(x\)\) = x$/); // n = 0 holds: no offset at all
    const v = r.counterexample;
    const isn = Number(v["isn"]);
    const m = { pos: Number(v["pos1"]), offset: Number(v["offset1"]) };
    const list = addModification(emptyList(isn), m);
    const x = Number(v["x"]);
    // The counterexample, replayed in the model: the cumulative number is not where x is, and maps elsewhere.
    expect(Number(v["mapSeq(x)"])).toBe(seqAdd(x, m.offset));
    expect(Number(v["mapSeq(x)"])).not.toBe(mapSeq(list, x));
    expect(mapAck(list, Number(v["mapSeq(x)"]))).toBe(Number(v["mapAck(mapSeq(x))"]));
    expect(Number(v["mapAck(mapSeq(x))"])).not.toBe(x);
    expect(r.explanation).toContain(`kept byte ${x}, sent with the cumulative offset ${m.offset}`);
    expect(r.explanation).toMatch(/maps back to \d+, not \d+$/);
  }, 300_000);

  it("is among the lemmas `nfcheck prove` and `nfcheck verify` run", () => {
    expect(LEMMAS.map((l) => l.name)).toEqual(expect.arrayContaining([TCP_MAPPING_LEMMA, TCP_PRUNE_LEMMA]));
    expect(signPatterns(2)).toEqual(["++", "+−", "−+", "−−"]);
  });
});

/** Concrete lists: Fig. 11, one across the 2^32 wrap, and an insertion then a removal at one position. */
const WRAP_ISN = 2 ** 32 - 3;
const concrete: readonly { readonly name: string; readonly isn: number; readonly mods: readonly Modification[] }[] = [
  { name: "Fig. 11", isn: 0, mods: [{ pos: 2, offset: -2 }, { pos: 5, offset: 3 }] },
  { name: "across the wrap", isn: WRAP_ISN, mods: [{ pos: seqAdd(WRAP_ISN, 1), offset: -2 }, { pos: seqAdd(WRAP_ISN, 5), offset: 3 }, { pos: seqAdd(WRAP_ISN, 7), offset: -1 }] },
  { name: "insertion and removal at one position", isn: 100, mods: [{ pos: 103, offset: 2 }, { pos: 103, offset: -3 }, { pos: 106, offset: 4 }] },
];

describe("the Z3 encodings evaluate like the TypeScript maps on concrete lists", () => {
  for (const c of concrete) {
    it(`${c.name}: mapSeq, mapAck and prune`, async () => {
      const list: ModificationList = c.mods.reduce(addModification, emptyList(c.isn));
      const points = Array.from({ length: 20 }, (_, i) => seqAdd(c.isn, i - 2));
      const outcome = await checkClaim((ctx: Z3Context) => {
        const t = tcpTerms(ctx);
        const terms = (l: ModificationList): ListTerms => ({
          floor: t.num(l.floor), shift: t.num(l.shift), mods: l.mods.map((m) => ({ pos: t.num(m.pos), offset: t.num(m.offset) })),
        });
        const L = terms(list);
        const differs = [];
        for (const p of points) {
          differs.push(t.mapSeqT(L, t.num(p)).neq(t.num(mapSeq(list, p))));
          differs.push(t.mapAckT(L, t.num(p)).neq(t.num(mapAck(list, p))));
          // prune at o = mapAck(p): the encoding's pruned list maps like the model's, everywhere.
          const o = mapAck(list, p);
          const pruned = prune(list, o);
          const candidates = t.pruneT(L, t.num(o));
          for (const q of points) {
            differs.push(t.onPruned(candidates, (l) => t.mapSeqT(l, t.num(q))).neq(t.num(mapSeq(pruned, q))));
            differs.push(t.onPruned(candidates, (l) => t.mapAckT(l, t.num(q))).neq(t.num(mapAck(pruned, q))));
          }
        }
        return { negation: [ctx.Or(...differs)], show: {} };
      });
      expect(outcome.status).toBe("proved");
    }, 60_000);
  }

  it("Fig. 11's hand-derived tables hold in the encoding too", async () => {
    const seqTable = [[0, 0], [1, 1], [2, 2], [3, 2], [4, 2], [5, 3], [6, 7], [9, 10], [10, 11]] as const;
    const ackTable = [[0, 0], [1, 1], [2, 4], [3, 5], [4, 5], [5, 5], [6, 5], [7, 6], [11, 10]] as const;
    const outcome = await checkClaim((ctx: Z3Context) => {
      const t = tcpTerms(ctx);
      const L: ListTerms = { floor: t.num(0), shift: t.num(0), mods: [{ pos: t.num(2), offset: t.num(-2) }, { pos: t.num(5), offset: t.num(3) }] };
      return {
        negation: [ctx.Or(...seqTable.map(([s, m]) => t.mapSeqT(L, t.num(s)).neq(t.num(m))), ...ackTable.map(([a, o]) => t.mapAckT(L, t.num(a)).neq(t.num(o))))],
        show: {},
      };
    });
    expect(outcome.status).toBe("proved");
  });
});
