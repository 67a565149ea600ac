/**
 * The initial state of a watched program's runs (models/scr/watch-inputs.ts): init() once while nothing
 * writes into it, and a fresh init() for the run after one that did — so each run starts from what init()
 * gives.
 */
import { describe, expect, it } from "vitest";
import { keptWhileUnchanged } from "../watch-inputs.ts";

describe("the initial state of a watched program's runs", () => {
  const counted = () => {
    let calls = 0;
    const initial = keptWhileUnchanged(() => {
      calls++;
      return new Map([["flow", { packets: 0 }]]);
    });
    return { initial, calls: () => calls };
  };

  it("is built once while no run writes into it", () => {
    const { initial, calls } = counted();
    const first = initial();
    expect(initial()).toBe(first);
    expect(initial()).toBe(first);
    expect(calls()).toBe(1);
  });

  it("is built again after a run wrote into it, a field deep or an entry added", () => {
    const { initial, calls } = counted();
    (initial().get("flow") as { packets: number }).packets = 5;
    const fresh = initial();
    expect(fresh.get("flow")).toEqual({ packets: 0 });
    expect(calls()).toBe(2);
    fresh.set("other", { packets: 1 });
    expect([...initial().keys()]).toEqual(["flow"]);
    expect(calls()).toBe(3);
  });
});
