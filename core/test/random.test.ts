import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelError } from "../model.ts";
import { runRandom } from "../random.ts";
import type { Invariant } from "../spec.ts";
import { counterModel, notForbidden, type CounterEvent } from "./toy-models.ts";

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
