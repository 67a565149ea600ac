/**
 * A user's system draws its traces on lanes of its own (`lanes` in its definition), each answer checked;
 * without them, the fallback's lanes.
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { makeCounterexample } from "../../core/counterexample.ts";
import { loadSystem } from "../../core/load-system.ts";
import { systemEntry } from "../../core/system-entry.ts";
import { validateSystem } from "../../core/user-system.ts";
import { traceView } from "../trace-view.ts";

const NAT = resolve("examples/systems/nat.ts");
const natConfig = { flows: 3, ports: 2, ttl: 2, packets: 2, bug: "reuse-live-port" };
// Three flows take a port each from a pool of two: the planted bug hands port 0 out twice.
const events = [{ type: "send", flow: 0 }, { type: "send", flow: 1 }, { type: "send", flow: 2 }];
const natTrace = makeCounterexample({ model: "nat", module: NAT, config: natConfig, violation: { property: "one-flow-per-port", message: "" }, events, found: "explore" });

describe("a user's lanes", () => {
  it("the NAT example's trace is drawn on its lanes: flows, the NAT, the outside; a send is an arrow to the NAT", async () => {
    const { system } = await loadSystem(NAT, [process.cwd()]);
    const view = await traceView(natTrace, systemEntry(system), process.cwd());
    expect(view.problem).toBeUndefined();
    expect(view.actors).toEqual(["flow 0", "flow 1", "flow 2", "NAT", "outside"]);
    expect(view.rows.map((r) => [r.actor, r.to])).toEqual([["flow 0", ["NAT"]], ["flow 1", ["NAT"]], ["flow 2", ["NAT"]]]);
    expect(view.message).toMatch(/^port 0 is mapped to flows 0 and 2/);
  });

  it("without lanes, the fallback's: a lane per event type", async () => {
    const { system } = await loadSystem(NAT, [process.cwd()]);
    const view = await traceView(natTrace, systemEntry({ ...system, lanes: null }), process.cwd());
    expect(view.actors).toEqual(["send"]);
  });

  const counter = (lanes: unknown) => ({
    name: "counter", config: {}, init: () => 0, enabled: (n: number) => (n < 2 ? [{ add: 1 }] : []), step: (n: number) => n + 1,
    invariants: { small: (n: number) => (n >= 2 ? `${n} is not small` : null) }, lanes,
  });
  const twoSteps = makeCounterexample({ model: "counter", config: {}, violation: { property: "small", message: "" }, events: [{ add: 1 }, { add: 1 }], found: "explore" });

  it("a placement that is not a lane is the trace's problem, named, not a broken page", async () => {
    const view = await traceView(twoSteps, systemEntry(validateSystem(counter({ place: () => 42 }), "counter.ts")), process.cwd());
    expect(view.problem).toMatch(/lanes\.place returned 42 for \{"add":1\}, not a lane's name/);
  });

  it("lanes of the wrong shape are bad input, one line", () => {
    expect(() => validateSystem(counter(1), "counter.ts")).toThrow("counter.ts: the default export is not a system: it has lanes that are 1, not an object");
    expect(() => validateSystem(counter({}), "counter.ts")).toThrow("counter.ts: lanes.place is undefined, not a function");
    expect(() => validateSystem(counter({ place: () => "a", actors: [] }), "counter.ts")).toThrow("counter.ts: lanes.actors is an array, not a function");
  });
});
