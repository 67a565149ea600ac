/**
 * The flow manager step by step (MiddleClick §II-D Fig. 5, §II-F, §II-G): classification and verify, lazy
 * deletion on a collision, drops on a full table or an empty pool, the pending list and its back-off,
 * the clean timer, tree pruning, and the FCB lifecycle machine against every step of small explorations.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../../../core/explore.ts";
import { edgeName, machineEdges } from "../../../core/lifecycle.ts";
import type { StepProperty } from "../../../core/spec.ts";
import { sessionFields, toFlowConfig, type FlowConfig, type FlowConfigJson } from "../config.ts";
import { FCB_LIFECYCLE_EVENTS, fcbLifecycle, fcbLifecycleTarget, fcbMoves } from "../fcb-lifecycle.ts";
import type { FlowState } from "../state.ts";
import { flowModel, type FlowEvent } from "../system.ts";
import { verify } from "../tree.ts";
import { SMALL_TABLE } from "../../../systems/flow.ts";

const run = (json: FlowConfigJson, events: readonly FlowEvent[]): { state: FlowState; config: FlowConfig } => {
  const config = toFlowConfig(json);
  let state = flowModel.init(config);
  for (const e of events) state = flowModel.step(state, e, config);
  return { state, config };
};

const packet = (session: number): FlowEvent => ({ type: "packet", session });
const done = (index = 0): FlowEvent => ({ type: "done", index });
const tick = (dt = 1): FlowEvent => ({ type: "tick", dt });
const UNBOUNDED: FlowConfigJson = { ...SMALL_TABLE, horizon: null, packetsPerSession: null, ticks: null, cleanTimer: 15 };

describe("classification (Fig. 5)", () => {
  it("a miss duplicates the IP level's default child and takes an FCB from the pool; verify accepts only the session's own fields", () => {
    const { state, config } = run(UNBOUNDED, [packet(0)]);
    expect(state.ipLevel.filter((n) => n !== null)).toEqual([{ ip: 0, slots: [0, null] }]);
    expect(state.fcbs[0]).toMatchObject({ session: 0, parent: 0, port: 0, count: 1 });
    expect(state.free).toEqual([1]);
    expect(verify(state, sessionFields(config, 0), 0)).toBe(true);
    expect(verify(state, sessionFields(config, 1), 0)).toBe(false); // same IP, other port
    expect(verify(state, sessionFields(config, 2), 0)).toBe(false); // other IP
  });

  it("two sessions of one IP collide in their home bucket; the second probes to the next slot", () => {
    const { state } = run(UNBOUNDED, [packet(0), packet(1)]);
    expect(state.ipLevel.find((n) => n !== null)).toEqual({ ip: 0, slots: [0, 1] });
    expect(state.fcbs[1]).toMatchObject({ session: 1, port: 2 });
  });

  it("an empty pool drops the packet and counts it, and prunes the node made for it; a full port table drops as table-full", () => {
    const empty = run({ ...UNBOUNDED, pool: 2 }, [packet(0), packet(1), done(), done(), packet(2)]).state;
    // sessions 0 and 1 hold both FCBs (idle, not expired): session 2 gets nothing.
    expect(empty.drops).toEqual({ poolEmpty: 1, tableFull: 0 });
    expect(empty.last).toEqual({ session: 2, dropped: "pool-empty" });
    expect(empty.ipLevel.filter((n) => n !== null).map((n) => n!.ip)).toEqual([0]);
    const full = run({ ...UNBOUNDED, pool: 3, portsPerIp: 3, sessions: 3 }, [packet(0), packet(1), done(), packet(2)]).state;
    expect(full.drops).toEqual({ poolEmpty: 0, tableFull: 1 });
  });
});

describe("lazy deletion (§II-G)", () => {
  it("a colliding FCB that expired is released (callbacks) and renewed for the new session, its scratchpad reset, the pool untouched", () => {
    const { state } = run(UNBOUNDED, [packet(0), done(), tick(2), packet(1)]);
    expect(state.fcbs[0]).toMatchObject({ session: 1, port: 2, count: 1, lifetimes: 1, callbacks: 1, scratch: { owner: 1, packets: 1 } });
    expect(state.last).toMatchObject({ fcb: 0, observed: { owner: null, packets: 0 } });
    expect(state.free).toEqual([1]);
    expect(state.pending).toEqual([]);
  });

  it("a colliding FCB that has not expired is left alone: the new session probes on", () => {
    const { state } = run(UNBOUNDED, [packet(0), done(), tick(1), packet(1)]);
    expect(state.fcbs[0]).toMatchObject({ session: 0, lifetimes: 0 });
    expect(state.fcbs[1]).toMatchObject({ session: 1 });
  });

  it("the session's own expired FCB: renewed (fresh) by default, kept by revive, kept without its timeout by revive-zero-timeout", () => {
    const events = [packet(0), done(), tick(2), packet(0)];
    expect(run(UNBOUNDED, events).state.last).toMatchObject({ observed: { owner: null, packets: 0 } });
    expect(run({ ...UNBOUNDED, expiredSameSession: "revive" }, events).state.last).toMatchObject({ observed: { owner: 0, packets: 1 } });
    expect(run({ ...UNBOUNDED, expiredSameSession: "revive-zero-timeout" }, events).state.fcbs[0]).toMatchObject({ timeout: 0, lifetimes: 0 });
  });
});

describe("release: pending list, back-off, clean timer, pruning (§II-G)", () => {
  it("count zero before the timeout: onto the pending list once; the clean timer releases it, prunes the IP node, the pool is full again", () => {
    const before = run(UNBOUNDED, [packet(0), done(), packet(0), done()]).state;
    expect(before.pending).toEqual([0]);
    const after = run(UNBOUNDED, [packet(0), done(), packet(0), done(), tick(15), { type: "timer" }]).state;
    expect(after.fcbs[0]).toMatchObject({ session: null, callbacks: 1, lifetimes: 1 });
    expect(after.pending).toEqual([]);
    expect(after.free).toHaveLength(2);
    expect(after.ipLevel.every((n) => n === null)).toBe(true);
    expect(after.nextTimer).toBe(30);
  });

  it("time cannot pass the clean timer's firing: the timer fires first", () => {
    const { state, config } = run(UNBOUNDED, [tick(15)]);
    expect(() => flowModel.step(state, tick(1), config)).toThrow(/next timer 15 s/);
    expect(flowModel.enabled(state, config)).toContainEqual({ type: "timer" });
  });

  it("a batch that leaves the list longer than the threshold sweeps it; the threshold doubles, or halves when the list fell under an eighth", () => {
    const json: FlowConfigJson = { ...UNBOUNDED, sessions: 4, pool: 4, ipBuckets: 4, threshold: 1 };
    const grown = run(json, [packet(0), packet(2), done(), done()]).state;
    expect(grown.pending).toHaveLength(2);
    expect(grown.threshold).toBe(2); // 2 > 1: swept, nothing expired, doubled
    const shrunk = run({ ...json, threshold: 16 }, [packet(0), done(), tick(2), packet(2), done()]).state;
    expect(shrunk.threshold).toBe(16); // 1 ≤ 16: no sweep
    const halved = run({ ...json, threshold: 1 }, [packet(0), done(), tick(2), packet(2), packet(3), done(), done()]).state;
    expect(halved.fcbs[0]!.session).toBeNull(); // swept: session 0's FCB had expired
  });
});

describe("the FCB lifecycle (XState machine, fcb-lifecycle.ts)", () => {
  it("every machine transition is one the model can take, and every step of small explorations follows the machine and covers it", () => {
    const seen = new Set<string>();
    const follows: StepProperty<FlowState, FlowEvent, FlowConfig> = {
      kind: "step", name: "fcb-lifecycle",
      check(before, _event, after) {
        for (const m of fcbMoves(before, after)) {
          if (fcbLifecycleTarget(m.from, m.type) !== m.to) return `FCB ${m.fcb}: ${m.from} --${m.type}--> ${m.to} is not in the machine`;
          seen.add(edgeName(m.from, m.type, m.to));
        }
        return null;
      },
    };
    for (const json of [{ ...SMALL_TABLE, sessions: 2, pool: 3, cleanTimer: 3, packetsPerSession: 3, horizon: 8 }, { ...SMALL_TABLE, timeout: 0, horizon: 3 }]) {
      const r = explore({ model: flowModel, config: toFlowConfig(json), specs: [follows] });
      expect(r.status, r.status === "violation" ? r.violation.message : "").toBe("pass");
    }
    expect([...seen].sort()).toEqual(machineEdges(fcbLifecycle, FCB_LIFECYCLE_EVENTS).sort());
  });

  it("a mutant that renews an FCB in use takes a transition the machine does not have", () => {
    const { state, config } = run({ ...UNBOUNDED, fault: "lazy-without-expiry-check" }, [packet(0)]);
    const next = flowModel.step(state, packet(1), config);
    expect(fcbMoves(state, next)).toContainEqual({ fcb: 0, from: "active", type: "RENEW", to: "active" });
    expect(fcbLifecycleTarget("active", "RENEW")).toBeNull();
  });
});
