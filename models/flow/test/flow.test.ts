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
import { countAfterAcquire, countAfterRelease } from "../use-count.ts";
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

describe("the FastClick code's readings (config variants; counterexamples/reference-bugs/)", () => {
  const idle = (thread?: number): FlowEvent => (thread === undefined ? { type: "idle" } : { type: "idle", thread });

  it("revive-zero-timeout (ctxmanager.hh check_fcb_still_valid): the revived FCB keeps its state, loses its timeout, stays listed; the next sweep at count 0 frees it and the session starts afresh", () => {
    const json: FlowConfigJson = { ...UNBOUNDED, expiredSameSession: "revive-zero-timeout" };
    // Session 0's FCB idle since 0 s: with a timeout of 2 s it has expired at 2 s, but nothing swept it.
    const expired = run(json, [packet(0), done(), tick(2)]).state;
    expect(expired.fcbs[0]).toMatchObject({ session: 0, count: 0, inList: true, timeout: 2 });
    // The packet revives it: the same lifetime and the old scratchpad; flags = TIMEOUT | INLIST: timeout 0, still listed.
    const revived = run(json, [packet(0), done(), tick(2), packet(0)]).state;
    expect(revived.last).toMatchObject({ fcb: 0, observed: { owner: 0, packets: 1 } });
    expect(revived.fcbs[0]).toMatchObject({ session: 0, count: 1, lifetimes: 0, timeout: 0, inList: true });
    expect(revived.pending).toEqual([0]);
    // Its count back at 0: INLIST is tested first, so it stays on the list (not released on the spot).
    const idleAgain = run(json, [packet(0), done(), tick(2), packet(0), done()]).state;
    expect(idleAgain.fcbs[0]).toMatchObject({ session: 0, count: 0, lastRelease: 2, inList: true });
    // The next sweep finds a zero timeout passed (timeoutPassed: t == 0) and frees it, at 2 s, within the session's timeout.
    const swept = run(json, [packet(0), done(), tick(2), packet(0), done(), idle()]).state;
    expect(swept.fcbs[0]).toMatchObject({ session: null, lifetimes: 1, callbacks: 1 });
    expect(swept.free).toHaveLength(2);
    // The session's next packet, released 0 s ago, finds a fresh FCB: the two packets counted are lost.
    const lost = run(json, [packet(0), done(), tick(2), packet(0), done(), idle(), packet(0)]).state;
    expect(lost.last).toMatchObject({ fcb: 0, observed: { owner: null, packets: 0 } });
    // "revive" keeps the 2 s timeout: no sweep is due, and the third packet finds both earlier ones.
    const kept = run({ ...json, expiredSameSession: "revive" }, [packet(0), done(), tick(2), packet(0), done()]);
    expect(flowModel.enabled(kept.state, kept.config)).not.toContainEqual(idle());
    expect(flowModel.step(kept.state, packet(0), kept.config).last).toMatchObject({ observed: { owner: 0, packets: 2 } });
  });

  it("revive-zero-timeout: swept off the list while held, the revived FCB is released the moment its count reaches 0 (not listed, timeout passed)", () => {
    const json: FlowConfigJson = { ...UNBOUNDED, expiredSameSession: "revive-zero-timeout" };
    const offList = run(json, [packet(0), done(), tick(2), packet(0), idle()]).state;
    expect(offList.fcbs[0]).toMatchObject({ session: 0, count: 1, inList: false });
    const released = run(json, [packet(0), done(), tick(2), packet(0), idle(), done()]).state;
    expect(released.fcbs[0]).toMatchObject({ session: null, lifetimes: 1 });
  });

  it("the use count's arithmetic: an over-release clamps at 0, or wraps the unsigned 32-bit count (common.hh FlowControlBlock::release)", () => {
    const clamp = { overRelease: "clamp" } as const;
    const wrap = { overRelease: "wrap" } as const;
    expect(countAfterRelease(clamp, 3, 1)).toBe(2);
    expect(countAfterRelease(wrap, 3, 1)).toBe(2);
    expect(countAfterRelease(clamp, 1, 2)).toBe(0);
    expect(countAfterRelease(wrap, 1, 2)).toBe(0xffff_ffff); // (unsigned) 1 − 2
    expect(countAfterRelease(wrap, 0, 3)).toBe(0xffff_fffd);
    expect(countAfterAcquire(wrap, 0xffff_ffff, 1)).toBe(0); // one more packet brings it to 0 while held
    expect(countAfterAcquire(clamp, 7, 2)).toBe(9);
  });

  it("overRelease wrap: a double release leaves the count at 2^32 − 1, off the pending list, and no sweep ever frees the FCB; clamp lists it", () => {
    const json: FlowConfigJson = { ...UNBOUNDED, fault: "double-decrement" };
    const wrapped = run({ ...json, overRelease: "wrap" }, [packet(0), done(), tick(15), { type: "timer" }]).state;
    expect(wrapped.fcbs[0]).toMatchObject({ session: 0, count: 2 ** 32 - 1, inList: false, lastRelease: 0 });
    expect(wrapped.pending).toEqual([]);
    expect(wrapped.free).toEqual([1]);
    const clamped = run(json, [packet(0), done()]).state;
    expect(clamped.fcbs[0]).toMatchObject({ count: 0, inList: true });
  });

  it("threads: session i on thread i mod threads, with its own pending list; the clean timer sweeps every list, or only thread 0's (own-thread, ctxmanager.cc run_timer)", () => {
    const json: FlowConfigJson = { ...UNBOUNDED, threads: 2 };
    const all = run(json, [packet(1), done(), tick(15), { type: "timer" }]).state;
    expect(all.fcbs[0]).toMatchObject({ session: null });
    const own = run({ ...json, cleanTimerSweeps: "own-thread" }, [packet(1), done(), tick(15), { type: "timer" }]);
    expect(own.state.fcbs[0]).toMatchObject({ session: 1, count: 0, inList: true });
    // Only thread 1's idle task can free it now.
    const enabled = flowModel.enabled(own.state, own.config);
    expect(enabled).toContainEqual(idle(1));
    expect(enabled).not.toContainEqual(idle());
    expect(() => flowModel.step(own.state, idle(), own.config)).toThrow(/would change nothing/);
    expect(flowModel.step(own.state, idle(1), own.config).fcbs[0]).toMatchObject({ session: null });
    // Thread 0's timer still frees thread 0's FCBs.
    expect(run({ ...json, cleanTimerSweeps: "own-thread" }, [packet(0), done(), tick(15), { type: "timer" }]).state.fcbs[0]).toMatchObject({ session: null });
  });

  it("threads: a batch's sweep (check_release_flows) compares the length of its own thread's list with the threshold", () => {
    const json: FlowConfigJson = { ...UNBOUNDED, sessions: 4, pool: 4, ipBuckets: 4, threshold: 1 };
    // Sessions 0 and 1 idle: one list of 2 > 1 (swept, the threshold doubles), or two lists of 1 (no sweep).
    const events = [packet(0), packet(1), done(), done()];
    expect(run(json, events).state.threshold).toBe(2);
    expect(run({ ...json, threads: 2 }, events).state.threshold).toBe(1);
    // Sessions 0 and 2 are both on thread 0: its list of 2 is swept.
    expect(run({ ...json, threads: 2 }, [packet(0), packet(2), done(), done()]).state.threshold).toBe(2);
  });

  it("one thread: the same events and states as before threads existed (idle has no thread)", () => {
    const { state, config } = run(UNBOUNDED, [packet(0), done(), tick(2)]);
    expect(flowModel.enabled(state, config).filter((e) => e.type === "idle")).toEqual([{ type: "idle" }]);
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
