import { describe, expect, it } from "vitest";
import { explore } from "../explore.ts";
import { runTrace } from "../run-trace.ts";
import { DEADLOCK } from "../spec.ts";
import { counterModel, lockModel, notForbidden } from "./toy-models.ts";

describe("breadth-first explorer", () => {
  it("finds the lock-order deadlock by a shortest path, and the path replays to it", () => {
    const r = explore({ model: lockModel, config: null, specs: [] });
    expect(r.status).toBe("violation");
    if (r.status !== "violation") return;
    expect(r.violation.property).toBe(DEADLOCK);
    expect(r.events).toHaveLength(2);
    expect(new Set(r.events.map((e) => e.p))).toEqual(new Set([0, 1]));
    expect(runTrace(lockModel, null, [], r.events).violation?.property).toBe(DEADLOCK);
  });

  it("counts every state and transition of a space it can enumerate", () => {
    // States 0..10; from s < 9 two transitions, from 9 one, from 10 none: 9·2 + 1 = 19; 10 is 5 steps away.
    const r = explore({ model: counterModel, config: { max: 10, forbidden: null }, specs: [notForbidden] });
    expect(r).toMatchObject({ status: "pass", states: 11, transitions: 19, depth: 5 });
  });

  it("returns a shortest violating path", () => {
    const r = explore({ model: counterModel, config: { max: 20, forbidden: 9 }, specs: [notForbidden] });
    expect(r.status).toBe("violation");
    if (r.status !== "violation") return;
    expect(r.events).toHaveLength(5); // 2+2+2+2+1
    expect(r.events.reduce((s, e) => s + e.by, 0)).toBe(9);
    expect(r.violation).toEqual({ property: "not-forbidden", message: "reached the forbidden value 9", afterEvents: 5 });
  });

  it("reports a run stopped at its state limit as incomplete, never as a pass", () => {
    const r = explore({ model: counterModel, config: { max: 1_000, forbidden: null }, specs: [], maxStates: 100 });
    expect(r.status).toBe("incomplete");
    expect(r.states).toBe(100);
  });
});
