/**
 * The parallel explorer (core/parallel-explore.ts) and hash compaction (core/fingerprint-set.ts), each
 * against the plain sequential explorer with exact keys: on a pass, the same numbers of states,
 * transitions, depth and states cut at a depth bound; on a violation, the same property after the same
 * number of events (a shortest run), and a trace that replays to it. Built-in systems, through the same
 * target the command line gives the workers; models that write their own keys and models keyed by text.
 * (cli/test/commands.test.ts runs `explore --workers 2`: workers started for one run and ended with it.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtInSystem, builtInTarget } from "../../cli/explore-target.ts";
import { systemModule, systemNamed } from "../../systems/registry.ts";
import { explore, type ExploreResult } from "../explore.ts";
import { ExplorerPool, exploreInParallel } from "../parallel-explore.ts";
import { runTrace } from "../run-trace.ts";

const cwd = process.cwd();

/** The system's default config with `fields` changed, and the model, config and specs made from it. */
async function made(system: string, fields: object) {
  const config = { ...((await systemNamed(system)).presets.default as object), ...fields };
  return { config, target: await builtInSystem(await systemModule(system), config, cwd, []) };
}

/** Two workers, started once for the file (a worker takes about a second to start). */
let pool: ExplorerPool;
beforeAll(async () => { pool = await ExplorerPool.start(2); });
afterAll(async () => { await pool.close(); });

async function both(system: string, fields: object, o: { maxDepth?: number; hashCompaction?: boolean } = {}) {
  const { config, target } = await made(system, fields);
  const bounds = o.maxDepth !== undefined ? { maxDepth: o.maxDepth } : {};
  const plain = explore({ model: target.model, config: target.config, specs: target.specs, ...bounds });
  const parallel = await exploreInParallel({
    model: target.model, config: target.config, pool, hashCompaction: o.hashCompaction ?? false, ...bounds,
    target: await builtInTarget(system, config, cwd, []),
  });
  return { config, target, plain, parallel };
}

const counts = (r: ExploreResult<unknown>) => ({ status: r.status, states: r.states, transitions: r.transitions, depth: r.depth, cutAtDepth: r.cutAtDepth });
const verdict = (r: ExploreResult<unknown>) => (r.status === "violation" ? { property: r.violation.property, length: r.events.length } : { status: r.status });

describe("the parallel explorer, against the sequential one", () => {
  it("finds the same states and transitions, with states moved between its workers on the way", async () => {
    const { plain, parallel } = await both("scr.recovery", { cores: 2, packets: 6 });
    expect(plain.status).toBe("pass");
    expect(counts(parallel)).toEqual(counts(plain));
    expect(parallel.moved).toBeGreaterThan(0);
  });

  it("cuts the same states at a depth bound, with hash compaction in the workers (a model keyed by text)", async () => {
    const { plain, parallel } = await both("tcp", {}, { maxDepth: 9, hashCompaction: true });
    expect(plain.cutAtDepth).toBeGreaterThan(0);
    expect(counts(parallel)).toEqual(counts(plain));
    expect(parallel.omissionProbability).toBeLessThan(1e-9);
  });

  it("finds a violation of the same length, the same one on every run, and its trace replays to it", async () => {
    for (const [system, config] of [["scr.recovery", { cores: 3, packets: 6, tailAssumption: false }], ["conntrack.cuckoo-rw", { changeCounter: false }]] as const) {
      const { config: json, target, plain, parallel } = await both(system, config);
      expect(plain.status, system).toBe("violation");
      expect(verdict(parallel), system).toEqual(verdict(plain));
      if (parallel.status !== "violation") throw new Error("unreachable");
      if (system !== "scr.recovery") continue;
      const again = await exploreInParallel({ model: target.model, config: target.config, pool, target: await builtInTarget(system, json, cwd, []) });
      expect(again.status === "violation" ? again.events : again.status, system).toEqual(parallel.events);
      expect(runTrace(target.model, target.config, target.specs, parallel.events).violation?.property, system).toBe(parallel.violation.property);
    }
  });

  it("stops at the state limit as incomplete, never as a pass", async () => {
    const { config, target } = await made("scr.recovery", { cores: 2, packets: 6 });
    const r = await exploreInParallel({ model: target.model, config: target.config, pool, maxStates: 500, target: await builtInTarget("scr.recovery", config, cwd, []) });
    expect(r.status === "incomplete" ? r.limit : r.status).toBe("states");
    expect(r.states).toBeGreaterThanOrEqual(500);
  });
});

describe("hash compaction, against exact keys", () => {
  it("explores the same states on models with compact keys and with text keys", async () => {
    for (const [system, config] of [["scr.recovery", { cores: 3, packets: 6 }], ["ribosome", {}], ["offload", {}], ["conntrack.cuckoo-rw", { changeCounter: false }]] as const) {
      const { target } = await made(system, config);
      const exact = explore({ model: target.model, config: target.config, specs: target.specs });
      const compact = explore({ model: target.model, config: target.config, specs: target.specs, hashCompaction: true });
      expect({ ...counts(compact), ...verdict(compact) }, system).toEqual({ ...counts(exact), ...verdict(exact) });
      expect(compact.omissionProbability, system).toBeLessThan(1e-9);
      expect(exact.omissionProbability, system).toBeUndefined();
    }
  });
});
