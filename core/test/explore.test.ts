import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_MAX_STATES, explore } from "../explore.ts";
import { clearInterrupt, requestInterrupt } from "../interrupt.ts";
import { getHeapStatistics } from "node:v8";
import { DEFAULT_MAX_MEMORY, formatBytes, memoryLimitReached, parseSize } from "../memory.ts";
import { InputError } from "../model.ts";
import { runTrace } from "../run-trace.ts";
import { DEADLOCK, StepViolation } from "../spec.ts";
import { bigKeyModel, counterModel, lockModel, notForbidden } from "./toy-models.ts";

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

  it("returns the path to a step that throws a property's violation, and the path replays to it", () => {
    // The step into the forbidden value throws (a property seen only during the step): its event ends the path.
    const throwing = { ...counterModel, step: (s: number, e: { by: 1 | 2 }, c: { max: number; forbidden: number | null }) => {
      if (s + e.by === c.forbidden) throw new StepViolation("no-seven", `stepped into ${c.forbidden}`);
      return counterModel.step(s, e as never, c);
    } };
    const r = explore({ model: throwing, config: { max: 20, forbidden: 7 }, specs: [] });
    expect(r.status === "violation" ? [r.violation.property, r.events.length] : r.status).toEqual(["no-seven", 4]);
    if (r.status !== "violation") return;
    expect(r.events.reduce((s, e) => s + e.by, 0)).toBe(7);
    expect(runTrace(throwing, { max: 20, forbidden: 7 }, [], r.events).violation?.property).toBe("no-seven");
  });

  it("reports a run stopped at its state limit as incomplete, never as a pass", () => {
    const r = explore({ model: counterModel, config: { max: 1_000, forbidden: null }, specs: [], maxStates: 100 });
    expect(r).toMatchObject({ status: "incomplete", limit: "states", reason: "state limit of 100 reached", states: 100 });
  });
});

describe("the explorer's bounds", () => {
  afterEach(() => {
    clearInterrupt();
    vi.restoreAllMocks();
  });

  it("has a finite default state limit above the repository's largest exploration, and a memory ceiling", () => {
    expect(Number.isSafeInteger(DEFAULT_MAX_STATES)).toBe(true);
    expect(DEFAULT_MAX_STATES).toBeGreaterThanOrEqual(10_000_000);
    expect(Number.isSafeInteger(DEFAULT_MAX_MEMORY)).toBe(true);
    expect(DEFAULT_MAX_MEMORY).toBeGreaterThanOrEqual(4 * 2 ** 30);
  });

  it("stops an endless exploration of big states at the memory ceiling, soon after reaching it", () => {
    // 2 MiB of key per state, 200 MiB above what the process holds now: about 100 states.
    const width = 1 << 20;
    const maxMemory = process.memoryUsage.rss() + 200 * 2 ** 20;
    const r = explore({ model: bigKeyModel, config: { width }, specs: [], maxMemory });
    expect(r.status).toBe("incomplete");
    if (r.status !== "incomplete") return;
    expect(r.limit).toBe("memory");
    expect(r.reason).toBe(`memory ceiling of ${formatBytes(maxMemory)} reached at ${r.states.toLocaleString("en-US")} states`);
    // Looked at often enough: not hundreds of megabytes past the ceiling. (Measured as memory, not as states:
    // garbage an earlier test left in this process may be collected meanwhile, and then more states fit.)
    expect(r.states).toBeGreaterThan(10);
    expect(r.peakMemory).toBeLessThan(maxMemory + 100 * 2 ** 20);
  });

  it("stops at a Ctrl-C (the shared flag), and runs again once it is cleared", () => {
    requestInterrupt();
    const config = { max: 1_000_000, forbidden: null };
    const r = explore({ model: counterModel, config, specs: [] });
    expect(r).toMatchObject({ status: "incomplete", limit: "interrupt", reason: "interrupted (Ctrl-C)" });
    expect(r.states).toBeLessThan(10);
    clearInterrupt();
    expect(explore({ model: counterModel, config: { max: 1_000, forbidden: null }, specs: [] }).status).toBe("pass");
  });

  it("reports progress, with memory, about every 250 ms even when each step takes long", () => {
    // A clock of its own: every step takes 400 ms of it, so that no wall-clock time is asserted.
    let clock = 0;
    vi.spyOn(performance, "now").mockImplementation(() => clock);
    const slow = { ...counterModel, step: (s: number, e: { readonly by: 1 | 2 }) => ((clock += 400), s + e.by) };
    const reports: { states: number; memory: number }[] = [];
    const r = explore({ model: slow, config: { max: 30, forbidden: null }, specs: [], onProgress: (p) => reports.push(p) });
    expect(r.status).toBe("pass");
    // 57 transitions: 22.8 s of the clock, a report at least every 2 steps (800 ms).
    expect(reports.length).toBeGreaterThanOrEqual(28);
    expect(reports.every((p) => p.memory > 0)).toBe(true);
  });
});

describe("the memory limits", () => {
  it("is not taken as reached for garbage: a heap or a process that looks full is collected and looked at again", () => {
    // What the last look saw: the heap at 95% of its limit (as after a large exploration whose states are
    // garbage now); what is live is far less, so the run goes on.
    const limit = getHeapStatistics().heap_size_limit;
    expect(memoryLimitReached({ rss: 0, heapUsed: 0.95 * limit, heapLimit: limit }, Number.POSITIVE_INFINITY)).toBeUndefined();
    // Live use above the margin of a (pretended) small limit is reached, collection or not.
    expect(memoryLimitReached({ rss: 0, heapUsed: 100, heapLimit: 100 }, Number.POSITIVE_INFINITY)).toBe("heap");
    expect(memoryLimitReached({ rss: 200, heapUsed: 0, heapLimit: limit }, 100)).toBe("memory");
    // The same for the resident set: a last look above the ceiling, the process far below it once collected.
    const ceiling = process.memoryUsage.rss() + 2 ** 30;
    expect(memoryLimitReached({ rss: ceiling + 1, heapUsed: 0, heapLimit: limit }, ceiling)).toBeUndefined();
  });
});

describe("memory sizes", () => {
  it("reads sizes as people write them and refuses others with a reason", () => {
    expect(parseSize("4g", "--max-memory")).toBe(4 * 2 ** 30);
    expect(parseSize("512m", "--max-memory")).toBe(512 * 2 ** 20);
    expect(parseSize("2GiB", "--max-memory")).toBe(2 * 2 ** 30);
    expect(parseSize("1.5G", "--max-memory")).toBe(1.5 * 2 ** 30);
    expect(parseSize("300000000", "--max-memory")).toBe(300_000_000);
    for (const bad of ["4x", "", "-1g", "0", "g", "1e9"]) expect(() => parseSize(bad, "--max-memory")).toThrow(InputError);
    expect(() => parseSize("4x", "--max-memory")).toThrow('--max-memory must be a size such as 4g, 512m, 2GiB or a number of bytes, got "4x"');
    expect([formatBytes(4 * 2 ** 30), formatBytes(300 * 2 ** 20), formatBytes(2048), formatBytes(100)]).toEqual(["4.0 GiB", "300 MiB", "2 KiB", "100 B"]);
  });
});
