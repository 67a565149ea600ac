/**
 * Users' own systems (core/user-system.ts) through checkSystem (core/check-system.ts), in this process:
 * the shape's validation and config overrides, one line each; shortest violations of every kind on toy
 * systems whose answers are computed by hand (each test says how); faults; random walks and their seeds;
 * and the explorer's depth bound on the engine's toy models.
 */
import { describe, expect, it } from "vitest";
import { checkSystem, type CheckSystemOptions } from "../check-system.ts";
import { explore } from "../explore.ts";
import { ContractError, InputError } from "../model.ts";
import { replayCounterexample } from "../replay.ts";
import { makeCounterexample } from "../counterexample.ts";
import { parseSet, resolveConfig } from "../system-config.ts";
import { systemEntry } from "../system-entry.ts";
import { describeChanges } from "../system-trace.ts";
import { validateSystem } from "../user-system.ts";
import { counterModel, notForbidden } from "./toy-models.ts";

type Add = { readonly add: number };
type CounterConfig = { readonly max: number };

/**
 * A counter from 0 that adds 1 or 2 while it stays within `max` (default 4): states 0..max. With max 4:
 * 5 states; transitions 2 each from 0, 1, 2 and 1 from 3 — 7; 4 is two events away (2 + 2), so depth 2;
 * only 4 enables nothing, and it is quiescent (the default: no event enabled).
 */
function counter(extra: Record<string, unknown> = {}) {
  return {
    name: "counter",
    config: { max: 4 } as CounterConfig,
    init: () => 0,
    enabled: (n: number, c: CounterConfig): Add[] => [1, 2].filter((by) => n + by <= c.max).map((by) => ({ add: by })),
    step: (n: number, e: Add) => n + e.add,
    invariants: { "within-max": (n: number, c: CounterConfig) => (n <= c.max ? null : `${n} is above ${c.max}`) },
    ...extra,
  };
}

const quick: CheckSystemOptions = { runs: 20, seed: 1 };

describe("a system's shape", () => {
  it("is validated with one line naming what is wrong", () => {
    const { step: _, ...noStep } = counter();
    expect(() => validateSystem(noStep, "nat.ts")).toThrow(new InputError("nat.ts: the default export is not a system: it has no step() function"));
    expect(() => validateSystem(() => 0, "f.ts")).toThrow(new InputError("f.ts: the default export is not a system: expected an object with name, config, init, enabled, step and invariants, got a function"));
    expect(() => validateSystem(counter({ invariant: {} }), "t.ts")).toThrow(/^t\.ts: the default export is not a system: it has "invariant", which a system does not have/);
    expect(() => validateSystem(counter({ invariants: { "no-deadlock": () => null } }), "t.ts")).toThrow(new InputError('t.ts: invariants.no-deadlock: "no-deadlock" is the name of a built-in property; call it something else'));
    expect(() => validateSystem(counter({ config: { rate: Number.POSITIVE_INFINITY } }), "t.ts")).toThrow(new InputError("t.ts: config.rate is not a JSON value (Infinity); a config is saved with its counterexamples"));
  });

  it("refuses a fault that kills no property, or changes a field the config does not have", () => {
    expect(() => validateSystem(counter({ faults: { f: { config: { max: 3 }, kills: "nope" } } }), "t.ts"))
      .toThrow(new InputError('t.ts: faults.f.kills names "nope", which is no property of the system (its properties: within-max, no-deadlock, no-exception, pure-step)'));
    expect(() => validateSystem(counter({ faults: { f: { config: { maxx: 3 }, kills: "within-max" } } }), "t.ts"))
      .toThrow(new InputError("t.ts: faults.f.config.maxx: no field maxx in the config (fields: max)"));
    expect(() => checkSystem(counter({ faults: { f: { config: { max: "3" }, kills: "within-max" } } }), quick))
      .toThrow(new InputError('faults.f.config: max is a number (default 4), got "3"'));
  });
});

describe("config overrides", () => {
  const defaults = { flows: 3, bug: "none", ports: [1, 2], limit: null };

  it("read --set's value as JSON when it parses, else as a string", () => {
    expect(resolveConfig(defaults, [parseSet("flows=4"), parseSet("bug=reuse"), parseSet('bug="x=1"'), parseSet("ports=[3]"), parseSet("limit=7")]))
      .toEqual({ flows: 4, bug: "x=1", ports: [3], limit: 7 });
    expect(resolveConfig(defaults, [parseSet("bug=reuse")])["bug"]).toBe("reuse");
  });

  it("name the field and its type when a value or a field is wrong, in one line", () => {
    expect(() => resolveConfig(defaults, [parseSet("flows=banana")])).toThrow(new InputError("--set flows=banana: flows is a number (default 3)"));
    expect(() => resolveConfig(defaults, [parseSet("flow=4")])).toThrow(new InputError("--set flow=4: no field flow in the config (fields: flows, bug, ports, limit)"));
    expect(() => resolveConfig(defaults, [parseSet("ports=1")])).toThrow(new InputError("--set ports=1: ports is an array (default [1,2])"));
    expect(() => parseSet("flows")).toThrow(new InputError("--set flows: expected field=value (e.g. --set flows=4)"));
  });

  it("give the system a frozen config: a function that tries to change it breaks no-exception", () => {
    const r = checkSystem(counter({ step: (n: number, e: Add, c: { max: number }) => ((c as { max: number }).max = 9, n + e.add) }), quick);
    expect(r.exploration?.violation?.property).toBe("no-exception");
    expect(r.exploration?.violation?.message).toMatch(/^step\(\) threw TypeError: Cannot assign to read only property 'max'/);
  });
});

describe("checkSystem on toy systems", () => {
  it("passes a correct counter: 5 states, 7 transitions, depth 2 (see counter())", () => {
    const r = checkSystem(counter({ finals: { "ends-at-max": (n: number, c: CounterConfig) => (n === c.max ? null : `ends at ${n}`) } }), quick);
    expect(r.verdict).toBe("pass");
    expect(r.exploration).toMatchObject({ status: "pass", states: 5, transitions: 7, depth: 2, cutAtDepth: 0 });
    expect(r.random).toMatchObject({ status: "pass", runs: 20, seed: 1 });
  });

  it("finds a broken invariant in 2 events: 3 is out of reach in one (a step adds at most 2), and 1 + 2 reaches it", () => {
    const r = checkSystem(counter({ invariants: { "never-three": (n: number) => (n === 3 ? "reached 3" : null) } }), quick);
    expect(r.verdict).toBe("violation");
    expect(r.exploration?.violation).toEqual({ property: "never-three", message: "reached 3", afterEvents: 2 });
    expect(r.exploration?.events).toHaveLength(2);
  });

  it("finds a deadlock in 2 events: adding only 2 up to 5 stops at 4 (0, 2, 4), which is not quiescent (5 is)", () => {
    const r = checkSystem(counter({
      config: { max: 5 },
      enabled: (n: number, c: CounterConfig) => (n + 2 <= c.max ? [{ add: 2 }] : []),
      quiescent: (n: number, c: CounterConfig) => n === c.max,
    }), quick);
    expect(r.exploration?.violation?.property).toBe("no-deadlock");
    expect(r.exploration?.events).toEqual([{ add: 2 }, { add: 2 }]);
    expect(r.random?.violation?.property).toBe("no-deadlock");
    expect(r.random?.events).toEqual([{ add: 2 }, { add: 2 }]);
  });

  it("finds a final property broken in 2 events: every run ends at 4 (quiescent), the nearest after 2 + 2", () => {
    const r = checkSystem(counter({ finals: { "ends-odd": (n: number) => (n % 2 === 1 ? null : `ends at ${n}`) } }), quick);
    expect(r.exploration?.violation).toEqual({ property: "ends-odd", message: "ends at 4", afterEvents: 2 });
  });

  it("reports a step that throws as no-exception in 2 events: it throws on reaching 3 (1 + 2 or 2 + 1)", () => {
    const r = checkSystem(counter({ step: (n: number, e: Add) => {
      if (n + e.add === 3) throw new Error("overflow at 3");
      return n + e.add;
    } }), quick);
    expect(r.exploration?.violation).toEqual({ property: "no-exception", message: "step() threw Error: overflow at 3 (in event #2)", afterEvents: 2 });
  });

  it("reports a step that changes its state as pure-step in 1 event (the first step changes the initial state)", () => {
    const r = checkSystem({
      name: "mutates", config: {}, invariants: {},
      init: () => ({ n: 0, log: [] as number[] }),
      enabled: (s: { n: number }) => (s.n < 3 ? [{ add: 1 }] : []),
      step: (s: { n: number; log: number[] }, e: Add) => (s.log.push(e.add), { n: s.n + e.add, log: s.log }),
    }, quick);
    expect(r.exploration?.violation).toEqual({ property: "pure-step", message: "step() changed the state it was given; it must leave it alone and return a new state (in event #1)", afterEvents: 1 });
    expect(r.random?.events).toEqual([{ add: 1 }]);
  });

  it("reports a step that changes its event as pure-step in 1 event", () => {
    const r = checkSystem(counter({ step: (n: number, e: { add: number }) => ((e.add = 0), n + 1) }), { ...quick, random: false });
    expect(r.exploration?.violation).toEqual({ property: "pure-step", message: "step() changed the event it was given; it must leave it alone (in event #1)", afterEvents: 1 });
  });

  it("reports enabled() throwing in a reachable state as no-exception, with the path to it and one event more", () => {
    // It throws at 2, which 0 + 2 reaches in one event: the trace is that event, then the marker of the call.
    const r = checkSystem(counter({ enabled: (n: number) => {
      if (n === 2) throw new RangeError("no events at 2");
      return n < 4 ? [{ add: 1 }, { add: 2 }] : [];
    } }), { ...quick, random: false });
    expect(r.exploration?.violation).toEqual({ property: "no-exception", message: "enabled() threw RangeError: no events at 2 (in event #2)", afterEvents: 2 });
    expect(r.exploration?.events).toEqual([{ add: 2 }, { "nfcheck:threw": "enabled()" }]);
  });

  it("treats a broken contract as bad input, naming the function", () => {
    expect(() => checkSystem(counter({ enabled: () => ({ add: 1 }) }), quick)).toThrow(ContractError);
    expect(() => checkSystem(counter({ enabled: () => ({ add: 1 }) }), quick)).toThrow(/^enabled\(\) returned an object in the state 0; it must return an array/);
    expect(() => checkSystem(counter({ invariants: { positive: (n: number) => n >= 0 } }), quick)).toThrow(new ContractError("invariant positive returned true; it must return null when the property holds, or a string saying what broke"));
    expect(() => checkSystem(counter({ step: (n: number) => new Date(n) }), quick)).toThrow(/^step\(\) returned a state that is not plain data \(a Date\) for the event \{"add":1\}/);
    expect(() => checkSystem(counter({ enabled: () => [{ at: new Map() }] }), quick)).toThrow(/^enabled\(\) returned an event that is not plain JSON \(at at: a Map\)/);
    expect(() => checkSystem(counter({ init: () => { throw new Error("no memory"); } }), quick)).toThrow(new InputError('system "counter": init() threw Error: no memory'));
  });

  it("checks only the properties asked for, and refuses one the system does not have", () => {
    const s = counter({ invariants: { "never-three": (n: number) => (n === 3 ? "reached 3" : null), "never-four": (n: number) => (n === 4 ? "reached 4" : null) } });
    expect(checkSystem(s, { ...quick, properties: ["never-four"] }).exploration?.violation?.property).toBe("never-four");
    expect(() => checkSystem(s, { ...quick, properties: ["never-five"] })).toThrow(/^--property never-five: the system has no property never-five \(its properties: never-three, never-four, no-deadlock/);
  });
});

describe("faults", () => {
  const withFaults = counter({
    config: { max: 4, cap: 4 },
    invariants: { "below-cap": (n: number, c: { cap: number }) => (n <= c.cap ? null : `${n} is above the cap ${c.cap}`) },
    finals: { "ends-at-max": (n: number, c: CounterConfig) => (n === c.max ? null : `ends at ${n}`) },
    faults: {
      // Hand: with cap 2, 3 (two events: 1 + 2) is the first value above it — killed by below-cap.
      "low-cap": { config: { cap: 2 }, kills: "below-cap", description: "a cap below the range" },
      // A max of 3 breaks nothing: the counter ends at 3, which is its max.
      "small-max": { config: { max: 3 }, kills: "ends-at-max" },
      // max 6 with cap 4: 5 breaks below-cap (3 events: 1 + 2 + 2) before any run ends at 6 (3 events at least).
      "high-max": { config: { max: 6 }, kills: "ends-at-max" },
    },
  });

  it("each must be killed by its property: killed, survived, or broke another property first", () => {
    const r = checkSystem(withFaults, quick);
    expect(r.faults.map((f) => [f.name, f.status, f.exploration?.events?.length])).toEqual([
      ["low-cap", "killed", 2], ["small-max", "survived", undefined], ["high-max", "other-property", 3],
    ]);
    expect(r.faults[2]!.exploration?.violation?.property).toBe("below-cap");
    expect(r.faults[2]!.config).toEqual({ max: 6, cap: 4 });
    expect(r.verdict).toBe("violation");
  });

  it("are not run when their property is not checked", () => {
    const r = checkSystem(withFaults, { ...quick, properties: ["below-cap"] });
    expect(r.faults.map((f) => f.status)).toEqual(["killed", "not-run", "not-run"]);
    expect(r.verdict).toBe("pass");
  });
});

describe("random walks", () => {
  /** A counter up to 40 whose invariant breaks at 30: at least 15 events away (a step adds at most 2). */
  const deep = counter({ config: { max: 40 }, invariants: { "below-30": (n: number) => (n < 30 ? null : `reached ${n}`) } });

  it("find a bug deeper than a depth-bounded exploration reaches, and say the exploration was cut", () => {
    const r = checkSystem(deep, { seed: 7, maxDepth: 10 });
    // Within depth 10 the counter reaches 0..20: 21 states, and those at depth 10 that can still add are cut.
    expect(r.exploration).toMatchObject({ status: "pass", states: 21, depth: 10, maxDepth: 10 });
    expect(r.exploration!.cutAtDepth).toBe(2); // 19 and 20 are 10 events away, and both can still add
    expect(r.random?.status).toBe("violation");
    expect(r.random!.events!.length).toBeGreaterThanOrEqual(15);
    expect(r.random!.events!.length).toBeLessThanOrEqual(r.random!.foundLength!);
    expect(r.verdict).toBe("violation");
  });

  it("give the same shrunk counterexample for the same seed", () => {
    const a = checkSystem(deep, { seed: 7, explore: false });
    const b = checkSystem(deep, { seed: 7, explore: false });
    expect(a.random?.status).toBe("violation");
    expect(b.random).toMatchObject({ events: a.random!.events, violation: a.random!.violation, path: a.random!.path, seed: 7 });
  });

  it("are not run with runs 0", () => {
    expect(checkSystem(counter(), { runs: 0 }).random).toBeNull();
  });
});

describe("replay of a user system's trace", () => {
  it("reproduces the violation with the same property and message", async () => {
    const s = counter({ invariants: { "never-three": (n: number) => (n === 3 ? "reached 3" : null) } });
    const r = checkSystem(s, { ...quick, random: false });
    const cx = makeCounterexample({ model: "counter", module: "counter.ts", config: r.config, violation: r.exploration!.violation!, events: r.exploration!.events!, found: "explore" });
    const replayed = await replayCounterexample(cx, systemEntry(validateSystem(s, "t.ts")), ".");
    expect(replayed.verdict).toBe("as-expected");
    // An event the system does not offer where it comes is refused, not run.
    const edited = { ...cx, events: [{ add: 3 }] };
    await expect(replayCounterexample(edited, systemEntry(validateSystem(s, "t.ts")), ".")).rejects.toThrow(/event #1 is not possible here: the event \{"add":3\} is not among those enabled\(\) offers in the state 0/);
  });
});

describe("what changed between two states", () => {
  it("lists the paths that differ, with added and removed entries", () => {
    expect(describeChanges({ a: [1, 2], m: new Map([["x", 1]]), s: new Set([{ k: 1 }]) }, { a: [1, 3, 4], m: new Map([["y", 2]]), s: new Set([{ k: 1 }]) }))
      .toBe('a[1]: 2 → 3; a[2]: + 4; m["x"]: − 1; m["y"]: + 2');
  });
});

describe("explore's depth bound", () => {
  // counterModel adds 1 or 2 up to max: depth 0 is {0}, depth 1 {1, 2}, depth 2 adds {3, 4} (2 was seen at depth 1).
  it("stops at maxDepth and counts the states at the bound that had events left", () => {
    const cut = explore({ model: counterModel, config: { max: 10, forbidden: null }, specs: [notForbidden], maxDepth: 2 });
    expect(cut).toMatchObject({ status: "pass", states: 5, depth: 2, cutAtDepth: 2 });
    // With max 4, the state 4 at depth 2 can do nothing more: only 3 is cut.
    expect(explore({ model: counterModel, config: { max: 4, forbidden: null }, specs: [notForbidden], maxDepth: 2 })).toMatchObject({ states: 5, cutAtDepth: 1 });
    // Without a bound nothing is cut; a violation beyond the bound is not seen, one within it is.
    expect(explore({ model: counterModel, config: { max: 10, forbidden: null }, specs: [notForbidden] })).toMatchObject({ states: 11, cutAtDepth: 0 });
    expect(explore({ model: counterModel, config: { max: 10, forbidden: 9 }, specs: [notForbidden], maxDepth: 4 }).status).toBe("pass");
    expect(explore({ model: counterModel, config: { max: 10, forbidden: 8 }, specs: [notForbidden], maxDepth: 4 }).status).toBe("violation");
  });
});
