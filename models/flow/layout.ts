/**
 * The FCB layout of MiddleClick §II-C (Fig. 3): where each component of a service chain keeps its
 * per-session bytes in the flow control block.
 *
 * A chain is a DAG of components, each needing `bytes` per session; a packet follows one path from a
 * root (a component nothing leads to) to a sink (a component that leads nowhere). Every component gets
 * one offset, the same in every FCB whatever the path ("an offset *independent* of the input path"). Two
 * components conflict — must not overlap — when they lie on a common path; in a DAG that is when one
 * reaches the other.
 *
 * Placements (all pure functions of the graph):
 * - `maximalOffsetLayout`: the paper's ordered placement. A component's offset is the bytes needed by the
 *   greediest path leading to it: max over the paths to v of the bytes of the components before v on the
 *   path, computed as max over v's predecessors u of offset(u) + bytes(u) (0 at a root).
 *   The paper: "Simply setting the maximal offset as each component's allocation in the FCB is sufficient -
 *   if packets cannot follow parallel paths". Option `parallel` is its extension for components that one
 *   flow may both use though they are on different paths ("counters that count different events"): before
 *   fixing v at its maximal offset, the bytes already assigned to the components v conflicts with are
 *   marked (the paper's bitvector) and v goes to the first offset at or after the maximal offset where its
 *   bytes are all free. Components are placed in topological order (ties in graph order), so v's
 *   predecessors are final and the maximal offset is computed from where they were actually put.
 *   `parallel: true` makes two components conflict also when both are reachable from a common component
 *   (a flow reaching a branch may continue on every branch; with one root that is every pair, and the
 *   layout becomes every component after the other); `parallel: [[a, b], …]` adds just those pairs.
 *   (FastClick's `_build_fcb` takes "reachable" as upstream or downstream — the path relation — and in
 *   ordered mode uses the bitvector only to assert that the maximal offset collides with nothing; without
 *   extra conflicts that search never moves a component, as the tests and proofs/fcb-layout.ts show.)
 * - `compactLayout`: the paper's non-ordered variant: components sorted by the number of root-to-sink paths
 *   they appear on, most frequent first; each at the lowest offset from 0 where it collides with no
 *   already-placed component it conflicts with ("filling holes when possible"). Ties: the paper says
 *   nothing; we break them as FastClick's `VirtualFlowManager::_build_fcb` does (count, then the smaller
 *   "distance", i.e. maximal offset, first), then by graph order.
 * - `minOffsetLayout`: a BROKEN variant, for mutation testing: the minimum over the predecessors instead of
 *   the maximum (the path that needs the fewest bytes), so a component can land on the bytes of one of
 *   its ancestors on a longer path. proofs/fcb-layout.ts refutes it.
 *
 * Fig. 3 (`FIG_3`): classifier 1 byte, flow monitor 24, HTTP filter 36 (the hexagons of the figure and
 * §II-B), load balancer 4 — its size is not in the text; Table I's session-space column shows the load
 * balancer's state as an `int`, so we take 4 bytes. Paths: classifier → flow monitor → LB (UDP to the
 * monitored destination), classifier → HTTP filter → LB (TCP port 80), classifier → LB (other UDP); other
 * TCP is dropped by the classifier and has no component of its own. The text says "the maximal offset to
 * the load balancer would be 1+37 = 37, as the path through the HTTP filter requires more bytes than the
 * flow monitor (1+24=25)": we read "1+37" as a typo for 1 + 36 (the HTTP filter's 36 bytes) = 37, which
 * is what we compute (classifier 0, flow monitor 1, HTTP filter 1, load balancer 37, FCB 41 bytes).
 * The compact variant puts the classifier (3 paths) at 0, the load balancer (3 paths) at 1, then the
 * flow monitor and the HTTP filter (1 path each) both at 5: the FCB is still 41 bytes, but the UDP path
 * that only crosses the load balancer needs 5 ("keeping the Load Balancer data for the UDP traffic at the
 * beginning of the block minimizes the space needed for UDP FCBs").
 *
 * A consequence worth knowing (tested here, proved with Z3 in proofs/fcb-layout.ts): every path's
 * components must be disjoint, so every layout needs at least the bytes of the heaviest path, and the
 * maximal-offset layout needs exactly that. So with path conflicts the ordered layout is the smallest FCB
 * of any layout, ordered or not; the compact variant can only tie it on the whole FCB (or lose: first-fit
 * leaves holes), and what it gains is shorter per-path sizes.
 */
import { InputError } from "../../core/model.ts";

export interface Component {
  readonly name: string;
  /** Per-session bytes it needs in the FCB. */
  readonly bytes: number;
}

/** A service chain: components (in "graph order") and the edges packets follow. */
export interface ChainGraph {
  readonly components: readonly Component[];
  readonly edges: readonly (readonly [from: string, to: string])[];
}

/** Where each component's bytes start, and what the FCB needs. */
export interface Layout {
  readonly offsets: Readonly<Record<string, number>>;
  /** max(offset + bytes) over all components: the FCB's session space. */
  readonly size: number;
}

/** Pairs of components on different paths that one flow may nevertheless both use. */
export type ParallelOption = true | readonly (readonly [string, string])[];

export interface LayoutOptions {
  readonly parallel?: ParallelOption;
}

/** A validated graph, by index. */
export interface Dag {
  readonly names: readonly string[];
  readonly bytes: readonly number[];
  readonly succs: readonly (readonly number[])[];
  readonly preds: readonly (readonly number[])[];
  /** Topological order, ties in graph order. */
  readonly topo: readonly number[];
  /** reach[u][v]: v is reachable from u by one or more edges. */
  readonly reach: readonly (readonly boolean[])[];
  readonly index: ReadonlyMap<string, number>;
}

/** Checks the graph (unique names, integer bytes ≥ 0, known names, no duplicate edge, acyclic) and indexes it. */
export function toDag(g: ChainGraph): Dag {
  const names = g.components.map((c) => c.name);
  const index = new Map<string, number>();
  for (const [i, c] of g.components.entries()) {
    if (typeof c.name !== "string" || c.name === "") throw new InputError(`component ${i} has no name`);
    if (index.has(c.name)) throw new InputError(`component "${c.name}" is declared twice`);
    if (!Number.isSafeInteger(c.bytes) || c.bytes < 0) throw new InputError(`component "${c.name}" needs a whole number of bytes ≥ 0, got ${c.bytes}`);
    index.set(c.name, i);
  }
  const n = names.length;
  const succs: number[][] = names.map(() => []);
  const preds: number[][] = names.map(() => []);
  const seen = new Set<string>();
  for (const [from, to] of g.edges) {
    const u = index.get(from);
    const v = index.get(to);
    if (u === undefined) throw new InputError(`edge ${from} → ${to}: no component "${from}"`);
    if (v === undefined) throw new InputError(`edge ${from} → ${to}: no component "${to}"`);
    const key = `${u},${v}`;
    if (seen.has(key)) throw new InputError(`edge ${from} → ${to} is given twice`);
    seen.add(key);
    succs[u]!.push(v);
    preds[v]!.push(u);
  }
  // Kahn's algorithm, always taking the ready component that comes first in graph order.
  const indegree = preds.map((p) => p.length);
  const ready = new Set(names.flatMap((_, i) => (indegree[i] === 0 ? [i] : [])));
  const topo: number[] = [];
  while (ready.size > 0) {
    const u = Math.min(...ready);
    ready.delete(u);
    topo.push(u);
    for (const v of succs[u]!) if (--indegree[v]! === 0) ready.add(v);
  }
  if (topo.length < n) {
    const stuck = names.filter((_, i) => indegree[i]! > 0);
    throw new InputError(`the chain has a cycle through ${stuck.map((s) => `"${s}"`).join(", ")}`);
  }
  const reach: boolean[][] = names.map(() => new Array<boolean>(n).fill(false));
  for (const u of [...topo].reverse()) {
    for (const v of succs[u]!) {
      reach[u]![v] = true;
      for (let w = 0; w < n; w++) if (reach[v]![w]) reach[u]![w] = true;
    }
  }
  return { names, bytes: g.components.map((c) => c.bytes), succs, preds, topo, reach, index };
}

/** Every root-to-sink path, as component names; roots in graph order, successors in edge order. */
export function paths(g: ChainGraph): string[][] {
  const d = toDag(g);
  return pathIndices(d).map((p) => p.map((i) => d.names[i]!));
}

function pathIndices(d: Dag): number[][] {
  const out: number[][] = [];
  const walk = (u: number, prefix: number[]) => {
    const path = [...prefix, u];
    if (d.succs[u]!.length === 0) out.push(path);
    for (const v of d.succs[u]!) walk(v, path);
  };
  d.names.forEach((_, i) => {
    if (d.preds[i]!.length === 0) walk(i, []);
  });
  return out;
}

/** On how many root-to-sink paths each component appears. */
export function appearances(g: ChainGraph): Record<string, number> {
  const d = toDag(g);
  const count = appearanceCounts(d);
  return Object.fromEntries(d.names.map((name, i) => [name, count[i]!]));
}

/** (paths from a root to v) × (paths from v to a sink), without listing the paths. */
function appearanceCounts(d: Dag): number[] {
  const n = d.names.length;
  const fromRoots = new Array<number>(n).fill(0);
  const toSinks = new Array<number>(n).fill(0);
  for (const v of d.topo) fromRoots[v] = d.preds[v]!.length === 0 ? 1 : d.preds[v]!.reduce((s, u) => s + fromRoots[u]!, 0);
  for (const v of [...d.topo].reverse()) toSinks[v] = d.succs[v]!.length === 0 ? 1 : d.succs[v]!.reduce((s, w) => s + toSinks[w]!, 0);
  return d.names.map((_, i) => fromRoots[i]! * toSinks[i]!);
}

/** u and v must not overlap: they share a path (one reaches the other), or the `parallel` option says so. */
export function conflictRelation(d: Dag, parallel?: ParallelOption): (u: number, v: number) => boolean {
  const n = d.names.length;
  const matrix: boolean[][] = d.names.map((_, u) => d.names.map((__, v) => u !== v && (d.reach[u]![v]! || d.reach[v]![u]!)));
  if (parallel === true) {
    // Both reachable from a common component (or one from the other): one flow may use both.
    const covers = (a: number, v: number) => a === v || d.reach[a]![v]!;
    for (let u = 0; u < n; u++) {
      for (let v = 0; v < n; v++) {
        if (u !== v && d.names.some((_, a) => covers(a, u) && covers(a, v))) matrix[u]![v] = true;
      }
    }
  } else if (parallel !== undefined) {
    for (const [a, b] of parallel) {
      const u = d.index.get(a);
      const v = d.index.get(b);
      if (u === undefined || v === undefined) throw new InputError(`parallel pair ${a} ∥ ${b}: no component "${u === undefined ? a : b}"`);
      if (u !== v) matrix[u]![v] = matrix[v]![u] = true;
    }
  }
  return (u, v) => matrix[u]![v]!;
}

/** The first offset ≥ `from` where [offset, offset + bytes) misses every interval given. */
function firstFit(from: number, bytes: number, taken: readonly (readonly [number, number])[]): number {
  if (bytes === 0) return from; // an empty interval overlaps nothing
  const busy = taken.filter(([s, e]) => e > s);
  // The lowest fit is `from` or the end of some interval after it; try them in increasing order.
  const candidates = [from, ...busy.map(([, e]) => e).filter((e) => e > from)].sort((a, b) => a - b);
  for (const o of candidates) if (busy.every(([s, e]) => o + bytes <= s || e <= o)) return o;
  throw new Error("unreachable: past every interval there is room");
}

const sizeOf = (d: Dag, offsets: readonly number[]): number => offsets.reduce((m, o, i) => Math.max(m, o + d.bytes[i]!), 0);

function toLayout(d: Dag, offsets: readonly number[]): Layout {
  return { offsets: Object.fromEntries(d.names.map((name, i) => [name, offsets[i]!])), size: sizeOf(d, offsets) };
}

/** Each component's maximal offset: max over its predecessors of offset + bytes, 0 at a root (no search). */
export function maximalOffsets(d: Dag): number[] {
  const offsets = new Array<number>(d.names.length).fill(0);
  for (const v of d.topo) offsets[v] = d.preds[v]!.reduce((m, u) => Math.max(m, offsets[u]! + d.bytes[u]!), 0);
  return offsets;
}

/**
 * The ordered placement of §II-C. Without `parallel`, each component at its maximal offset; with it, at the
 * first free place at or after the maximal offset among the bytes of the components it conflicts with.
 */
export function maximalOffsetLayout(g: ChainGraph, o: LayoutOptions = {}): Layout {
  const d = toDag(g);
  if (o.parallel === undefined) return toLayout(d, maximalOffsets(d));
  const conflicts = conflictRelation(d, o.parallel);
  const offsets = new Array<number>(d.names.length).fill(0);
  const placed: number[] = [];
  for (const v of d.topo) {
    const start = d.preds[v]!.reduce((m, u) => Math.max(m, offsets[u]! + d.bytes[u]!), 0);
    const taken = placed.filter((u) => conflicts(u, v)).map((u) => [offsets[u]!, offsets[u]! + d.bytes[u]!] as const);
    offsets[v] = firstFit(start, d.bytes[v]!, taken);
    placed.push(v);
  }
  return toLayout(d, offsets);
}

/** The order `compactLayout` places components in: most paths first, then smaller maximal offset, then graph order. */
export function compactOrder(g: ChainGraph): string[] {
  const d = toDag(g);
  return compactOrderOf(d).map((i) => d.names[i]!);
}

function compactOrderOf(d: Dag): number[] {
  const count = appearanceCounts(d);
  const distance = maximalOffsets(d);
  return d.names.map((_, i) => i).sort((a, b) => count[b]! - count[a]! || distance[a]! - distance[b]! || a - b);
}

/** The non-ordered compact variant of §II-C: most frequent first, each at the lowest offset from 0 that fits. */
export function compactLayout(g: ChainGraph, o: LayoutOptions = {}): Layout {
  const d = toDag(g);
  const conflicts = conflictRelation(d, o.parallel);
  const offsets = new Array<number>(d.names.length).fill(0);
  const placed: number[] = [];
  for (const v of compactOrderOf(d)) {
    const taken = placed.filter((u) => conflicts(u, v)).map((u) => [offsets[u]!, offsets[u]! + d.bytes[u]!] as const);
    offsets[v] = firstFit(0, d.bytes[v]!, taken);
    placed.push(v);
  }
  return toLayout(d, offsets);
}

/** BROKEN (for mutation testing): the minimum over the predecessors instead of the maximum. */
export function minOffsetLayout(g: ChainGraph): Layout {
  const d = toDag(g);
  const offsets = new Array<number>(d.names.length).fill(0);
  for (const v of d.topo) {
    offsets[v] = d.preds[v]!.length === 0 ? 0 : Math.min(...d.preds[v]!.map((u) => offsets[u]! + d.bytes[u]!));
  }
  return toLayout(d, offsets);
}

/** A path's FCB size: the largest end (offset + bytes) among its components. */
export function pathSizes(g: ChainGraph, layout: Layout): { readonly path: readonly string[]; readonly size: number }[] {
  const bytes = new Map(g.components.map((c) => [c.name, c.bytes]));
  return paths(g).map((path) => ({ path, size: path.reduce((m, c) => Math.max(m, layout.offsets[c]! + bytes.get(c)!), 0) }));
}

export interface Overlap {
  readonly a: string;
  readonly b: string;
  /** The bytes both use: [from, to). */
  readonly bytes: readonly [number, number];
}

/** The first two conflicting components (on a common path, or `parallel`) whose bytes overlap, or null. */
export function findOverlap(g: ChainGraph, layout: Layout, o: LayoutOptions = {}): Overlap | null {
  const d = toDag(g);
  const conflicts = conflictRelation(d, o.parallel);
  for (let u = 0; u < d.names.length; u++) {
    for (let v = u + 1; v < d.names.length; v++) {
      if (!conflicts(u, v)) continue;
      const [su, sv] = [layout.offsets[d.names[u]!]!, layout.offsets[d.names[v]!]!];
      const [eu, ev] = [su + d.bytes[u]!, sv + d.bytes[v]!];
      const from = Math.max(su, sv);
      const to = Math.min(eu, ev);
      if (from < to) return { a: d.names[u]!, b: d.names[v]!, bytes: [from, to] };
    }
  }
  return null;
}

/** The bytes of the heaviest root-to-sink path: a lower bound on every layout's size. */
export function heaviestPathBytes(g: ChainGraph): number {
  const d = toDag(g);
  return pathIndices(d).reduce((m, p) => Math.max(m, p.reduce((s, i) => s + d.bytes[i]!, 0)), 0);
}

export const CLASSIFIER = "classifier";
export const FLOW_MONITOR = "flow monitor";
export const HTTP_FILTER = "HTTP filter";
export const LOAD_BALANCER = "load balancer";

/** MiddleClick Fig. 3 (sizes and the load balancer's 4 bytes: see the header). */
export const FIG_3: ChainGraph = {
  components: [
    { name: CLASSIFIER, bytes: 1 },
    { name: FLOW_MONITOR, bytes: 24 },
    { name: HTTP_FILTER, bytes: 36 },
    { name: LOAD_BALANCER, bytes: 4 },
  ],
  edges: [
    [CLASSIFIER, FLOW_MONITOR],
    [CLASSIFIER, HTTP_FILTER],
    [CLASSIFIER, LOAD_BALANCER],
    [FLOW_MONITOR, LOAD_BALANCER],
    [HTTP_FILTER, LOAD_BALANCER],
  ],
};

/** The traffic class of each of Fig. 3's paths, in `paths(FIG_3)` order (Fig. 2, Table I). */
export const FIG_3_PATH_CLASSES = ["UDP to 10.0.0.27:6970 (monitored)", "TCP port 80 (HTTP)", "other UDP"] as const;
