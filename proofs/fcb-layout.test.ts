/**
 * The Z3 proofs of the FCB layout (proofs/fcb-layout.ts, MiddleClick §II-C): the lemma proved, the broken
 * min-offset placement refuted with a concrete chain, the encoding's offsets checked against the
 * TypeScript's, and Z3's optimum compared with the greedy placements.
 */
import { describe, expect, it } from "vitest";
import { checkClaim, type Z3Context } from "../core/z3.ts";
import { compactLayout, FIG_3, findOverlap, heaviestPathBytes, maximalOffsetLayout, minOffsetLayout, toDag, type ChainGraph } from "../models/flow/layout.ts";
import { FCB_LAYOUT_LEMMA, fcbLayoutLemma, layoutOptimum, layoutTerms, LEMMA_GRAPHS } from "./fcb-layout.ts";
import { LEMMAS } from "./index.ts";
import { proveLemma } from "./lemma.ts";

describe("Z3: the FCB layout (MiddleClick §II-C)", () => {
  it("maximal offsets overlap on no path and no layout is smaller, for every byte count, on every shape; Fig. 3's compact layout too", async () => {
    const n = LEMMA_GRAPHS.length;
    expect(await proveLemma(fcbLayoutLemma())).toMatchObject({ status: "proved", cases: 3 * n + 2 });
  });

  it("the min-offset placement is refuted on Fig. 3 with bytes that put the load balancer on another component's", async () => {
    const r = await proveLemma(fcbLayoutLemma({ variant: "min-offset" }));
    expect(r.status).toBe("refuted");
    if (r.status !== "refuted") return;
    expect(r.case).toBe("Fig. 3: min offsets never overlap on a path");
    // The counterexample, replayed in the model: its bytes, placed by minOffsetLayout, give Z3's offsets and an overlap.
    const v = r.counterexample;
    const g: ChainGraph = { ...FIG_3, components: FIG_3.components.map((c) => ({ ...c, bytes: Number(v[`bytes(${c.name})`]) })) };
    const layout = minOffsetLayout(g);
    for (const c of g.components) expect(layout.offsets[c.name]).toBe(Number(v[`offset(${c.name})`]));
    const clash = findOverlap(g, layout);
    expect(clash).not.toBeNull();
    expect([clash!.a, clash!.b]).toContain("load balancer");
    expect(r.explanation).toMatch(/^with bytes classifier \d+, flow monitor \d+, HTTP filter \d+, load balancer \d+, the min-offset placement puts /);
    expect(r.explanation).toMatch(/on the path classifier → .* they share bytes \[\d+, \d+\) \(the TypeScript placement gives the same offsets\)$/);
  });

  it("is among the lemmas `nfcheck prove` and `nfcheck verify` run", () => {
    expect(LEMMAS.map((l) => l.name)).toContain(FCB_LAYOUT_LEMMA);
  });
});

describe("the Z3 encoding computes the TypeScript placements", () => {
  for (const { label, graph } of LEMMA_GRAPHS) {
    it(`${label}: maximal and min offsets with the graph's bytes`, async () => {
      const d = toDag(graph);
      const [max, min] = [maximalOffsetLayout(graph), minOffsetLayout(graph)];
      const outcome = await checkClaim((ctx: Z3Context) => {
        const tMax = layoutTerms(ctx, d, "maximal-offset", d.bytes);
        const tMin = layoutTerms(ctx, d, "min-offset", d.bytes);
        const differs = d.names.flatMap((n, i) => [tMax.o[i]!.neq(max.offsets[n]!), tMin.o[i]!.neq(min.offsets[n]!)]);
        return { negation: [ctx.Or(...differs, tMax.end(tMax.o).neq(max.size))], show: {} };
      });
      expect(outcome.status).toBe("proved");
    });
  }
});

describe("Z3's optimum against the greedy placements", () => {
  it("Fig. 3: 41 bytes ordered and unordered, the maximal-offset size; 65 when every pair conflicts (parallel)", async () => {
    const ordered = await layoutOptimum(FIG_3, "ordered");
    expect(ordered.size).toBe(41);
    expect(findOverlap(FIG_3, ordered)).toBeNull();
    const unordered = await layoutOptimum(FIG_3, "unordered");
    expect(unordered.size).toBe(41);
    expect(findOverlap(FIG_3, unordered)).toBeNull();
    expect((await layoutOptimum(FIG_3, "unordered", { parallel: true })).size).toBe(maximalOffsetLayout(FIG_3, { parallel: true }).size);
  });

  it("on every shape the optimum is the heaviest path, reached by the maximal offsets; compact reaches it on all but 'two roots'", async () => {
    for (const { label, graph } of LEMMA_GRAPHS) {
      const optimum = await layoutOptimum(graph, "unordered");
      expect(optimum.size, label).toBe(heaviestPathBytes(graph));
      expect(maximalOffsetLayout(graph).size, label).toBe(optimum.size);
      expect(compactLayout(graph).size, label).toBe(label === "two roots" ? optimum.size + 1 : optimum.size);
    }
  });
});
