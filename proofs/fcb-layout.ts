/**
 * The FCB layout of MiddleClick §II-C (models/flow/layout.ts) proved with Z3 over the integers, for the
 * shapes of a few small chains and every assignment of per-session bytes to their components.
 *
 * What is proved (`fcb-layout`), for Fig. 3's chain, a chain of 4, a diamond, a double diamond with a
 * bypass, and a chain with two roots, with the bytes b(v) symbolic integers ≥ 0:
 *   (a) non-overlap: with the maximal offsets o(v) = max over v's predecessors u of o(u) + b(u) (0 at a
 *       root, encoded with If as the TypeScript computes it, in topological order), no two components on a
 *       common path have overlapping bytes: [o(u), o(u) + b(u)) ∩ [o(v), o(v) + b(v)) = ∅ whenever b(u),
 *       b(v) > 0. (On a DAG, u and v share a root-to-sink path exactly when one reaches the other.)
 *   (b) ordered optimum: no ordered layout p (p(v) ≥ p(u) + b(u) on every edge, p ≥ 0, no overlap on a
 *       path) ends before the maximal-offset layout: max p(v) + b(v) ≥ max o(v) + b(v).
 *   (c) optimum of any layout: the same without the edge constraints — no layout at all, ordered or not,
 *       is smaller. (Each path's components are pairwise disjoint, so a layout needs at least the heaviest
 *       path's bytes, which is what the maximal offsets use; the compact variant can only tie or lose on
 *       the whole FCB — it wins on per-path sizes.)
 * And on Fig. 3's bytes (1, 24, 36 and our 4 for the load balancer): the compact layout's concrete offsets
 * from models/flow/layout.ts overlap on no path, and no ordered layout needs fewer than 41 bytes.
 *
 * The broken variant `min-offset` (the minimum over the predecessors: the path that needs the fewest
 * bytes) is refuted by (a) already on Fig. 3: the load balancer lands on the flow monitor's bytes. Only (a)
 * is a claim about the placement, so the variant's lemma has only the non-overlap cases.
 *
 * `layoutOptimum(graph, "ordered" | "unordered")` asks Z3's Optimize for the smallest FCB of the layouts of
 * the given kind with the graph's concrete bytes, to compare with the greedy placements; `nfcheck cost
 * flow` prints it next to them. All of it is linear integer arithmetic; each query takes milliseconds.
 */
import { checkClaim, minimize, type Z3Context } from "../core/z3.ts";
import {
  compactLayout, conflictRelation, FIG_3, findOverlap, maximalOffsetLayout, minOffsetLayout, paths, toDag,
  type ChainGraph, type Dag, type Layout, type LayoutOptions,
} from "../models/flow/layout.ts";
import type { Lemma, LemmaCase } from "./lemma.ts";

type Bool = ReturnType<Z3Context["Bool"]["const"]>;
type Int = ReturnType<Z3Context["Int"]["const"]>;

export const FCB_LAYOUT_LEMMA = "fcb-layout";

/** The placement the non-overlap cases are about: the paper's, or the broken minimum over predecessors. */
export type PlacementVariant = "maximal-offset" | "min-offset";

const graph = (bytes: Readonly<Record<string, number>>, edges: readonly (readonly [string, string])[]): ChainGraph => ({
  components: Object.entries(bytes).map(([name, b]) => ({ name, bytes: b })),
  edges,
});

/** The shapes the lemma covers (their bytes matter only to the concrete cases and to `nfcheck cost flow`). */
export const LEMMA_GRAPHS: readonly { readonly label: string; readonly graph: ChainGraph }[] = [
  { label: "Fig. 3", graph: FIG_3 },
  { label: "chain of 4", graph: graph({ a: 1, b: 2, c: 3, d: 4 }, [["a", "b"], ["b", "c"], ["c", "d"]]) },
  { label: "diamond", graph: graph({ r: 1, x: 8, y: 3, s: 2 }, [["r", "x"], ["r", "y"], ["x", "s"], ["y", "s"]]) },
  {
    label: "double diamond with a bypass",
    graph: graph({ r: 1, a: 4, b: 6, m: 2, c: 5, d: 1, s: 3 }, [
      ["r", "a"], ["r", "b"], ["a", "m"], ["b", "m"], ["r", "m"], ["m", "c"], ["m", "d"], ["c", "s"], ["d", "s"],
    ]),
  },
  // The smallest chain fast-check found where the compact layout is larger than the maximal-offset one.
  { label: "two roots", graph: graph({ p: 1, q: 2, x: 13, y: 0 }, [["p", "x"], ["p", "y"], ["q", "x"]]) },
];

/** The layout's terms: symbolic bytes b(v) and the placement's offsets o(v) as the TypeScript computes them. */
export function layoutTerms(ctx: Z3Context, d: Dag, variant: PlacementVariant = "maximal-offset", bytes?: readonly number[]) {
  const num = (n: number): Int => ctx.Int.val(n) as unknown as Int;
  const b: Int[] = d.names.map((_, i) => (bytes === undefined ? (ctx.Int.const(`b${i}`) as unknown as Int) : num(bytes[i]!)));
  const pick = (c: Bool, x: Int, y: Int): Int => ctx.If(c, x, y) as unknown as Int;
  const better = variant === "maximal-offset" ? (x: Int, y: Int) => pick(x.ge(y), x, y) : (x: Int, y: Int) => pick(x.le(y), x, y);
  const o: Int[] = d.names.map(() => num(0));
  for (const v of d.topo) {
    const candidates = d.preds[v]!.map((u) => o[u]!.add(b[u]!) as Int);
    o[v] = candidates.length === 0 ? num(0) : candidates.slice(1).reduce(better, candidates[0]!);
  }
  const overlap = (su: Int, ou: Int, sv: Int, ov: Int): Bool => ctx.And(su.gt(0), sv.gt(0), ou.lt(ov.add(sv)), ov.lt(ou.add(su)));
  const end = (offsets: readonly Int[]): Int => offsets.map((x, i) => x.add(b[i]!) as Int).reduce((m, x) => pick(x.ge(m), x, m), num(0));
  return { num, b, o, overlap, end };
}

/** Conflicting pairs u < v (on a common path, or `parallel`). */
function conflictPairs(d: Dag, o: LayoutOptions = {}): [number, number][] {
  const conflicts = conflictRelation(d, o.parallel);
  return d.names.flatMap((_, u) => d.names.flatMap((__, v) => (u < v && conflicts(u, v) ? [[u, v] as [number, number]] : [])));
}

const bytesKey = (name: string) => `bytes(${name})`;
const offsetKey = (name: string) => `offset(${name})`;

/** The graph with the bytes of a counterexample. */
function withBytes(g: ChainGraph, v: Readonly<Record<string, string>>): ChainGraph {
  return { ...g, components: g.components.map((c) => ({ ...c, bytes: Number(v[bytesKey(c.name)] ?? c.bytes) })) };
}

const describeBytes = (g: ChainGraph) => g.components.map((c) => `${c.name} ${c.bytes}`).join(", ");

/** "on the path a → b → c they share bytes [1, 2)", for the two components. */
function describeOverlap(g: ChainGraph, a: string, b: string, bytes: readonly [number, number]): string {
  const path = paths(g).find((p) => p.includes(a) && p.includes(b));
  return `on the path ${path?.join(" → ") ?? "?"} they share bytes [${bytes[0]}, ${bytes[1]})`;
}

/** Case (a) for one shape. */
function nonOverlapCase(label: string, g: ChainGraph, variant: PlacementVariant): LemmaCase {
  const d = toDag(g);
  const name = variant === "maximal-offset" ? "maximal offsets" : "min offsets";
  return {
    label: `${label}: ${name} never overlap on a path`,
    query: (ctx) => {
      const t = layoutTerms(ctx, d, variant);
      const show: Record<string, Int> = {};
      d.names.forEach((n, i) => {
        show[bytesKey(n)] = t.b[i]!;
        show[offsetKey(n)] = t.o[i]!;
      });
      return {
        negation: [...t.b.map((x) => x.ge(0)), ctx.Or(...conflictPairs(d).map(([u, v]) => t.overlap(t.b[u]!, t.o[u]!, t.b[v]!, t.o[v]!)))],
        show,
      };
    },
    explain: (v) => {
      const concrete = withBytes(g, v);
      const layout: Layout = variant === "maximal-offset" ? maximalOffsetLayout(concrete) : minOffsetLayout(concrete);
      const agree = d.names.every((n) => layout.offsets[n] === Number(v[offsetKey(n)]));
      const clash = findOverlap(concrete, layout);
      const where = clash === null
        ? "yet the TypeScript layout has no overlap: the encoding and the model disagree"
        : `${clash.a} at ${layout.offsets[clash.a]} and ${clash.b} at ${layout.offsets[clash.b]}: ${describeOverlap(concrete, clash.a, clash.b, clash.bytes)}`;
      return `with bytes ${describeBytes(concrete)}, the ${variant} placement puts ${where}` +
        (agree ? " (the TypeScript placement gives the same offsets)" : "; the TypeScript placement gives other offsets than the encoding");
    },
  };
}

/** Cases (b) and (c) for one shape: no (ordered) layout ends before the maximal offsets' FCB. */
function optimumCase(label: string, g: ChainGraph, mode: "ordered" | "unordered", concrete: boolean): LemmaCase {
  const d = toDag(g);
  const kind = mode === "ordered" ? "ordered layout" : "layout (ordered or not)";
  const greedy = maximalOffsetLayout(g).size;
  return {
    label: concrete
      ? `${label} (bytes ${d.bytes.join(", ")}): no ${kind} needs fewer than ${greedy} bytes`
      : `${label}: no ${kind} is smaller than the maximal offsets'`,
    query: (ctx) => {
      const t = layoutTerms(ctx, d, "maximal-offset", concrete ? d.bytes : undefined);
      const p = d.names.map((_, i) => ctx.Int.const(`p${i}`) as unknown as Int);
      const layout: Bool[] = [
        ...p.map((x) => x.ge(0)),
        ...conflictPairs(d).map(([u, v]) => ctx.Not(t.overlap(t.b[u]!, p[u]!, t.b[v]!, p[v]!))),
        ...(mode === "ordered" ? d.names.flatMap((_, u) => d.succs[u]!.map((v) => p[v]!.ge(p[u]!.add(t.b[u]!)))) : []),
      ];
      const [mine, theirs] = [t.end(p), t.end(t.o)];
      const show: Record<string, Int> = {};
      d.names.forEach((n, i) => {
        show[bytesKey(n)] = t.b[i]!;
        show[offsetKey(n)] = p[i]!;
      });
      show["size"] = mine;
      show["maximal-offset size"] = theirs;
      return { negation: [...t.b.map((x) => x.ge(0)), ...layout, mine.lt(theirs)], show };
    },
    explain: (v) => {
      const offsets = d.names.map((n) => `${n} ${v[offsetKey(n)]}`).join(", ");
      return `with bytes ${describeBytes(withBytes(g, v))}, the ${kind} ${offsets} needs ${v["size"]} bytes, ` +
        `fewer than the maximal offsets' ${v["maximal-offset size"]}`;
    },
  };
}

/** Fig. 3's compact layout, concrete offsets from the TypeScript, checked like (a). */
function compactCase(): LemmaCase {
  const d = toDag(FIG_3);
  const layout = compactLayout(FIG_3);
  return {
    label: `Fig. 3 (bytes ${d.bytes.join(", ")}): the compact layout (${d.names.map((n) => `${n} ${layout.offsets[n]}`).join(", ")}) never overlaps on a path`,
    query: (ctx) => {
      const t = layoutTerms(ctx, d, "maximal-offset", d.bytes);
      const o = d.names.map((n) => t.num(layout.offsets[n]!));
      return { negation: [ctx.Or(...conflictPairs(d).map(([u, v]) => t.overlap(t.b[u]!, o[u]!, t.b[v]!, o[v]!)))], show: {} };
    },
    explain: () => {
      const clash = findOverlap(FIG_3, layout);
      return clash === null ? "Z3 finds an overlap the TypeScript does not" : `${clash.a} and ${clash.b}: ${describeOverlap(FIG_3, clash.a, clash.b, clash.bytes)}`;
    },
  };
}

export interface FcbLayoutOptions {
  readonly variant?: PlacementVariant;
  /** The shapes (default LEMMA_GRAPHS). */
  readonly graphs?: readonly { readonly label: string; readonly graph: ChainGraph }[];
}

/** (a) for every shape first, then (b), (c) and the concrete Fig. 3 cases; the broken variant only (a). */
export function fcbLayoutLemma(options: FcbLayoutOptions = {}): Lemma {
  const variant = options.variant ?? "maximal-offset";
  const graphs = options.graphs ?? LEMMA_GRAPHS;
  return {
    name: variant === "maximal-offset" ? FCB_LAYOUT_LEMMA : `${FCB_LAYOUT_LEMMA} (${variant})`,
    statement: variant === "maximal-offset"
      ? `for every per-session byte count ≥ 0 of the components of ${graphs.map((g) => g.label).join(", ")}: the maximal-offset layout ` +
        "overlaps on no path, and no layout, ordered or not, has a smaller FCB; Fig. 3's compact layout overlaps on no path"
      : `for every per-session byte count ≥ 0 of the components of ${graphs.map((g) => g.label).join(", ")}: ` +
        "offsets taken as the minimum over the predecessors overlap on no path",
    source: "MiddleClick §II-C, Fig. 3; models/flow/layout.ts",
    cases: () => {
      const nonOverlap = graphs.map(({ label, graph: g }) => nonOverlapCase(label, g, variant));
      if (variant !== "maximal-offset") return nonOverlap;
      const fig3 = graphs.find((g) => g.graph === FIG_3);
      return [
        ...nonOverlap,
        ...(fig3 ? [compactCase(), optimumCase(fig3.label, FIG_3, "ordered", true)] : []),
        ...graphs.map(({ label, graph: g }) => optimumCase(label, g, "ordered", false)),
        ...graphs.map(({ label, graph: g }) => optimumCase(label, g, "unordered", false)),
      ];
    },
  };
}

export interface LayoutOptimum {
  readonly mode: "ordered" | "unordered";
  /** The smallest FCB Z3 finds, in bytes. */
  readonly size: number;
  /** A layout of that size. */
  readonly offsets: Readonly<Record<string, number>>;
  readonly timeMs: number;
}

/**
 * The smallest FCB of any layout of the graph's concrete bytes with no overlap between conflicting
 * components (on a common path, or `parallel`), and, for "ordered", p(v) ≥ p(u) + b(u) on every edge.
 */
export async function layoutOptimum(g: ChainGraph, mode: "ordered" | "unordered", o: LayoutOptions = {}, timeoutMs?: number): Promise<LayoutOptimum> {
  const d = toDag(g);
  const r = await minimize((ctx) => {
    const t = layoutTerms(ctx, d, "maximal-offset", d.bytes);
    const p = d.names.map((_, i) => ctx.Int.const(`p${i}`) as unknown as Int);
    const size = ctx.Int.const("size") as unknown as Int;
    return {
      constraints: [
        ...p.map((x) => x.ge(0)),
        ...p.map((x, i) => size.ge(x.add(t.b[i]!))),
        size.ge(0),
        ...conflictPairs(d, o).map(([u, v]) => ctx.Not(t.overlap(t.b[u]!, p[u]!, t.b[v]!, p[v]!))),
        ...(mode === "ordered" ? d.names.flatMap((_, u) => d.succs[u]!.map((v) => p[v]!.ge(p[u]!.add(t.b[u]!)))) : []),
      ],
      objective: size,
      show: Object.fromEntries(d.names.map((n, i) => [n, p[i]!])),
    };
  }, timeoutMs);
  if (r.status !== "optimal") throw new Error(`Z3 found no ${mode} optimum: ${r.status === "unknown" ? r.reason : "no layout at all"}`);
  return { mode, size: Number(r.value), offsets: Object.fromEntries(Object.entries(r.values).map(([n, x]) => [n, Number(x)])), timeMs: r.timeMs };
}
