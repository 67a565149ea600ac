import * as fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { clearInterrupt, requestInterrupt } from "../interrupt.ts";
import { ContractError, ModelError, type Model } from "../model.ts";
import { runRandom } from "../random.ts";
import { removeChunks } from "../shrink.ts";
import type { Invariant, QuiescenceProperty } from "../spec.ts";
import { counterModel, notForbidden, type CounterConfig, type CounterEvent } from "./toy-models.ts";

const config = { max: 1_000, forbidden: 11 };

describe("random runner", () => {
  it("finds a violation, shrinks it to a shortest trace, and says which seed and path", () => {
    const r = runRandom({ model: counterModel, config, specs: [notForbidden], seed: 7, runs: 200 });
    expect(r.status).toBe("violation");
    if (r.status !== "violation") return;
    expect(r.violation.property).toBe("not-forbidden");
    expect(r.events.reduce((s, e) => s + e.by, 0)).toBe(11);
    expect(r.events.length).toBeLessThanOrEqual(11);
    expect(r.seed).toBe(7);
    expect(r.path).toMatch(/^\d+(:\d+)*$/);
  });

  it("gives the same shrunk counterexample for the same seed, and replays it from seed and path", () => {
    const first = runRandom({ model: counterModel, config, specs: [notForbidden], seed: 99, runs: 200 });
    const second = runRandom({ model: counterModel, config, specs: [notForbidden], seed: 99, runs: 200 });
    expect(second).toEqual({ ...first, timeMs: second.timeMs, ...(first.status === "violation" ? { firstFailureMs: (second as typeof first).firstFailureMs } : {}) });
    if (first.status !== "violation") throw new Error("expected a violation");
    const replayed = runRandom({ model: counterModel, config, specs: [notForbidden], seed: 99, runs: 200, path: first.path });
    expect(replayed.status === "violation" && replayed.events).toEqual(first.events);
  });

  it("passes when nothing breaks, and counts its runs", () => {
    const r = runRandom({ model: counterModel, config: { max: 1_000, forbidden: null }, specs: [notForbidden], seed: 1, runs: 50 });
    expect(r).toMatchObject({ status: "pass", runs: 50, seed: 1 });
  });

  it("finds a bug that needs a long run of one event, given a generator that makes long runs", () => {
    const runsOfOnes = fc.integer({ min: 1, max: 400 }).map((n) => Array.from({ length: n }, () => ({ type: "add" as const, by: 1 as const })));
    const at300: Invariant<number, typeof config> = { kind: "invariant", name: "below-300", check: (s) => (s >= 300 ? `reached ${s}` : null) };
    const r = runRandom({ model: counterModel, config, specs: [at300], arbitrary: runsOfOnes, seed: 3, runs: 100 });
    expect(r.status === "violation" && r.events.length).toBe(300);
  });

  it("does not hide a generator that produces events the model forbids", () => {
    const tooBig = fc.constant<CounterEvent[]>([{ type: "add", by: 2 }]);
    expect(() => runRandom({ model: counterModel, config: { max: 1, forbidden: null }, specs: [], arbitrary: tooBig, seed: 1, runs: 5 })).toThrow(ModelError);
  });
});

const one: CounterEvent = { type: "add", by: 1 };
const ones = (n: number): CounterEvent[] => Array.from({ length: n }, () => one);
const at300: Invariant<number, CounterConfig> = { kind: "invariant", name: "below-300", check: (s) => (s >= 300 ? `reached ${s}` : null) };
const longRuns = fc.integer({ min: 1, max: 2_000 }).map(ones);
const big = { max: 100_000, forbidden: null };

describe("shrinking with a budget", () => {
  afterEach(() => clearInterrupt());

  it("hands over the trace found before shrinking, then each smaller one, and ends with one no event can leave", () => {
    // Judged at the end of a run, so a run is not cut where it breaks: there is room to shrink.
    const endsBelow300: QuiescenceProperty<number, CounterConfig> = { kind: "quiescent", name: "ends-below-300", check: (s) => (s >= 300 ? `ends at ${s}` : null) };
    const two: CounterEvent = { type: "add", by: 2 };
    const mixed = fc.array(fc.constantFrom(one, one, one, two), { minLength: 400, maxLength: 2_000 });
    const found: number[] = [];
    const smaller: number[] = [];
    const r = runRandom({
      model: counterModel, config: big, specs: [endsBelow300], arbitrary: mixed, seed: 5, runs: 100, shrink: { reducers: [removeChunks()] },
      onFound: (f) => found.push(f.events.length), onSmaller: (f) => smaller.push(f.events.length),
    });
    if (r.status !== "violation") throw new Error("expected a violation");
    expect(found).toEqual([r.foundLength]);
    expect(r.events.length).toBeLessThan(r.foundLength);
    expect(smaller).toEqual([...smaller].sort((a, b) => b - a));
    expect(smaller.at(-1)).toBe(r.events.length);
    expect(r.shrunk).toBe("yes");
    // Shrunk as far as removing events goes: without any one of them the sum stays below 300.
    const sum = r.events.reduce((t, e) => t + e.by, 0);
    expect(sum).toBeGreaterThanOrEqual(300);
    expect(r.events.every((e) => sum - e.by < 300)).toBe(true);
  });

  it("stops shrinking when its time is up and returns the best trace so far, marked partly shrunk", () => {
    const r = runRandom({ model: counterModel, config: big, specs: [at300], arbitrary: longRuns, seed: 5, runs: 100, shrinkMs: 0, shrink: { reducers: [removeChunks()] } });
    expect(r).toMatchObject({ status: "violation", shrunk: "partly", shrinkStop: "budget" });
    if (r.status === "violation") expect(r.events.length).toBe(r.foundLength);
  });

  it("stops at Ctrl-C: before anything failed it is interrupted, while shrinking it keeps the best so far", () => {
    requestInterrupt();
    expect(runRandom({ model: counterModel, config: big, specs: [at300], arbitrary: longRuns, seed: 5, runs: 100 }).status).toBe("interrupted");
    clearInterrupt();
    const r = runRandom({ model: counterModel, config: big, specs: [at300], arbitrary: longRuns, seed: 5, runs: 100, onFound: () => requestInterrupt() });
    expect(r).toMatchObject({ status: "violation", shrunk: "partly", shrinkStop: "interrupt" });
  });

  it("takes no smaller trace that breaks another property than the one found", () => {
    // Ends odd: a quiescence property any short odd run breaks. Shrinking 400 ones must still end at 300.
    const evenEnd: QuiescenceProperty<number, CounterConfig> = { kind: "quiescent", name: "even-end", check: (s) => (s % 2 === 1 ? `ends at ${s}` : null) };
    const r = runRandom({ model: counterModel, config: big, specs: [at300, evenEnd], arbitrary: fc.constant(ones(400)), examples: [ones(400)], seed: 1, runs: 1, shrink: { reducers: [removeChunks()] } });
    expect(r.status === "violation" && [r.violation.property, r.events.length]).toEqual(["below-300", 300]);
  });

  it("does not shrink a trace in which the design broke its contract: that is bad input", () => {
    const broken: Model<number, CounterEvent, CounterConfig> = { ...counterModel, step: (s) => { if (s >= 3) throw new ContractError("process() returned undefined"); return s + 1; } };
    expect(() => runRandom({ model: broken, config: big, specs: [], arbitrary: longRuns, seed: 2, runs: 10 })).toThrow(ContractError);
  });
});

describe("polish: the events of a plan's shrunk trace, cut further", () => {
  // A sum that must not reach 10; the plan is a list of amounts, and its driver follows each amount with
  // an acknowledgement (an event the model allows only right after an amount), as a plan's driver adds
  // fair delivery that the plan does not say.
  type Event = { readonly add: number } | { readonly ack: true };
  interface State { readonly sum: number; readonly acked: boolean }
  const model: Model<State, Event, null> = {
    name: "toy.acked-sum",
    init: () => ({ sum: 0, acked: true }),
    enabled: () => [],
    step(s, e) {
      if ("ack" in e) {
        if (s.acked) throw new ModelError("an acknowledgement with nothing to acknowledge");
        return { sum: s.sum, acked: true };
      }
      return { sum: s.sum + e.add, acked: false };
    },
    quiescent: () => true,
  };
  const belowTen: Invariant<State, null> = { kind: "invariant", name: "below-ten", check: (s) => (s.sum >= 10 ? `the sum is ${s.sum}` : null) };
  const plans = fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 30 }).map((amounts) => amounts.flatMap((add): Event[] => [{ add }, { ack: true }]));
  const run = (polish: boolean) => runRandom({ model, config: null, specs: [belowTen], arbitrary: plans, seed: 3, runs: 100, ...(polish ? { polish: [removeChunks<Event>()] } : {}) });

  it("drops what the driver added where the model allows it; an event the model refuses is passed over, not an error", () => {
    const plain = run(false);
    const polished = run(true);
    if (plain.status !== "violation" || polished.status !== "violation") throw new Error("expected violations");
    // fast-check's shrinking of the plan leaves the acknowledgements between the amounts.
    expect(plain.events.filter((e) => "ack" in e).length).toBeGreaterThan(0);
    // Without them the trace still breaks the property; an acknowledgement a cut leaves first, or right
    // after another, is refused by the model and skipped, not an error. Every amount is needed (fast-check
    // has shrunk the plan), so what is left is the amounts alone.
    expect(polished.events).toEqual(plain.events.filter((e) => "add" in e));
    expect(polished.violation.property).toBe("below-ten");
  });

  it("skips the events a cut has made impossible: an open and its close go together, though neither may go alone", () => {
    // Items get numbers as they open; closing one not open is refused; a run is judged once all are closed.
    type Event = { readonly type: "open" } | { readonly type: "close"; readonly id: number } | { readonly type: "poison" };
    interface State { readonly next: number; readonly open: readonly number[]; readonly poisoned: boolean }
    const items: Model<State, Event, null> = {
      name: "toy.items",
      init: () => ({ next: 0, open: [], poisoned: false }),
      enabled: (s) => [{ type: "open" }, { type: "poison" }, ...s.open.map((id): Event => ({ type: "close", id }))],
      step(s, e) {
        if (e.type === "open") return { ...s, next: s.next + 1, open: [...s.open, s.next] };
        if (e.type === "poison") return { ...s, poisoned: true };
        if (!s.open.includes(e.id)) throw new ModelError(`item ${e.id} is not open`);
        return { ...s, open: s.open.filter((id) => id !== e.id) };
      },
      quiescent: (s) => s.open.length === 0,
    };
    const clean: QuiescenceProperty<State, null> = { kind: "quiescent", name: "clean", check: (s) => (s.poisoned ? "poisoned" : null) };
    // One run, which fast-check cannot shrink: what shrinks it is the polish alone. Cutting the first open
    // renumbers the second, so `close 1` is refused; cutting a close leaves an item open, and no verdict.
    const found: Event[] = [{ type: "open" }, { type: "open" }, { type: "poison" }, { type: "close", id: 1 }, { type: "close", id: 0 }];
    const r = runRandom({ model: items, config: null, specs: [clean], arbitrary: fc.constant(found), seed: 1, runs: 1, polish: [removeChunks<Event>()] });
    if (r.status !== "violation") throw new Error("expected a violation");
    expect(r.events).toEqual([{ type: "poison" }]);
  });
});
