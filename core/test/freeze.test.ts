/**
 * Freeze mode (core/freeze.ts): every built-in system's default exploration — the config `nfcheck explore
 * <system>` starts from with no options — gives the same verdict and the same number of states and
 * transitions frozen as not, so no model writes into a state it has already handed on; and a step that
 * does write into its input is caught, in the explorer and in a trace.
 */
import { afterEach, describe, expect, it } from "vitest";
import { explore } from "../explore.ts";
import { deepFreeze, FREEZE_ENV } from "../freeze.ts";
import type { Model } from "../model.ts";
import { runTrace } from "../run-trace.ts";
import { NO_EXCEPTION } from "../spec.ts";
import { specsNamed } from "../system.ts";
import { loadSystems } from "../../systems/registry.ts";

const saved = process.env[FREEZE_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[FREEZE_ENV];
  else process.env[FREEZE_ENV] = saved;
});

/** A counter whose state is an object; with `inPlace`, a step writes the count into its input and returns it. */
interface Count { readonly n: number; readonly seen: readonly number[] }
const counter = (inPlace: boolean): Model<Count, { readonly type: "inc" }, null> => ({
  name: inPlace ? "toy.in-place" : "toy.copying",
  init: () => ({ n: 0, seen: [] }),
  enabled: (s) => (s.n < 3 ? [{ type: "inc" }] : []),
  step(s) {
    if (!inPlace) return { n: s.n + 1, seen: [...s.seen, s.n] };
    (s as { n: number }).n++;
    (s.seen as number[]).push(s.n);
    return s;
  },
  quiescent: (s) => s.n === 3,
});

describe("freeze mode", () => {
  it("catches a step that writes into its input: a no-exception violation at the first step, explored and replayed", () => {
    const model = counter(true);
    // Without freeze mode the write goes unnoticed: the run passes (and the state it started from changed).
    expect(explore({ model, config: null, specs: [] }).status).toBe("pass");
    process.env[FREEZE_ENV] = "1";
    const r = explore({ model, config: null, specs: [] });
    expect(r.status).toBe("violation");
    if (r.status !== "violation") return;
    expect(r.violation.property).toBe(NO_EXCEPTION);
    expect(r.violation.message).toMatch(/TypeError.*\(in event #1\)/);
    expect(r.events).toHaveLength(1);
    const t = runTrace(model, null, [], [{ type: "inc" }, { type: "inc" }]);
    expect(t.violation?.property).toBe(NO_EXCEPTION);
    expect(t.applied).toBe(1);
  });

  it("lets a step that copies what it changes run as before", () => {
    process.env[FREEZE_ENV] = "1";
    expect(explore({ model: counter(false), config: null, specs: [] })).toMatchObject({ status: "pass", states: 4, transitions: 3 });
    expect(runTrace(counter(false), null, [], [{ type: "inc" }, { type: "inc" }, { type: "inc" }]).violation).toBeNull();
  });

  it("a trace's own events stay unfrozen, though a state holds the event it was made by", () => {
    process.env[FREEZE_ENV] = "1";
    const holder: Model<{ readonly last: { readonly n: number } | null }, { readonly n: number }, null> = {
      name: "toy.holder", init: () => ({ last: null }), enabled: () => [{ n: 1 }], step: (_, e) => ({ last: e }), quiescent: () => true,
    };
    const events = [{ n: 1 }, { n: 2 }];
    const t = runTrace(holder, null, [], events);
    expect(t.violation).toBeNull();
    expect(t.final.last).toEqual({ n: 2 });
    expect(Object.isFrozen(t.final.last)).toBe(true);
    expect(events.some((e) => Object.isFrozen(e))).toBe(false);
  });

  it("the explorer's option overrides the environment", () => {
    process.env[FREEZE_ENV] = "1";
    expect(explore({ model: counter(true), config: null, specs: [], freeze: false }).status).toBe("pass");
    delete process.env[FREEZE_ENV];
    expect(explore({ model: counter(true), config: null, specs: [], freeze: true }).status).toBe("violation");
  });

  it("freezes Maps and Sets through their mutators, nested objects, arrays and class instances; leaves typed arrays", () => {
    class Box { constructor(public inside: { v: number }) {} }
    const map = new Map<string, { v: number }>([["a", { v: 1 }]]);
    const set = new Set([{ v: 2 }]);
    const bytes = new Uint8Array([1, 2]);
    const s = deepFreeze({ map, set, box: new Box({ v: 3 }), list: [[{ v: 4 }]], bytes });
    expect(() => map.set("b", { v: 0 })).toThrow(TypeError);
    expect(() => map.delete("a")).toThrow(TypeError);
    expect(() => map.clear()).toThrow(TypeError);
    expect(() => set.add({ v: 0 })).toThrow(TypeError);
    expect(() => set.clear()).toThrow(TypeError);
    expect(() => { map.get("a")!.v = 9; }).toThrow(TypeError);
    expect(() => { [...set][0]!.v = 9; }).toThrow(TypeError);
    expect(() => { s.box.inside.v = 9; }).toThrow(TypeError);
    expect(() => { s.list[0]![0]!.v = 9; }).toThrow(TypeError);
    expect(() => { (s.list as unknown[]).push(1); }).toThrow(TypeError);
    // Reading and copying are unchanged.
    expect([...new Map(map)]).toEqual([["a", { v: 1 }]]);
    expect(map.get("a")).toEqual({ v: 1 });
    bytes[0] = 7;
    expect(bytes[0]).toBe(7);
  });
});

describe("every built-in system's default exploration, frozen and not", async () => {
  const systems = await loadSystems();
  it("covers the built-in systems", () => {
    expect(systems.map((s) => s.name)).toEqual(expect.arrayContaining(["flow", "ribosome", "scr", "scr.recovery", "tcp"]));
  });
  for (const system of systems) {
    it(`${system.name}: the same verdict, states and transitions`, async () => {
      const run = async (freeze: boolean) => {
        // A config of its own for each run: a frozen run freezes what its states share with the config.
        const config = await system.resolveConfig(system.presets.default, { baseDir: process.cwd() });
        const r = explore({ model: system.model, config, specs: specsNamed(system, config, []), freeze });
        return { status: r.status, states: r.states, transitions: r.transitions, property: r.status === "violation" ? r.violation.property : null };
      };
      const plain = await run(false);
      const frozen = await run(true);
      expect(frozen).toEqual(plain);
      // Not a vacuous comparison: the default explorations pass, over more than a few states.
      expect(plain.status).toBe("pass");
      expect(plain.states).toBeGreaterThan(100);
    });
  }
});
