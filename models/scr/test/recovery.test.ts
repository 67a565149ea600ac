/** Alg. 1 step by step: the model's transitions, its log, its bounds on the adversary, and its state keys. */
import { describe, expect, it } from "vitest";
import { explore } from "../../../core/explore.ts";
import { edgeName, machineEdges } from "../../../core/lifecycle.ts";
import type { StepProperty } from "../../../core/spec.ts";
import { coreLifecycle, lifecycleEvent, lifecycleTarget, type CoreLifecycleEvent } from "../core-lifecycle.ts";
import { IntVector } from "../../../core/int-vector.ts";
import { KeyWriter } from "../../../core/key-writer.ts";
import { ModelError } from "../../../core/model.ts";
import { runTrace } from "../../../core/run-trace.ts";
import { driveRecovery, plannedLosses } from "../../../properties/recovery-runs.ts";
import { RECOVERY_SPECS } from "../../../specs/scr-recovery.ts";
import { SCR_PROGRAMS } from "../programs/index.ts";
import { toRecoveryConfig, type RecoveryConfigJson } from "../recovery-config.ts";
import { HISTORY, LOST, NOT_INIT, RecoveryLog } from "../recovery-log.ts";
import { appliedList, recoveryModel, type RecoveryConfig, type RecoveryEvent, type RecoveryState } from "../recovery.ts";

const LIFECYCLE_EVENTS: CoreLifecycleEvent["type"][] = ["RECEIVE", "LOG_HISTORY", "SKIP_LOST", "LOG_LOST_AND_WAIT", "LEAVE_LOOP", "READ_LOST", "RECOVERED", "OVERWRITTEN"];

const config = (json: RecoveryConfigJson) => toRecoveryConfig(json, SCR_PROGRAMS["port-knocking"]!);
const run = (json: RecoveryConfigJson, events: readonly RecoveryEvent[]): RecoveryState =>
  events.reduce((s, e) => recoveryModel.step(s, e, config(json)), recoveryModel.init(config(json)));
const applied = (s: RecoveryState) => s.cores.map((c) => appliedList(c.applied).map((a) => a.i));

describe("scr.recovery model", () => {
  it("without loss every core applies every packet once, in order, and the run ends quiescent", () => {
    const json = { cores: 3, packets: 7 };
    const events = driveRecovery(config(json), { packets: 7, rate: 0, bursts: [], schedule: [], policy: 0 });
    const final = run(json, events);
    expect(recoveryModel.quiescent(final, config(json))).toBe(true);
    expect(applied(final).map((a) => a.filter((i) => i <= 5))).toEqual([[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]);
    expect(final.cores.map((c) => c.max)).toEqual([7, 5, 6]);
    expect(runTrace(recoveryModel, config(json), RECOVERY_SPECS, events).violation).toBeNull();
  });

  it("a lost packet is logged LOST and recovered from the log of a core that has its history (lines 7–8, 27–30)", () => {
    const json = { cores: 2, packets: 4, historyLength: 1 };
    const s = run(json, [
      { type: "send", seq: 1, core: 0 }, { type: "lose", seq: 2, core: 1 }, { type: "send", seq: 3, core: 0 }, { type: "send", seq: 4, core: 1 },
      { type: "receive", core: 1, seq: 4 }, { type: "step", core: 1 },
    ]);
    expect(s.cores[1]!.phase).toMatchObject({ at: "recover", i: 1, lost: 0 });
    expect(s.cores[1]!.log.read(1)).toEqual({ kind: LOST, seq: 1 });
    // Core 0 has not written #1 yet: core 1 has nothing to read, so no event of core 1 is enabled.
    expect(recoveryModel.enabled(s, config(json)).filter((e) => "core" in e && e.core === 1 && e.type !== "send")).toEqual([]);
    expect(() => recoveryModel.step(s, { type: "read", core: 1, from: 0 }, config(json))).toThrow(ModelError);
    const t = run(json, [
      { type: "send", seq: 1, core: 0 }, { type: "lose", seq: 2, core: 1 }, { type: "send", seq: 3, core: 0 }, { type: "send", seq: 4, core: 1 },
      { type: "receive", core: 1, seq: 4 }, { type: "step", core: 1 }, { type: "receive", core: 0, seq: 1 }, { type: "step", core: 0 },
      { type: "read", core: 1, from: 0 },
    ]);
    expect(applied(t)[1]).toEqual([1]);
    expect(t.cores[1]!.log.read(1)).toEqual({ kind: LOST, seq: 1 }); // stays LOST after recovery, as in the paper
  });

  it("refuses events that cannot happen, with a reason", () => {
    const json = { cores: 2, packets: 4 };
    const s0 = recoveryModel.init(config(json));
    expect(() => recoveryModel.step(s0, { type: "send", seq: 2, core: 1 }, config(json))).toThrow(/next packet is #1/);
    expect(() => recoveryModel.step(s0, { type: "send", seq: 1, core: 1 }, config(json))).toThrow(/sprayed to core 0/);
    expect(() => recoveryModel.step(s0, { type: "receive", core: 0, seq: 1 }, config(json))).toThrow(/cannot receive #1/);
    expect(() => recoveryModel.step(s0, { type: "step", core: 5 }, config(json))).toThrow(/there is no core 5/);
    expect(() => recoveryModel.step(s0, { type: "end" }, config(json))).toThrow(/cannot end/);
    // Tail assumption: the last k = 2 packets are always delivered.
    const s2 = run(json, [{ type: "send", seq: 1, core: 0 }, { type: "lose", seq: 2, core: 1 }]);
    expect(() => recoveryModel.step(s2, { type: "lose", seq: 3, core: 0 }, config(json))).toThrow(/may not lose packet #3/);
    expect(() => recoveryModel.step(s2, { type: "lose", seq: 3, core: 0 }, config({ ...json, tailAssumption: false }))).not.toThrow();
    const budget = config({ ...json, tailAssumption: false, lossBudget: 1 });
    expect(recoveryModel.enabled(s2, budget).filter((e) => e.type === "send" || e.type === "lose").map((e) => e.type)).toEqual(["send"]);
  });

  it("with reordering a core may take any packet in flight; line 14 as written moves max[c] back", () => {
    const json = { cores: 2, packets: 6, reorder: true };
    const sent: RecoveryEvent[] = [{ type: "send", seq: 1, core: 0 }, { type: "send", seq: 2, core: 1 }, { type: "send", seq: 3, core: 0 }];
    const s = run(json, sent);
    expect(recoveryModel.enabled(s, config(json)).filter((e) => e.type === "receive" && e.core === 0)).toEqual([
      { type: "receive", core: 0, seq: 1 }, { type: "receive", core: 0, seq: 3 },
    ]);
    expect(recoveryModel.enabled(s, config({ cores: 2, packets: 6 })).filter((e) => e.type === "receive" && e.core === 0)).toEqual([{ type: "receive", core: 0, seq: 1 }]);
    const late: RecoveryEvent[] = [
      ...sent, { type: "receive", core: 0, seq: 3 }, { type: "step", core: 0 }, { type: "receive", core: 1, seq: 2 }, { type: "step", core: 1 },
      { type: "read", core: 0, from: 1 }, { type: "step", core: 0 }, { type: "step", core: 0 }, { type: "step", core: 0 },
      { type: "receive", core: 0, seq: 1 }, { type: "step", core: 0 },
    ];
    expect(run(json, late.slice(0, -2)).cores[0]!.max).toBe(3);
    expect(run(json, late).cores[0]!.max).toBe(1);
    expect(run({ ...json, maxUpdate: "max" }, late).cores[0]!.max).toBe(3);
  });

  it("explains a deadlock: who waits for what", () => {
    const json = { cores: 2, packets: 4, tailAssumption: false };
    const s = run(json, [
      { type: "lose", seq: 1, core: 0 }, { type: "lose", seq: 2, core: 1 }, { type: "send", seq: 3, core: 0 }, { type: "lose", seq: 4, core: 1 },
      { type: "end" }, { type: "receive", core: 0, seq: 3 }, { type: "step", core: 0 },
    ]);
    expect(recoveryModel.enabled(s, config(json))).toEqual([]);
    expect(recoveryModel.quiescent(s, config(json))).toBe(false);
    expect(recoveryModel.explainDeadlock!(s, config(json))).toBe("core 0 waits for #1 in handle_loss_recovery, but core 1 will never write its entry for #1");
  });

  it("equal states have equal keys, different states different keys", () => {
    const json = { cores: 2, packets: 4 };
    const a = run(json, [{ type: "send", seq: 1, core: 0 }, { type: "send", seq: 2, core: 1 }]);
    const b = run(json, [{ type: "send", seq: 1, core: 0 }, { type: "send", seq: 2, core: 1 }]);
    const c = run(json, [{ type: "send", seq: 1, core: 0 }, { type: "lose", seq: 2, core: 1 }]);
    const key = (s: RecoveryState) => {
      const w = new KeyWriter().begin();
      recoveryModel.writeKey!(s, w, config(json));
      return w.toArray();
    };
    expect(key(a)).toEqual(key(b));
    expect(key(a)).not.toEqual(key(c));
  });

  it("a core made by copying another one, with a field changed, gets its own key (no cached key travels with the copy)", () => {
    const json = { cores: 2, packets: 4 };
    const s = run(json, [{ type: "send", seq: 1, core: 0 }, { type: "receive", core: 0, seq: 1 }, { type: "step", core: 0 }]);
    const key = (x: RecoveryState) => {
      const w = new KeyWriter().begin();
      recoveryModel.writeKey!(x, w, config(json));
      return w.toArray();
    };
    const before = key(s);
    // Copies made without the model's own constructors, after the original's key was written.
    const withCore0 = (core: RecoveryState["cores"][number]): RecoveryState => ({ sequencer: s.sequencer, cores: [core, s.cores[1]!] });
    const moved = withCore0({ ...s.cores[0]!, max: s.cores[0]!.max + 1 });
    const forgot = withCore0({ ...s.cores[0]!, applied: null });
    expect(key(moved)).not.toEqual(before);
    expect(key(forgot)).not.toEqual(before);
    expect(key(moved)).not.toEqual(key(forgot));
    // An unchanged copy is the same state: the same key.
    expect(key(withCore0({ ...s.cores[0]! }))).toEqual(before);
    expect(key(s)).toEqual(before);
  });
});

/**
 * The public implementation's recovery, v7 (smartnic/bpf-profile samples/xdp_portknock_v7_kern.c,
 * handle_packet_loss): expected values from the code's arithmetic with NUM_PKTS = N = k = 2:
 * min_id_in_pkt = cur − (N − 1), expected_next = pkt_max + 1, lost_pkt_max = min_id_in_pkt − 1,
 * num_lost = lost_pkt_max − expected_next + 1, congestion when num_lost ≥ N + 1 = 3.
 */
describe("v7 loss recovery (smartnic/bpf-profile)", () => {
  const v7 = { cores: 2, packets: 6, lostMark: "max-before-recovery", congestionGap: 3 } as const;
  const send = (seq: number): RecoveryEvent => ({ type: "send", seq, core: (seq - 1) % 2 });
  const lose = (seq: number): RecoveryEvent => ({ type: "lose", seq, core: (seq - 1) % 2 });
  const receive = (core: number, seq: number): RecoveryEvent => ({ type: "receive", core, seq });
  const step = (core: number): RecoveryEvent => ({ type: "step", core });
  const read = (core: number, from: number): RecoveryEvent => ({ type: "read", core, from });

  it("publishes pkt_max = min_id − 1 before recovery, runs the loop from the old pkt_max + 1, and logs no LOST entry", () => {
    // Core 0: #1 received (pkt_max 1), #3 lost, #5 carries #4–#5: expected 2, lost 2..3, num_lost 2 < 3.
    const s = run(v7, [send(1), send(2), lose(3), send(4), send(5), receive(0, 1), step(0), step(0), receive(0, 5)]);
    expect(s.cores[0]!.max).toBe(3);
    expect(s.cores[0]!.phase).toMatchObject({ at: "loop", i: 2, minseq: 4, upTo: 5 });
    const t = recoveryModel.step(s, step(0), config(v7));
    expect(t.cores[0]!.phase).toMatchObject({ at: "recover", i: 2, lost: 0 });
    expect([t.cores[0]!.log.read(2), t.cores[0]!.log.read(3)]).toEqual([{ kind: NOT_INIT }, { kind: NOT_INIT }]);
    // Core 1 has not logged #2 yet (pkt_max 0 < 2): core 0 waits.
    expect(recoveryModel.enabled(t, config(v7)).some((e) => e.type === "read")).toBe(false);
    // Core 1 logs #1–#2 from packet #2 (each add sets pkt_max to its id), then #3–#4 from packet #4.
    const u = [receive(1, 2), step(1), step(1), step(1), read(0, 1), step(0)].reduce((x, e) => recoveryModel.step(x, e, config(v7)), t);
    expect(u.cores[1]!.max).toBe(2);
    expect(applied(u)[0]).toEqual([1, 2]);
    expect(u.cores[0]!.phase).toMatchObject({ at: "recover", i: 3 });
    const w = [receive(1, 4), step(1), step(1), read(0, 1), step(0), step(0), step(0)].reduce((x, e) => recoveryModel.step(x, e, config(v7)), u);
    expect(applied(w)).toEqual([[1, 2, 3, 4, 5], [1, 2, 3, 4]]);
    expect(w.cores.map((c) => c.max)).toEqual([5, 4]);
  });

  it("another core takes an id at or below the published pkt_max, missing from the log, as lost there", () => {
    // No congestion threshold. Core 1 lost #2 and #4 and receives #6 (carries #5–#6) with pkt_max 0: lost 1..4,
    // pkt_max ← 4. Core 0 lost #3 and receives #5: lost 2..3, waits for #2; nobody received #2 (packets #2, #3 lost).
    const json = { cores: 2, packets: 6, lostMark: "max-before-recovery" } as const;
    const s = run(json, [send(1), lose(2), lose(3), lose(4), send(5), send(6), receive(0, 1), step(0), step(0), receive(0, 5), step(0), receive(1, 6)]);
    expect(s.cores[1]!.max).toBe(4);
    expect(s.cores[0]!.phase).toMatchObject({ at: "recover", i: 2 });
    const t = recoveryModel.step(s, read(0, 1), config(json));
    // C_lost = {1} = every other core: #2 is lost everywhere, not applied.
    expect(t.cores[0]!.phase).toMatchObject({ at: "loop", i: 3 });
    expect(applied(t)[0]).toEqual([1]);
  });

  it("two own losses in a row make a gap of 2N ≥ N + 1: congestion, never recovered (issue 15, 4e)", () => {
    // Core 0: #1 and #3 lost, #5 carries #4–#5: expected 1, lost 1..3, num_lost 3 ≥ 3.
    const s = run(v7, [lose(1), send(2), lose(3), send(4), send(5), receive(0, 5)]);
    expect(s.cores[0]!.max).toBe(3);
    expect(s.cores[0]!.phase).toMatchObject({ at: "loop", i: 4, upTo: 5 });
    const t = [step(0), step(0), step(0)].reduce((x, e) => recoveryModel.step(x, e, config(v7)), s);
    expect(applied(t)[0]).toEqual([4, 5]);
    // One own loss is a gap of N = 2 < 3: recovered (the first test). Alg. 1's LOST entries with the same gap: all three at once.
    const entry = run({ cores: 2, packets: 6, congestionGap: 3 }, [lose(1), send(2), lose(3), send(4), send(5), receive(0, 5)]);
    expect([1, 2, 3, 4].map((i) => entry.cores[0]!.log.read(i).kind)).toEqual([LOST, LOST, LOST, NOT_INIT]);
    expect(entry.cores[0]!.phase).toMatchObject({ at: "loop", i: 4 });
  });
});

describe("the log (SCR §3.4)", () => {
  it("unbounded: one entry per sequence number", () => {
    const log = RecoveryLog.empty({ kind: "unbounded" }, 8).write(3, HISTORY).write(4, LOST);
    expect([log.read(3), log.read(4), log.read(5)]).toEqual([{ kind: HISTORY, seq: 3 }, { kind: LOST, seq: 4 }, { kind: NOT_INIT }]);
  });

  it("a ring without sequence numbers hands a reader the entry of i − L or i + L that shares the slot", () => {
    const log = RecoveryLog.empty({ kind: "ring", entries: 2, storesSeq: false }, 8).write(3, HISTORY);
    expect(log.read(1)).toEqual({ kind: HISTORY, seq: 3 });
    expect(log.read(5)).toEqual({ kind: HISTORY, seq: 3 });
  });

  it("a ring with sequence numbers: an older number reads as NOT_INIT, a newer one as overwritten", () => {
    const log = RecoveryLog.empty({ kind: "ring", entries: 2, storesSeq: true }, 8).write(3, HISTORY);
    expect(log.read(5)).toEqual({ kind: NOT_INIT });
    expect(log.read(1)).toEqual({ kind: "overwritten", seq: 3, slot: 1 });
    expect(log.read(3)).toEqual({ kind: HISTORY, seq: 3 });
  });
});

describe("random-run plans", () => {
  it("bursts are placed from the end of the stream, within the loss rate", () => {
    expect([...plannedLosses({ packets: 10, rate: 0.1, bursts: [{ back: 0, length: 3 }, { back: 5, length: 1 }], schedule: [], policy: 0 })]).toEqual([10]);
    expect([...plannedLosses({ packets: 10, rate: 0.2, bursts: [{ back: 2, length: 3 }, { back: 5, length: 1 }], schedule: [], policy: 0 })]).toEqual([8, 9, 10, 5]);
  });

  it("under the tail assumption a run ends quiescent whatever the plan loses", () => {
    const c = config({ cores: 4, packets: 100, streamEnd: "any-time" });
    const events = driveRecovery(c, { packets: 40, rate: 0.1, bursts: [{ back: 0, length: 16 }, { back: 20, length: 2 }], schedule: [3, 1, 4, 1, 5], policy: 9 });
    const final = events.reduce((s, e) => recoveryModel.step(s, e, c), recoveryModel.init(c));
    expect(recoveryModel.quiescent(final, c)).toBe(true);
    expect(final.sequencer.next - 1).toBeGreaterThanOrEqual(40 + 4); // k more packets after the last loss
  });
});

describe("state keys", () => {
  it("IntVector: set leaves the original alone and shares unchanged chunks", () => {
    const a = IntVector.zeros(100);
    const b = a.set(70, 5);
    expect([a.get(70), b.get(70), b.get(69)]).toEqual([0, 5, 0]);
    expect(b.set(70, 5)).toBe(b);
    expect(() => a.get(100)).toThrow(RangeError);
  });

  it("KeyWriter: lists carry their length, large numbers are escaped", () => {
    const w = new KeyWriter();
    const k1 = w.begin().ints([1, 2]).ints([3]).toArray();
    const k2 = w.begin().ints([1]).ints([2, 3]).toArray();
    expect(k1).not.toEqual(k2);
    expect(w.begin().int(70_000).toArray()).not.toEqual(w.begin().int(70_000 & 0xffff).toArray());
    expect(() => w.begin().int(-1)).toThrow(RangeError);
  });
});

describe("the core lifecycle (XState machine, core-lifecycle.ts)", () => {
  it("every core step of the explorations is a transition of the machine, and together they cover all of them", () => {
    const covered = new Set<string>();
    const follows: StepProperty<RecoveryState, RecoveryEvent, RecoveryConfig> = {
      kind: "step", name: "core-lifecycle",
      check(before, event, after) {
        if (!("core" in event) || event.type === "send" || event.type === "lose") return null;
        const [was, now] = [before.cores[event.core]!.phase, after.cores[event.core]!.phase];
        const type = lifecycleEvent(was, event, now);
        const target = lifecycleTarget(was.at, type);
        if (target !== now.at) return `core ${event.core}: ${was.at} -${type}-> ${now.at}, the machine says ${target ?? "no such transition"}`;
        covered.add(edgeName(was.at, type, now.at));
        return null;
      },
    };
    for (const json of [{ cores: 3, packets: 5 }, { cores: 3, packets: 4, historyLength: 2, recovery: false }, { cores: 2, packets: 4, log: { entries: 2, storesSeq: true } }]) {
      // Without reduction, and with the overrun state's invariant left out so that exploration goes on past it.
      const r = explore({ model: recoveryModel, config: config(json), specs: [follows], reduce: false });
      if (r.status === "violation") expect(r.violation.property, r.violation.message).not.toBe("core-lifecycle");
    }
    expect([...covered].sort()).toEqual(machineEdges(coreLifecycle, LIFECYCLE_EVENTS).sort());
  });
});
