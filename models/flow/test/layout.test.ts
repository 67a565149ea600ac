/**
 * The FCB layout of MiddleClick §II-C (models/flow/layout.ts): Fig. 3's numbers, and on random DAGs the
 * claims of the header — no overlap on a path for every placement, ordered access for the maximal offsets,
 * the maximal-offset FCB equal to the heaviest path (so no layout is smaller), and the broken min-offset
 * placement caught.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appearances, compactLayout, compactOrder, conflictRelation, FIG_3, FIG_3_PATH_CLASSES, findOverlap, heaviestPathBytes, maximalOffsetLayout,
  minOffsetLayout, paths, pathSizes, toDag, type ChainGraph,
} from "../layout.ts";

const SEED = 42;

/** A random DAG on up to 7 components c0..cn−1, edges only from lower to higher index, 0..20 bytes each. */
const dags: fc.Arbitrary<ChainGraph> = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    bytes: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
    edges: fc.array(fc.boolean(), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }),
  })).map(({ bytes, edges }) => {
  const list: [string, string][] = [];
  let k = 0;
  for (let i = 0; i < bytes.length; i++) for (let j = i + 1; j < bytes.length; j++) if (edges[k++]) list.push([`c${i}`, `c${j}`]);
  return { components: bytes.map((b, i) => ({ name: `c${i}`, bytes: b })), edges: list };
});

const bytesOf = (g: ChainGraph) => new Map(g.components.map((c) => [c.name, c.bytes]));

describe("FCB layout: Fig. 3 (MiddleClick §II-C)", () => {
  it("has three paths: UDP to the monitored destination, TCP port 80, other UDP", () => {
    expect(paths(FIG_3)).toEqual([
      ["classifier", "flow monitor", "load balancer"],
      ["classifier", "HTTP filter", "load balancer"],
      ["classifier", "load balancer"],
    ]);
    expect(FIG_3_PATH_CLASSES).toHaveLength(3);
    expect(appearances(FIG_3)).toEqual({ classifier: 3, "flow monitor": 1, "HTTP filter": 1, "load balancer": 3 });
  });

  it("maximal offsets: classifier 0, flow monitor 1, HTTP filter 1, load balancer 1 + 36 = 37; 41 bytes on every path", () => {
    const layout = maximalOffsetLayout(FIG_3);
    expect(layout).toEqual({ offsets: { classifier: 0, "flow monitor": 1, "HTTP filter": 1, "load balancer": 37 }, size: 41 });
    expect(pathSizes(FIG_3, layout).map((p) => p.size)).toEqual([41, 41, 41]);
    expect(findOverlap(FIG_3, layout)).toBeNull();
  });

  it("compact: classifier and load balancer (3 paths each) first at 0 and 1, then flow monitor and HTTP filter at 5; UDP FCBs need 5 bytes", () => {
    expect(compactOrder(FIG_3)).toEqual(["classifier", "load balancer", "flow monitor", "HTTP filter"]);
    const layout = compactLayout(FIG_3);
    expect(layout).toEqual({ offsets: { classifier: 0, "load balancer": 1, "flow monitor": 5, "HTTP filter": 5 }, size: 41 });
    expect(pathSizes(FIG_3, layout).map((p) => p.size)).toEqual([29, 41, 5]);
    expect(findOverlap(FIG_3, layout)).toBeNull();
  });

  it("parallel (every pair a flow may reach from a branch conflicts): every component after the other, 65 bytes", () => {
    const layout = maximalOffsetLayout(FIG_3, { parallel: true });
    expect(layout).toEqual({ offsets: { classifier: 0, "flow monitor": 1, "HTTP filter": 25, "load balancer": 61 }, size: 65 });
    expect(findOverlap(FIG_3, layout, { parallel: true })).toBeNull();
    // Only the two filters declared parallel: the HTTP filter moves past the monitor, the load balancer after both.
    const pair = maximalOffsetLayout(FIG_3, { parallel: [["flow monitor", "HTTP filter"]] });
    expect(pair.offsets).toEqual({ classifier: 0, "flow monitor": 1, "HTTP filter": 25, "load balancer": 61 });
    expect(findOverlap(FIG_3, maximalOffsetLayout(FIG_3), { parallel: [["flow monitor", "HTTP filter"]] })).toMatchObject({ a: "flow monitor", b: "HTTP filter", bytes: [1, 25] });
    // Compact with the pair: the filters side by side after the load balancer.
    expect(compactLayout(FIG_3, { parallel: [["flow monitor", "HTTP filter"]] }).offsets).toEqual({ classifier: 0, "load balancer": 1, "flow monitor": 5, "HTTP filter": 29 });
  });

  it("the broken min-offset placement puts the load balancer on the flow monitor's bytes", () => {
    const layout = minOffsetLayout(FIG_3);
    expect(layout.offsets["load balancer"]).toBe(1);
    expect(findOverlap(FIG_3, layout)).toEqual({ a: "flow monitor", b: "load balancer", bytes: [1, 5] });
  });
});

describe("FCB layout: input checks", () => {
  const ok = FIG_3.components;
  it.each([
    ["a cycle", { components: [{ name: "a", bytes: 1 }, { name: "b", bytes: 1 }], edges: [["a", "b"], ["b", "a"]] }, /cycle through "a", "b"/],
    ["a self-loop", { components: [{ name: "a", bytes: 1 }], edges: [["a", "a"]] }, /cycle/],
    ["an unknown name", { components: ok, edges: [["classifier", "NAT"]] }, /no component "NAT"/],
    ["a name twice", { components: [...ok, { name: "classifier", bytes: 2 }], edges: [] }, /declared twice/],
    ["negative bytes", { components: [{ name: "a", bytes: -1 }], edges: [] }, /whole number of bytes/],
    ["fractional bytes", { components: [{ name: "a", bytes: 1.5 }], edges: [] }, /whole number of bytes/],
    ["an edge twice", { components: ok, edges: [["classifier", "load balancer"], ["classifier", "load balancer"]] }, /given twice/],
  ] as const)("rejects %s", (_, g, message) => {
    expect(() => maximalOffsetLayout(g as ChainGraph)).toThrow(message);
  });

  it("an empty chain has no path and an empty FCB", () => {
    expect(paths({ components: [], edges: [] })).toEqual([]);
    expect(maximalOffsetLayout({ components: [], edges: [] })).toEqual({ offsets: {}, size: 0 });
  });
});

describe("FCB layout: random DAGs (fast-check, seed 42)", () => {
  it("paths go from a root to a sink along edges, and a component's path count is the number of paths it is on", () => {
    fc.assert(fc.property(dags, (g) => {
      const d = toDag(g);
      const edges = new Set(g.edges.map(([a, b]) => `${a}→${b}`));
      const all = paths(g);
      for (const p of all) {
        expect(d.preds[d.index.get(p[0]!)!]).toEqual([]);
        expect(d.succs[d.index.get(p.at(-1)!)!]).toEqual([]);
        p.slice(1).forEach((c, i) => expect(edges.has(`${p[i]}→${c}`)).toBe(true));
      }
      expect(new Set(all.map((p) => p.join("→"))).size).toBe(all.length);
      const count = appearances(g);
      for (const c of g.components) expect(count[c.name]).toBe(all.filter((p) => p.includes(c.name)).length);
    }), { seed: SEED, numRuns: 300 });
  });

  it("two components conflict exactly when some path holds both", () => {
    fc.assert(fc.property(dags, (g) => {
      const d = toDag(g);
      const conflicts = conflictRelation(d);
      const all = paths(g);
      d.names.forEach((a, u) => d.names.forEach((b, v) => {
        expect(conflicts(u, v)).toBe(u !== v && all.some((p) => p.includes(a) && p.includes(b)));
      }));
    }), { seed: SEED, numRuns: 300 });
  });

  it("maximal offset = the most bytes before the component on any path to it; every edge in order; no overlap on a path", () => {
    fc.assert(fc.property(dags, (g) => {
      const layout = maximalOffsetLayout(g);
      const bytes = bytesOf(g);
      const before = new Map<string, number>();
      for (const p of paths(g)) {
        let sum = 0;
        for (const c of p) {
          before.set(c, Math.max(before.get(c) ?? 0, sum));
          sum += bytes.get(c)!;
        }
      }
      for (const c of g.components) expect(layout.offsets[c.name]).toBe(before.get(c.name));
      for (const [u, v] of g.edges) expect(layout.offsets[v]!).toBeGreaterThanOrEqual(layout.offsets[u]! + bytes.get(u)!);
      expect(findOverlap(g, layout)).toBeNull();
    }), { seed: SEED, numRuns: 500 });
  });

  it("no placement overlaps on a path: ordered, compact, and both with parallel conflicts (which they respect too)", () => {
    fc.assert(fc.property(dags, (g) => {
      expect(findOverlap(g, compactLayout(g))).toBeNull();
      for (const layout of [maximalOffsetLayout(g, { parallel: true }), compactLayout(g, { parallel: true })]) {
        expect(findOverlap(g, layout, { parallel: true })).toBeNull();
      }
      // Parallel ordered placement still keeps every edge in order.
      const par = maximalOffsetLayout(g, { parallel: true });
      const bytes = bytesOf(g);
      for (const [u, v] of g.edges) expect(par.offsets[v]!).toBeGreaterThanOrEqual(par.offsets[u]! + bytes.get(u)!);
    }), { seed: SEED, numRuns: 500 });
  });

  it("the maximal-offset FCB is the heaviest path's bytes, the least any layout needs: compact is never smaller", () => {
    fc.assert(fc.property(dags, (g) => {
      const ordered = maximalOffsetLayout(g);
      expect(ordered.size).toBe(heaviestPathBytes(g));
      expect(compactLayout(g).size).toBeGreaterThanOrEqual(ordered.size);
      // Per path, compact needs at least the path's own bytes (its components are disjoint).
      const bytes = bytesOf(g);
      for (const { path, size } of pathSizes(g, compactLayout(g))) expect(size).toBeGreaterThanOrEqual(path.reduce((s, c) => s + bytes.get(c)!, 0));
    }), { seed: SEED, numRuns: 500 });
  });

  it("compact can be larger than the maximal offsets: first-fit leaves a hole (the smallest case fast-check finds)", () => {
    const r = fc.check(fc.property(dags, (g) => compactLayout(g).size <= maximalOffsetLayout(g).size), { seed: SEED, numRuns: 2_000 });
    expect(r.failed).toBe(true);
    // Two roots p (1 byte) and q (2) both lead to x (13): p and x (2 paths each) go first at 0 and 1, q no longer fits before x.
    const g: ChainGraph = {
      components: [{ name: "p", bytes: 1 }, { name: "q", bytes: 2 }, { name: "x", bytes: 13 }, { name: "y", bytes: 0 }],
      edges: [["p", "x"], ["p", "y"], ["q", "x"]],
    };
    expect(maximalOffsetLayout(g)).toEqual({ offsets: { p: 0, q: 0, x: 2, y: 1 }, size: 15 });
    expect(compactLayout(g)).toEqual({ offsets: { p: 0, x: 1, q: 14, y: 0 }, size: 16 });
  });

  it("on a chain, every placement puts the components one after the other", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 8 }), (bytes) => {
      const g: ChainGraph = {
        components: bytes.map((b, i) => ({ name: `c${i}`, bytes: b })),
        edges: bytes.slice(1).map((_, i) => [`c${i}`, `c${i + 1}`] as const),
      };
      const total = bytes.reduce((s, b) => s + b, 0);
      for (const layout of [maximalOffsetLayout(g), compactLayout(g), minOffsetLayout(g)]) expect(layout.size).toBe(total);
    }), { seed: SEED, numRuns: 200 });
  });

  it("the broken min-offset placement overlaps on some random DAG; on a forest (one path to each component) it is the maximal offsets", () => {
    const r = fc.check(fc.property(dags, (g) => findOverlap(g, minOffsetLayout(g)) === null), { seed: SEED, numRuns: 2_000 });
    expect(r.failed).toBe(true);
    fc.assert(fc.property(dags, (g) => {
      const d = toDag(g);
      if (d.preds.every((p) => p.length <= 1)) expect(minOffsetLayout(g)).toEqual(maximalOffsetLayout(g)); // a forest: one path to each
    }), { seed: SEED, numRuns: 300 });
  });
});
