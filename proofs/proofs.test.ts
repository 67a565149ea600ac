import { describe, expect, it } from "vitest";
import { proveLemma } from "./lemma.ts";
import { ringLemma } from "./ring.ts";
import { throughputLemma } from "./throughput.ts";

describe("Z3 lemmas", () => {
  // The whole range H = 1..64 is the lemma `nfcheck prove ring-order` and `npm run verify` prove (192
  // queries, about 12 s); here the small rings, where off-by-one errors show, and the largest.
  it("ring order: for H = 1..12 and 64 and every index, the ring read from the index gives the H previous packets oldest first", async () => {
    const sizes = [...Array.from({ length: 12 }, (_, i) => i + 1), 64];
    expect(await proveLemma(ringLemma("index", sizes))).toMatchObject({ status: "proved", cases: sizes.length * 3 });
  });

  it("ring order fails when the ring is read from row 0, with a concrete ring as counterexample", async () => {
    const r = await proveLemma(ringLemma("row-0", [1, 2, 3]));
    expect(r.status).toBe("refuted");
    if (r.status !== "refuted") return;
    expect(r.case).toBe("H = 2 (read)"); // H = 1 has one row: row 0 is the index
    const { n, index, j, got, expected } = r.counterexample;
    expect(Number(index)).toBe(Number(n) % 2);
    expect(Number(got)).not.toBe(Number(expected));
    expect(r.explanation).toContain(`reads packet ${got} at position j = ${j}`);
  });

  it("throughput (App. A): k / (t + (k − 1)·c2) is strictly increasing in k exactly when t > c2", async () => {
    expect(await proveLemma(throughputLemma())).toMatchObject({ status: "proved", cases: 2 });
  });

  it("the false lemma \"increasing when t ≥ c2\" is refuted by Z3 at t = c2", async () => {
    const r = await proveLemma(throughputLemma("t >= c2"));
    expect(r.status).toBe("refuted");
    if (r.status !== "refuted") return;
    expect(r.counterexample["t"]).toBe(r.counterexample["c2"]);
    expect(r.counterexample["f(k1)"]).toBe(r.counterexample["f(k2)"]);
    expect(r.explanation).toMatch(/cores give .* not more/);
  });
});
