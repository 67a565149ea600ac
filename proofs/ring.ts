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
 * Rows hold packet numbers (which packet's f(p) is stored), one integer per row; a read or write at a
 * symbolic row is a case split over the H rows.
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
    const rows: Int[] = Array.from({ length: H }, (_, r) => ctx.Int.const(`row${r}`));
    /** rows[at] for a symbolic row number 0 ≤ at < H. */
    const select = (rs: readonly Int[], at: Int): Int => rs.slice(0, -1).reduceRight<Int>((rest, row, r) => ctx.If(at.eq(r), row, rest) as Int, rs[H - 1]!);
    const orZero = (w: Int) => ctx.If(w.ge(1), w, ctx.Int.val(0));
    /** The packet row r holds after q·H + idx packets. */
    const holder = (qq: Int, idx: Int, r: number) => ctx.If(idx.gt(r), qq.mul(H).add(r + 1), orZero(qq.sub(1).mul(H).add(r + 1)));
    const invariant = (qq: Int, idx: Int, rs: readonly Int[]) =>
      ctx.And(qq.ge(0), idx.ge(0), idx.lt(H), ...rs.map((row, r) => row.eq(holder(qq, idx, r))));
    const n = q.mul(H).add(index);
    /** (a + b) mod H for 0 ≤ a, b < H. */
    const wrap = (x: Int) => ctx.If(x.lt(H), x, x.sub(H));
    return { q, index, rows, n, orZero, invariant, wrap, select };
  };
  const ofRing = (v: Readonly<Record<string, string>>) => `H = ${H}, after n = ${v["n"]} packets (index ${v["index"]})`;
  return [
    {
      label: `H = ${H} (init)`,
      query: (ctx) => {
        const { q, index, rows, n, invariant } = setup(ctx);
        const zero = rows.map((row) => row.eq(0));
        return { negation: [q.eq(0), index.eq(0), ...zero, ctx.Not(invariant(q, index, rows))], show: { n, index } };
      },
      explain: (v) => `${ofRing(v)}: the initial ring does not satisfy the invariant`,
    },
    {
      label: `H = ${H} (step)`,
      query: (ctx) => {
        const { q, index, rows, n, invariant } = setup(ctx);
        const after = rows.map((row, r) => ctx.If(index.eq(r), n.add(1), row) as typeof row);
        const last = index.eq(H - 1);
        const next = invariant(ctx.If(last, q.add(1), q), ctx.If(last, ctx.Int.val(0), index.add(1)), after);
        return { negation: [invariant(q, index, rows), ctx.Not(next)], show: { n, index } };
      },
      explain: (v) => `${ofRing(v)}: writing packet n + 1 at the index and advancing it breaks the invariant`,
    },
    {
      label: `H = ${H} (read)`,
      query: (ctx) => {
        const { q, index, rows, n, orZero, invariant, wrap, select } = setup(ctx);
        const j = ctx.Int.const("j");
        const got = select(rows, readStart === "index" ? wrap(index.add(j)) : j);
        const expected = orZero(n.add(1 - H).add(j));
        return { negation: [invariant(q, index, rows), j.ge(0), j.lt(H), got.neq(expected)], show: { n, index, j, got, expected } };
      },
      explain: (v) => `${ofRing(v)}: packet #${Number(v["n"]) + 1} reads packet ${v["got"]} at position j = ${v["j"]}, where the ${ordinal(Number(v["j"]) + 1)} oldest of its H previous packets, ${v["expected"]}, belongs (0 = a zero row)`,
    },
  ];
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
}
