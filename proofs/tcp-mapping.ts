/**
 * The TCP modification list of MiddleClick §IV-C (models/tcp/modification-list.ts) proved with Z3 on
 * 32-bit bit-vectors, for every list of n = 0..2 modifications (n = 3 is too slow; see the times below).
 *
 * What is proved (`tcp-mapping-laws`), for every isn, every list built by `addModification` from
 * `emptyList(isn)` and every number in the window below:
 *   (a) mapAck(mapSeq(x)) = x for every kept original byte x (x not in a removed region);
 *   (b) mapSeq is monotone: x ≤ y ⇒ mapSeq(x) ≤ mapSeq(y), and so is mapAck: a ≤ b ⇒ mapAck(a) ≤ mapAck(b)
 *       (serial order, RFC 1982, on both sides).
 * And (`tcp-prune-invariance`), for every list with a symbolic floor and shift (so every list pruning can
 * leave behind, not only fresh ones) and every acknowledgement a, with o = mapAck(a) and p = prune(list, o):
 *   mapSeq(p, s) = mapSeq(list, s) for every s ≥ o, and mapAck(p, a') = mapAck(list, a') for every a' ≥ a.
 *
 * The encoding follows the TypeScript line by line, so what is proved is the algorithm as written, not a
 * reformulation of it. Every number is a 32-bit bit-vector, so `seqAdd` is bit-vector addition (the
 * TypeScript adds small integers exactly, then reduces modulo 2^32: the same value), and `seqLt(x, y)`,
 * `(x − y) | 0 < 0`, is a bit-vector subtraction followed by a signed comparison with 0. A loop over the
 * list is unrolled over the n modifications: `break` continues with what follows the loop, `return` ends
 * the nested if-then-else there, `shift += m.offset` is the argument of the next unrolled iteration.
 * `prune` keeps a symbolic number of modifications; the pruned list is one list per value of `kept`
 * (0..n), selected by the loop's `done` conditions, and a map on it an if-then-else over those lists.
 *
 * Bounds, and why they keep serial comparison valid. Offsets are non-zero with |offset| < 2^16 (so the
 * total shift of three of them stays below 3·2^16 in magnitude); the list's positions, the ends of its
 * removals, the floor, and every x, s, a the claims quantify over lie in the window [isn, isn + 2^30); in
 * the prune lemma the list's own shift is below 2^20 in magnitude. So every number any map computes lies
 * within 2^30 + 2^21 of isn, and every comparison the code makes is between two numbers less than 2^31
 * apart: the serial order agrees with the order of the distances from isn, with no wrap-around ambiguity.
 * The isn itself is any 32-bit value, so the window may cross 2^32 → 0: wrap-around is covered.
 * The list's validity is `addModification`'s check as written (non-zero offset, not below the floor, not
 * overlapping or preceding the previous modification, a removal right after an insertion at the same
 * position allowed), plus the window and the offset bound.
 *
 * The broken variant `cumulative-offset` maps every sequence number with one running total of all
 * offsets so far, the mistake the paper warns about: law (a) fails for it (a byte before an edit,
 * retransmitted after the edit, gets the wrong number).
 *
 * Cases: one per n, per sign pattern of the offsets (insertion +, removal −) and per law; fixing the signs
 * removes the `m.offset < 0` branches from the query, which made the n = 2 mapAck cases up to 10× faster.
 * Times per case (Z3 WASM, measured with two queries running at once on 2 cores): n ≤ 1 under 3 s each;
 * n = 2 mostly 1–17 s, but mapAck monotone (+, +) about 34 s and prune's mapAck cases (+, +), (+, −)
 * about 40 s (the whole test file: about 280 s). n = 3 is out of reach at 32 bits: without the sign split
 * every n = 3 law timed out at 120 s, with it (+, −, +) still timed out at 60 s (mapSeq monotone 60 s);
 * splitting law (a) by the segment x lies in helped only the first segments. So the default run
 * (DEFAULT_TCP_SIZES, what `nfcheck prove`, `verify` and the tests prove) is n ≤ 1, a few seconds in all;
 * the deep profile (`verify --profile deep`, proofs/index.ts) adds `sizes: [2]` with a 120 s limit per query
 * (its slowest cases take 34–44 s, above the default 20 s): about 2 min per lemma. `sizes: [3]` tries n = 3.
 */
import type { Z3Context } from "../core/z3.ts";
import { addModification, emptyList, mapAck, mapSeq, type ModificationList } from "../models/tcp/modification-list.ts";
import type { Lemma, LemmaCase } from "./lemma.ts";

type Bool = ReturnType<Z3Context["Bool"]["const"]>;
type Bits = ReturnType<Z3Context["BitVec"]["const"]>;
type Int = ReturnType<Z3Context["Int"]["const"]>;

export const TCP_MAPPING_LEMMA = "tcp-mapping-laws";
export const TCP_PRUNE_LEMMA = "tcp-prune-invariance";
/** n = 3 is out of reach at 32 bits (see the header). */
export const DEFAULT_TCP_SIZES: readonly number[] = [0, 1];

const W = 32;
/** Offsets: 0 < |offset| < 2^16. */
export const OFFSET_BOUND = 2 ** 16;
/** Every number the claims speak of lies in [isn, isn + WINDOW). */
export const WINDOW = 2 ** 30;
/** |list.shift| < SHIFT_BOUND for the (possibly already pruned) lists of the prune lemma. */
export const SHIFT_BOUND = 2 ** 20;

/** A modification (pos, offset) as terms; `offset` is a two's-complement 32-bit number. */
export interface ModTerms {
  readonly pos: Bits;
  readonly offset: Bits;
}

/** A ModificationList as terms. */
export interface ListTerms {
  readonly floor: Bits;
  readonly shift: Bits;
  readonly mods: readonly ModTerms[];
}

/** models/tcp/serial.ts on bit-vectors, and the list's maps on terms. */
export function tcpTerms(ctx: Z3Context) {
  const num = (n: number): Bits => ctx.BitVec.val(n, W) as unknown as Bits;
  const ite = (c: Bool, a: Bits, b: Bits): Bits => (a === b ? a : (ctx.If(c, a, b) as unknown as Bits));
  const zero = num(0);

  // models/tcp/serial.ts
  /** seqAdd(x, d) = (x + d) >>> 0. */
  const seqAdd = (x: Bits, d: Bits): Bits => x.add(d);
  /** seqDiff(x, y) = (x − y) | 0: the 32-bit difference, read as signed by the comparisons below. */
  const seqDiff = (x: Bits, y: Bits): Bits => x.sub(y);
  const seqLt = (x: Bits, y: Bits): Bool => seqDiff(x, y).slt(zero);
  const seqLe = (x: Bits, y: Bits): Bool => seqDiff(x, y).sle(zero);
  const seqGt = (x: Bits, y: Bits): Bool => seqDiff(x, y).sgt(zero);
  const seqGe = (x: Bits, y: Bits): Bool => seqDiff(x, y).sge(zero);

  /** `const endOf = (m) => (m.offset < 0 ? seqAdd(m.pos, -m.offset) : m.pos)`. */
  const endOf = (m: ModTerms): Bits => ite(m.offset.slt(zero), seqAdd(m.pos, m.offset.neg()), m.pos);

  /** `mapSeq(list, s)`, unrolled over the list's modifications. */
  const mapSeqT = (list: ListTerms, s: Bits): Bits => {
    // let shift = list.shift; for (const m of list.mods) { ... }
    const iteration = (i: number, shift: Bits): Bits => {
      const m = list.mods[i];
      if (m === undefined) return seqAdd(s, shift); // (after the loop) return seqAdd(s, shift);
      const afterLoop = seqAdd(s, shift);
      return ite(seqLe(s, m.pos), afterLoop, // if (seqLe(s, m.pos)) break;
        ite(ctx.And(m.offset.slt(zero), seqLt(s, endOf(m))), seqAdd(m.pos, shift), // if (m.offset < 0 && seqLt(s, endOf(m))) return seqAdd(m.pos, shift);
          iteration(i + 1, shift.add(m.offset)))); // shift += m.offset;
    };
    return iteration(0, list.shift);
  };

  /** The broken variant: one running total of every offset, applied to every sequence number. */
  const cumulativeMapSeqT = (list: ListTerms, s: Bits): Bits => seqAdd(s, list.mods.reduce((total, m) => total.add(m.offset), list.shift));

  /** `mapAck(list, a)`, unrolled over the list's modifications. */
  const mapAckT = (list: ListTerms, a: Bits): Bits => {
    // let shift = list.shift; for (const m of list.mods) { ... }
    const iteration = (i: number, shift: Bits): Bits => {
      const m = list.mods[i];
      if (m === undefined) return seqAdd(a, shift.neg()); // (after the loop) return seqAdd(a, -shift);
      const at = seqAdd(m.pos, shift); // const at = seqAdd(m.pos, shift);
      const next = iteration(i + 1, shift.add(m.offset)); // shift += m.offset;
      return ite(m.offset.sgt(zero), // if (m.offset > 0) {
        ite(seqLe(a, at), seqAdd(a, shift.neg()), //   if (seqLe(a, at)) return seqAdd(a, -shift);
          ite(seqLt(a, seqAdd(at, m.offset)), m.pos, next)), //   if (seqLt(a, seqAdd(at, m.offset))) return m.pos;
        ite(seqLt(a, at), seqAdd(a, shift.neg()), next)); // } else if (seqLt(a, at)) return seqAdd(a, -shift);
    };
    return iteration(0, list.shift);
  };

  /**
   * `prune(list, o)`: the lists it may return, each with the condition under which it does (exactly one
   * holds). `kept` is symbolic, so there is one candidate per value of it.
   */
  const pruneT = (list: ListTerms, o: Bits): { readonly when: Bool; readonly list: ListTerms }[] => {
    const early = seqLe(o, list.floor); // if (seqLe(o, list.floor)) return list;
    const results: { when: Bool; list: ListTerms }[] = [{ when: early, list }];
    // let shift = list.shift; let kept = 0; for (const m of list.mods) { ... }
    let shift = list.shift;
    let allDone: Bool = ctx.Not(early);
    for (let kept = 0; kept <= list.mods.length; kept++) {
      const m = list.mods[kept];
      // const done = m.offset < 0 ? seqLe(endOf(m), o) : seqLt(m.pos, o);
      const done: Bool | null = m === undefined ? null : (ctx.If(m.offset.slt(zero), seqLe(endOf(m), o), seqLt(m.pos, o)) as unknown as Bool);
      // if (!done) break;  — the loop stops with this `kept` when every earlier m was done and this one is not
      const stopsHere = done === null ? allDone : ctx.And(allDone, ctx.Not(done));
      // const next = list.mods[kept]; const floor = next !== undefined && seqGt(o, next.pos) ? next.pos : o;
      const floor = m === undefined ? o : ite(seqGt(o, m.pos), m.pos, o);
      // return { floor: seqGe(floor, list.floor) ? floor : list.floor, shift, mods: list.mods.slice(kept) };
      results.push({ when: stopsHere, list: { floor: ite(seqGe(floor, list.floor), floor, list.floor), shift, mods: list.mods.slice(kept) } });
      if (m === undefined || done === null) break;
      shift = shift.add(m.offset); // shift += m.offset;
      allDone = ctx.And(allDone, done); // kept++;
    }
    return results;
  };

  /** A map on the list prune returns: an if-then-else over the candidates. */
  const onPruned = (candidates: readonly { readonly when: Bool; readonly list: ListTerms }[], f: (l: ListTerms) => Bits): Bits =>
    candidates.slice(0, -1).reduceRight((rest, c) => ite(c.when, f(c.list), rest), f(candidates[candidates.length - 1]!.list));

  /** `addModification`'s check as written, for mods[i] after mods[0..i−1]. */
  const accepted = (list: ListTerms, i: number): Bool => {
    const m = list.mods[i]!;
    // if (!Number.isInteger(m.offset) || m.offset === 0) throw …
    const conditions: Bool[] = [ctx.Not(m.offset.eq(zero))];
    // if (seqLt(pos, list.floor)) throw …
    conditions.push(ctx.Not(seqLt(m.pos, list.floor)));
    const last = list.mods[i - 1];
    if (last !== undefined) {
      const lastEnd = endOf(last);
      // if (seqLt(pos, lastEnd) || (seqLe(pos, last.pos) && !(pos === last.pos && last.offset > 0 && m.offset < 0))) throw …
      const insertionThenRemoval = ctx.And(m.pos.eq(last.pos), last.offset.sgt(zero), m.offset.slt(zero));
      conditions.push(ctx.Not(ctx.Or(seqLt(m.pos, lastEnd), ctx.And(seqLe(m.pos, last.pos), ctx.Not(insertionThenRemoval)))));
    }
    return ctx.And(...conditions);
  };

  /** 0 ≤ x − isn < WINDOW. */
  const inWindow = (isn: Bits, x: Bits): Bool => x.sub(isn).ult(num(WINDOW));
  /** A valid list of the bounds of the header. */
  const validList = (isn: Bits, list: ListTerms): Bool[] => [
    inWindow(isn, list.floor),
    ...list.mods.flatMap((m, i) => [
      accepted(list, i),
      m.offset.sgt(num(-OFFSET_BOUND)), m.offset.slt(num(OFFSET_BOUND)),
      inWindow(isn, m.pos), inWindow(isn, endOf(m)),
    ]),
  ];
  /** x is in no removed region. */
  const kept = (list: ListTerms, x: Bits): Bool =>
    ctx.And(...list.mods.map((m) => ctx.Not(ctx.And(m.offset.slt(zero), seqLe(m.pos, x), seqLt(x, endOf(m))))));

  /** Symbolic list variables: n modifications, floor and shift as given. */
  const symbolicMods = (n: number): ModTerms[] =>
    Array.from({ length: n }, (_, i) => ({ pos: ctx.BitVec.const(`pos${i + 1}`, W) as unknown as Bits, offset: ctx.BitVec.const(`offset${i + 1}`, W) as unknown as Bits }));
  const bits = (name: string): Bits => ctx.BitVec.const(name, W) as unknown as Bits;
  /** core/z3.ts shows bit-vectors unsigned; offsets and distances read better signed. */
  const signed = (x: Bits): Int => ctx.BV2Int(x, true) as unknown as Int;
  /** Terms to show, bit-vectors as unsigned integers (core/z3.ts shows integers and booleans). */
  const shown = (terms: Readonly<Record<string, Bits | Int>>): Record<string, Int> =>
    Object.fromEntries(Object.entries(terms).map(([k, v]) => [k, ctx.isBitVec(v) ? (ctx.BV2Int(v as Bits, false) as unknown as Int) : (v as Int)]));

  return {
    num, ite, seqAdd, seqDiff, seqLt, seqLe, seqGt, seqGe, endOf,
    mapSeqT, cumulativeMapSeqT, mapAckT, pruneT, onPruned, validList, inWindow, kept, symbolicMods, bits, signed, shown,
  };
}

/** Every pattern of signs of n offsets ("+": insertion, "−": removal); one case per pattern keeps each query small. */
export function signPatterns(n: number): string[] {
  return n === 0 ? [""] : signPatterns(n - 1).flatMap((p) => [`${p}+`, `${p}−`]);
}

/** The pattern's constraint on the offsets. */
function signsOf(ctx: Z3Context, mods: readonly ModTerms[], pattern: string): Bool[] {
  const zero = ctx.BitVec.val(0, W);
  return mods.map((m, i) => (pattern[i] === "+" ? m.offset.sgt(zero) : m.offset.slt(zero)) as unknown as Bool);
}

const labelOf = (n: number, pattern: string) => (n === 0 ? "n = 0" : `n = ${n} (${[...pattern].join(", ")})`);

/** The list the counterexample names, rebuilt with the model's own addModification. */
function listOf(v: Readonly<Record<string, string>>, n: number): ModificationList {
  let list = emptyList(Number(v["isn"]));
  for (let i = 1; i <= n; i++) list = addModification(list, { pos: Number(v[`pos${i}`]), offset: Number(v[`offset${i}`]) });
  return list;
}

function describeList(v: Readonly<Record<string, string>>, n: number): string {
  const mods = Array.from({ length: n }, (_, i) => `(${v[`pos${i + 1}`]}, ${Number(v[`offset${i + 1}`]) > 0 ? "+" : ""}${v[`offset${i + 1}`]})`);
  return `isn ${v["isn"]}, ${n === 0 ? "no modification" : `modifications ${mods.join(", ")}`}`;
}

/** "mapSeq as written" or the broken cumulative-offset mapSeq. */
export type MappingVariant = "as-written" | "cumulative-offset";

export interface TcpMappingOptions {
  readonly variant?: MappingVariant;
  /** List lengths, one group of cases each (default DEFAULT_TCP_SIZES). */
  readonly sizes?: readonly number[];
}

/** Law (a) and the two monotonicity laws (b), one case each per n and sign pattern (times in the header). */
export function tcpMappingLemma(options: TcpMappingOptions = {}): Lemma {
  const variant = options.variant ?? "as-written";
  const sizes = options.sizes ?? DEFAULT_TCP_SIZES;
  return {
    name: variant === "as-written" ? TCP_MAPPING_LEMMA : `${TCP_MAPPING_LEMMA} (${variant})`,
    statement:
      `for every isn and every list of n ∈ {${sizes.join(", ")}} modifications (0 < |offset| < 2^16, within 2^30 of isn)` +
      `${variant === "as-written" ? "" : ", with mapSeq applying one cumulative offset to every number"}: ` +
      "mapAck(mapSeq(x)) = x for every kept byte x, and mapSeq and mapAck are monotone (serial order)",
    source: "MiddleClick §IV-C (TCP stream modification list); models/tcp/modification-list.ts mapSeq, mapAck",
    cases: () => sizes.flatMap((n) => signPatterns(n).flatMap((pattern) => mappingCases(n, pattern, variant))),
  };
}

function mappingCases(n: number, pattern: string, variant: MappingVariant): LemmaCase[] {
  const setup = (ctx: Z3Context) => {
    const t = tcpTerms(ctx);
    const isn = t.bits("isn");
    const list: ListTerms = { floor: isn, shift: t.num(0), mods: t.symbolicMods(n) }; // emptyList(isn), then addModification
    const seq = (s: Bits) => (variant === "as-written" ? t.mapSeqT(list, s) : t.cumulativeMapSeqT(list, s));
    const show: Record<string, Bits | Int> = { isn };
    for (const [i, m] of list.mods.entries()) {
      show[`pos${i + 1}`] = m.pos;
      show[`offset${i + 1}`] = t.signed(m.offset);
    }
    return { t, isn, list, seq, assumptions: [...t.validList(isn, list), ...signsOf(ctx, list.mods, pattern)], show };
  };
  const of = (v: Readonly<Record<string, string>>) => describeList(v, n);
  return [
    {
      label: `${labelOf(n, pattern)}: mapAck(mapSeq(x)) = x`,
      query: (ctx) => {
        const { t, isn, list, seq, assumptions, show } = setup(ctx);
        const x = t.bits("x");
        const image = seq(x);
        const back = t.mapAckT(list, image);
        return {
          negation: [...assumptions, t.inWindow(isn, x), t.kept(list, x), ctx.Not(back.eq(x))],
          show: t.shown({ ...show, x, "mapSeq(x)": image, "mapAck(mapSeq(x))": back }),
        };
      },
      explain: (v) => {
        const list = listOf(v, n);
        const x = Number(v["x"]);
        const written = mapSeq(list, x);
        const total = list.mods.reduce((sum, m) => sum + m.offset, 0);
        if (variant === "cumulative-offset") {
          return `${of(v)}: kept byte ${x}, sent with the cumulative offset ${total} at ${v["mapSeq(x)"]}, is in the modified stream at ${written} ` +
            `(mapSeq counts only the edits before it), so its acknowledgement maps back to ${v["mapAck(mapSeq(x))"]}, not ${x}`;
        }
        const agree = written === Number(v["mapSeq(x)"]) && mapAck(list, written) === Number(v["mapAck(mapSeq(x))"]);
        return `${of(v)}: kept byte ${x} maps to ${v["mapSeq(x)"]}, which mapAck maps back to ${v["mapAck(mapSeq(x))"]}, not ${x}` +
          (agree ? " (the TypeScript maps give the same numbers)" : `; the TypeScript maps give ${written} and ${mapAck(list, written)}: the encoding and the model disagree`);
      },
    },
    {
      label: `${labelOf(n, pattern)}: mapSeq monotone`,
      query: (ctx) => {
        const { t, isn, seq, assumptions, show } = setup(ctx);
        const [x, y] = [t.bits("x"), t.bits("y")];
        const [sx, sy] = [seq(x), seq(y)];
        return {
          negation: [...assumptions, t.inWindow(isn, x), t.inWindow(isn, y), t.seqLe(x, y), t.seqLt(sy, sx)],
          show: t.shown({ ...show, x, y, "mapSeq(x)": sx, "mapSeq(y)": sy }),
        };
      },
      explain: (v) => `${of(v)}: ${v["x"]} ≤ ${v["y"]} but mapSeq gives ${v["mapSeq(x)"]} > ${v["mapSeq(y)"]}`,
    },
    {
      label: `${labelOf(n, pattern)}: mapAck monotone`,
      query: (ctx) => {
        const { t, isn, list, assumptions, show } = setup(ctx);
        const [a, b] = [t.bits("a"), t.bits("b")];
        const [ma, mb] = [t.mapAckT(list, a), t.mapAckT(list, b)];
        return {
          negation: [...assumptions, t.inWindow(isn, a), t.inWindow(isn, b), t.seqLe(a, b), t.seqLt(mb, ma)],
          show: t.shown({ ...show, a, b, "mapAck(a)": ma, "mapAck(b)": mb }),
        };
      },
      explain: (v) => `${of(v)}: ${v["a"]} ≤ ${v["b"]} but mapAck gives ${v["mapAck(a)"]} > ${v["mapAck(b)"]}`,
    },
  ];
}

export interface TcpPruneOptions {
  /** List lengths, one group of cases each (default DEFAULT_TCP_SIZES). */
  readonly sizes?: readonly number[];
}

/** Pruning at o = mapAck(a) keeps mapSeq at every s ≥ o and mapAck at every a' ≥ a, one case each per n. */
export function tcpPruneLemma(options: TcpPruneOptions = {}): Lemma {
  const sizes = options.sizes ?? DEFAULT_TCP_SIZES;
  return {
    name: TCP_PRUNE_LEMMA,
    statement:
      `for every list of n ∈ {${sizes.join(", ")}} modifications (any floor, |shift| < 2^20, 0 < |offset| < 2^16, within 2^30 of isn) ` +
      "and every acknowledgement a, with o = mapAck(a): prune(list, o) maps every s ≥ o and every a' ≥ a as the list does",
    source: "MiddleClick §IV-C (pruning the modification list on ACKs); models/tcp/modification-list.ts prune",
    cases: () => sizes.flatMap((n) => signPatterns(n).flatMap((pattern) => pruneCases(n, pattern))),
  };
}

function pruneCases(n: number, pattern: string): LemmaCase[] {
  const setup = (ctx: Z3Context) => {
    const t = tcpTerms(ctx);
    const isn = t.bits("isn");
    const list: ListTerms = { floor: t.bits("floor"), shift: t.bits("shift"), mods: t.symbolicMods(n) };
    const a = t.bits("a");
    const o = t.mapAckT(list, a);
    const pruned = t.pruneT(list, o);
    const assumptions = [
      ...t.validList(isn, list), ...signsOf(ctx, list.mods, pattern), t.inWindow(isn, a),
      list.shift.sgt(t.num(-SHIFT_BOUND)), list.shift.slt(t.num(SHIFT_BOUND)),
    ];
    // How many modifications the pruned list keeps (n + 1 when prune returned the list as it was).
    const kept = pruned.slice(1).reduceRight<Bits>((rest, c) => t.ite(c.when, t.num(n - c.list.mods.length), rest), t.num(-1));
    const show: Record<string, Bits | Int> = { isn, floor: list.floor, shift: t.signed(list.shift), a, o, "pruned (−1: unchanged)": t.signed(t.ite(pruned[0]!.when, t.num(-1), kept)) };
    for (const [i, m] of list.mods.entries()) {
      show[`pos${i + 1}`] = m.pos;
      show[`offset${i + 1}`] = t.signed(m.offset);
    }
    return { t, isn, list, a, o, pruned, assumptions, show };
  };
  const of = (v: Readonly<Record<string, string>>) =>
    `${describeList(v, n)} (floor ${v["floor"]}, shift ${v["shift"]}), a = ${v["a"]}, o = mapAck(a) = ${v["o"]}, ${
      v["pruned (−1: unchanged)"] === "-1" ? "prune returns the list unchanged" : `prune drops ${v["pruned (−1: unchanged)"]} modification(s)`}`;
  return [
    {
      label: `${labelOf(n, pattern)}: prune keeps mapSeq(s) for s ≥ o`,
      query: (ctx) => {
        const { t, isn, list, o, pruned, assumptions, show } = setup(ctx);
        const s = t.bits("s");
        const before = t.mapSeqT(list, s);
        const after = t.onPruned(pruned, (l) => t.mapSeqT(l, s));
        return {
          negation: [...assumptions, t.inWindow(isn, s), t.seqGe(s, o), ctx.Not(after.eq(before))],
          show: t.shown({ ...show, s, "mapSeq(list, s)": before, "mapSeq(pruned, s)": after }),
        };
      },
      explain: (v) => `${of(v)}: s = ${v["s"]} maps to ${v["mapSeq(pruned, s)"]} after pruning, ${v["mapSeq(list, s)"]} before`,
    },
    {
      label: `${labelOf(n, pattern)}: prune keeps mapAck(a') for a' ≥ a`,
      query: (ctx) => {
        const { t, isn, list, a, pruned, assumptions, show } = setup(ctx);
        const a2 = t.bits("a'");
        const before = t.mapAckT(list, a2);
        const after = t.onPruned(pruned, (l) => t.mapAckT(l, a2));
        return {
          negation: [...assumptions, t.inWindow(isn, a2), t.seqGe(a2, a), ctx.Not(after.eq(before))],
          show: t.shown({ ...show, "a'": a2, "mapAck(list, a')": before, "mapAck(pruned, a')": after }),
        };
      },
      explain: (v) => `${of(v)}: a' = ${v["a'"]} maps to ${v["mapAck(pruned, a')"]} after pruning, ${v["mapAck(list, a')"]} before`,
    },
  ];
}
