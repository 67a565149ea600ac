/**
 * The sequencer's ring buffer (SCR §3.3.2, NetFPGA design; App. C's loop). For every H in 1..64 and for
 * every number n of packets already handled (so every index): when packet n + 1 arrives, reading rows
 * (index + j) mod H for j = 0..H−1 yields the H previous packets oldest first — packet n + 1 − H + j, or
 * a zero row where that is before packet #1 — given the sequencer's write schedule: read all rows, write
 * f(p) at the index, advance the index modulo H.
 *
 * Proof by induction on n with an explicit invariant, for each H. Write n = q·H + index, 0 ≤ index < H
 * (so index = n mod H), which keeps every query in linear integer arithmetic. After n packets row r holds
 * the last packet w ≤ n with (w − 1) mod H = r: w = q·H + r + 1 if r < index, else (q − 1)·H + r + 1
 * (0, a zero row, if that is below 1).
 *   init:  n = 0 (q = 0, index = 0), all rows zero  ⇒ invariant
 *   step:  invariant, then rows[index] := n + 1, index := index + 1, wrapping to 0 (q + 1) at H  ⇒ invariant
 *   read:  invariant  ⇒ row (index + j) mod H holds packet n + 1 − H + j (0 if < 1), for every j < H
 * Rows hold packet numbers (which packet's f(p) is stored). The invariant is one clause per row, and a
 * row's clause after a step depends on that row alone (the write changes row `index` only, and every
 * clause reads the same q and index); so each query is about one symbolic row r, 0 ≤ r < H, holding a
 * symbolic `row`, for all rows at once: a refutation names the row (and the read its position j). The
 * queries are as small for H = 64 as for H = 1 (an earlier encoding with H row variables and a case split
 * over them for a symbolic row took a minute for 1..64).
 */
import type { Z3Context } from "../core/z3.ts";
import type { Lemma, LemmaCase } from "./lemma.ts";

export const MAX_RING = 64;

/** How the core reads the ring: the design (from the index), or the broken reading from row 0. */
export type ReadStart = "index" | "row-0";

export function ringLemma(readStart: ReadStart = "index", sizes: readonly number[] = Array.from({ length: MAX_RING }, (_, i) => i + 1)): Lemma {
  return {
    name: readStart === "index" ? "ring-order" : "ring-order (reading from row 0)",
    statement: `for H in ${sizes[0]}..${sizes[sizes.length - 1]} and every index, rows (${readStart === "index" ? "index" : "0"} + j) mod H, j = 0..H−1, hold the H previous packets oldest first`,
    source: "SCR §3.3.2 (NetFPGA sequencer), App. C (ring-order loop)",
    cases: () => sizes.flatMap((H) => ringCases(H, readStart)),
  };
}

function ringCases(H: number, readStart: ReadStart): LemmaCase[] {
  const setup = (ctx: Z3Context) => {
    const q = ctx.Int.const("q");
    const index = ctx.Int.const("index");
    type Int = typeof q;
    /** Row r (symbolic, 0 ≤ r < H) and what it holds. */
    const r = ctx.Int.const("r");
    const row = ctx.Int.const("row");
    const orZero = (w: Int) => ctx.If(w.ge(1), w, ctx.Int.val(0));
    /** The packet row rr holds after q·H + idx packets. */
    const holder = (qq: Int, idx: Int, rr: Int) => ctx.If(idx.gt(rr), qq.mul(H).add(rr).add(1), orZero(qq.sub(1).mul(H).add(rr).add(1)));
    /** The invariant's part for row rr holding v (the whole invariant: this for every row). */
    const rowInvariant = (qq: Int, idx: Int, rr: Int, v: Int) => ctx.And(qq.ge(0), idx.ge(0), idx.lt(H), rr.ge(0), rr.lt(H), v.eq(holder(qq, idx, rr)));
    const n = q.mul(H).add(index);
    /** (a + b) mod H for 0 ≤ a, b < H. */
    const wrap = (x: Int) => ctx.If(x.lt(H), x, x.sub(H));
    return { q, index, r, row, n, orZero, rowInvariant, wrap };
  };
  const ofRing = (v: Readonly<Record<string, string>>) => `H = ${H}, after n = ${v["n"]} packets (index ${v["index"]})`;
  return [
    {
      label: `H = ${H} (init)`,
      query: (ctx) => {
        const { q, index, r, n, rowInvariant } = setup(ctx);
        return { negation: [q.eq(0), index.eq(0), r.ge(0), r.lt(H), ctx.Not(rowInvariant(q, index, r, ctx.Int.val(0)))], show: { n, index, r } };
      },
      explain: (v) => `${ofRing(v)}: the initial ring's row ${v["r"]} does not satisfy the invariant`,
    },
    {
      label: `H = ${H} (step)`,
      query: (ctx) => {
        const { q, index, r, row, n, rowInvariant } = setup(ctx);
        const after = ctx.If(index.eq(r), n.add(1), row) as typeof row;
        const last = index.eq(H - 1);
        const next = rowInvariant(ctx.If(last, q.add(1), q), ctx.If(last, ctx.Int.val(0), index.add(1)), r, after);
        return { negation: [rowInvariant(q, index, r, row), ctx.Not(next)], show: { n, index, r } };
      },
      explain: (v) => `${ofRing(v)}: writing packet n + 1 at the index and advancing it breaks the invariant at row ${v["r"]}`,
    },
    {
      label: `H = ${H} (read)`,
      query: (ctx) => {
        const { q, index, r, row, n, orZero, rowInvariant, wrap } = setup(ctx);
        const j = ctx.Int.const("j");
        const expected = orZero(n.add(1 - H).add(j));
        // The row read at position j is r, and it holds what the invariant says row r holds.
        const reads = r.eq(readStart === "index" ? wrap(index.add(j)) : j);
        return { negation: [rowInvariant(q, index, r, row), j.ge(0), j.lt(H), reads, row.neq(expected)], show: { n, index, j, got: row, expected } };
      },
      explain: (v) => `${ofRing(v)}: packet #${Number(v["n"]) + 1} reads packet ${v["got"]} at position j = ${v["j"]}, where the ${ordinal(Number(v["j"]) + 1)} oldest of its H previous packets, ${v["expected"]}, belongs (0 = a zero row)`,
    },
  ];
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
}
