/**
 * Ribosome's mechanism step by step: the split rule and the metadata, a packet's way through the switch,
 * a server, the NF and back, round-robin and flow-hash placement, the header buffer full, the tag check
 * after the ring wrapped, leases after a lost READ or an NF drop, and the packet lifecycle machine
 * against every step of small explorations.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../../../core/explore.ts";
import { edgeName, machineEdges } from "../../../core/lifecycle.ts";
import type { StepProperty } from "../../../core/spec.ts";
import { SLOW_NF, SMALL_SYSTEM } from "../../../systems/ribosome.ts";
import { intended, normalise, sameBytes, segment } from "../bytes.ts";
import { toRibosomeConfig, type RibosomeConfig, type RibosomeConfigJson } from "../config.ts";
import { PACKET_EVENTS, packetLifecycle, packetTarget, type PacketEvent, type Phase } from "../lifecycle.ts";
import type { RibosomeState } from "../state.ts";
import { ribosomeModel, type RibosomeEvent } from "../system.ts";

const arrive = (size: number, flow = 0): RibosomeEvent => ({ type: "arrive", size, flow });
const server = (s: number): RibosomeEvent => ({ type: "server", server: s });
const nf = (index = 0): RibosomeEvent => ({ type: "nf", index });
const response = (s: number): RibosomeEvent => ({ type: "response", server: s });

function run(json: Partial<RibosomeConfigJson>, events: readonly RibosomeEvent[]) {
  const config = toRibosomeConfig({ packets: 10, sizes: [64, 128, 129, 400, 1_500], window: 10, servers: 2, slotsPerServer: 4, headerSlots: 4, ...json });
  let state = ribosomeModel.init(config);
  const outputs = [];
  for (const e of events) {
    state = ribosomeModel.step(state, e, config);
    if (state.last) outputs.push(state.last);
  }
  return { state, config, outputs };
}

describe("the switch's split rule (above the threshold, cut after the header)", () => {
  it("sends packets at or below 128 B whole and cuts larger ones after 54 B, with the metadata", () => {
    const { state } = run({}, [arrive(64), arrive(128), arrive(129), arrive(1_500)]);
    expect(state.nf.map((x) => x.meta === null)).toEqual([true, true, false, false]);
    expect(normalise(state.nf[2]!.bytes)).toEqual([segment(2, 0, 54)]);
    expect(state.nf[3]!.meta).toEqual({ tag: { id: 1, seq: 1 }, server: 1, slot: 0 });
    const [write] = state.ops[1]!;
    expect(write).toEqual({ kind: "write", slot: 0, payload: { pkt: 3, tag: { id: 1, seq: 1 }, bytes: segment(3, 54, 1_500) } });
  });

  it("refuses a header longer than the threshold (a split packet would have no payload)", () => {
    expect(() => toRibosomeConfig({ packets: 1, sizes: [64], window: 1, threshold: 40, headerLength: 54 })).toThrow(/must not exceed the split threshold/);
  });
});

describe("a packet's way: split, parked, at the NF, waiting for its payload, out", () => {
  it("a split packet leaves as the NF's header and its own payload, and frees its ID", () => {
    const { state, outputs, config } = run({}, [arrive(400), server(0), nf(), server(0), response(0)]);
    expect(outputs).toHaveLength(1);
    expect(sameBytes(outputs[0]!, intended(0, 400, config.headerLength))).toBe(true);
    expect(state.phase).toEqual(["out"]);
    expect(state.held.every((h) => h === null) && state.regs.every((w) => w === null)).toBe(true);
  });

  it("the header may come back before the WRITE lands: the READ waits behind it on the queue pair", () => {
    const { state, outputs } = run({}, [arrive(400), nf(), server(0), server(0), response(0)]);
    expect(outputs).toHaveLength(1);
    expect(state.phase).toEqual(["out"]);
  });

  it("a whole packet leaves with the NF's rewrite of its first 54 bytes", () => {
    const { outputs } = run({}, [arrive(64), nf()]);
    expect(normalise(outputs[0]!)).toEqual([segment(0, 0, 54, true), segment(0, 54, 64)]);
  });
});

describe("placement: round-robin over servers, a ring of slots per server", () => {
  it("round-robin alternates servers and each ring advances; flow-hash follows the flow", () => {
    const rr = run({}, [arrive(400), arrive(400), arrive(400)]).state;
    expect(rr.split.map((m) => [m!.server, m!.slot])).toEqual([[0, 0], [1, 0], [0, 1]]);
    const hash = run({ serverChoice: "flow-hash", flows: 4 }, [arrive(400, 3), arrive(400, 1), arrive(400, 2)]).state;
    expect(hash.split.map((m) => [m!.server, m!.slot])).toEqual([[1, 0], [1, 1], [0, 0]]);
  });
});

describe("buffers, tags and leases", () => {
  it("with every header ID held, a large packet goes whole to the NF (reserve)", () => {
    const { state } = run({ headerSlots: 1 }, [arrive(400), arrive(400)]);
    expect(state.nf.map((x) => x.meta === null)).toEqual([false, true]);
  });

  it("after the ring wrapped, the tag check drops the packet whose payload was overwritten, and counts it", () => {
    // One slot per server: packet 2's payload lands over packet 0's while packet 0's header is at the NF.
    const events = [arrive(400), arrive(400), arrive(400), server(0), server(0), nf(0), server(0), response(0)];
    const tagged = run({ slotsPerServer: 1 }, events);
    expect(tagged.outputs).toEqual([]);
    expect(tagged.state.drops[0]).toEqual(["payload-overwritten"]);
    const code = run({ slotsPerServer: 1, tagCheck: false }, events);
    expect(normalise(code.outputs[0]!).map((s) => s.pkt)).toEqual([0, 2]);
  });

  it("a lost READ response is counted when the header's lease ends; the code (no lease) keeps the header forever", () => {
    const events: RibosomeEvent[] = [arrive(400), server(0), nf(), server(0), { type: "lose", server: 0 }];
    const leased = run({ readLosses: 1 }, [...events, { type: "expire", id: 0 }]).state;
    expect(leased.drops[0]).toEqual(["read-lost"]);
    expect(ribosomeModel.quiescent(leased, toRibosomeConfig({ ...SMALL_SYSTEM, readLosses: 1 }))).toBe(true);
    const { state, config } = run({ readLosses: 1, readLease: false }, events);
    expect(ribosomeModel.enabled(state, config)).not.toContainEqual({ type: "expire", id: 0 });
    expect(state.regs[0]?.pkt).toBe(0);
  });

  it("an NF drop is counted by the NF and the packet's ID is free again when its lease ends", () => {
    const { state, config } = run({ nfDrops: 1 }, [arrive(400), { type: "nf-drop", index: 0 }]);
    expect(state.drops[0]).toEqual(["nf-drop"]);
    expect(ribosomeModel.enabled(state, config)).toContainEqual({ type: "expire", id: 0 });
    expect(ribosomeModel.step(state, { type: "expire", id: 0 }, config).held[0]).toBeNull();
  });

  it("refuses events that are not possible, with a reason", () => {
    expect(() => run({}, [server(0)])).toThrow(/no operation queued/);
    expect(() => run({ packets: 1 }, [arrive(64), arrive(64)])).toThrow(/every packet has arrived \(1 packet in a run\)/);
    expect(() => run({}, [arrive(65)])).toThrow(/not among the sizes/);
    expect(() => run({}, [arrive(400), { type: "nf-drop", index: 0 }])).toThrow(/may drop 0/);
  });
});

/** The lifecycle event a model step applied to a packet. */
function movesOf(before: RibosomeState, event: RibosomeEvent, after: RibosomeState): { pkt: number; from: Phase; type: PacketEvent["type"]; to: Phase }[] {
  const moves: { pkt: number; from: Phase; type: PacketEvent["type"]; to: Phase }[] = [];
  const moved = (pkt: number, type: PacketEvent["type"]) => moves.push({ pkt, from: before.phase[pkt] ?? "arriving", type, to: after.phase[pkt]! });
  switch (event.type) {
    case "arrive": moved(before.inputs.length, after.split[before.inputs.length] ? "SPLIT" : "WHOLE"); break;
    case "server": {
      const op = before.ops[event.server]![0]!;
      if (op.kind === "write" && before.phase[op.payload.pkt] !== "out" && before.phase[op.payload.pkt] !== "dropped") moved(op.payload.pkt, "WRITTEN");
      break;
    }
    case "nf": moved(before.nf[event.index]!.pkt, "RETURNED"); break;
    case "nf-drop": moved(before.nf[event.index]!.pkt, "NF_DROP"); break;
    case "response": {
      const pkt = before.responses[event.server]![0]!.pkt;
      moved(pkt, after.phase[pkt] === "out" ? "MERGED" : "MISMATCH");
      break;
    }
    case "lose": moved(before.responses[event.server]![0]!.pkt, "LOST"); break;
    case "expire": break;
  }
  return moves;
}

describe("the explorer's key (key.ts)", () => {
  it("tells apart exactly the states that the whole state (but the last output) tells apart", () => {
    const { writeKey: _compact, ...rest } = ribosomeModel;
    const whole = { ...rest, key: (s: RibosomeState) => JSON.stringify({ ...s, last: null }) };
    for (const json of [SMALL_SYSTEM, { ...SLOW_NF, tagCheck: false, headerBuffer: "overwrite" as const }]) {
      const config = toRibosomeConfig(json);
      const compact = explore({ model: ribosomeModel, config, specs: [] });
      const full = explore({ model: whole, config, specs: [] });
      expect(compact.states).toBe(full.states);
      expect(compact.transitions).toBe(full.transitions);
    }
  });
});

describe("the packet lifecycle (XState machine, lifecycle.ts)", () => {
  it("every step of small explorations follows the machine, and together they take each of its transitions", () => {
    const seen = new Set<string>();
    const follows: StepProperty<RibosomeState, RibosomeEvent, RibosomeConfig> = {
      kind: "step", name: "packet-lifecycle",
      check(before, event, after) {
        for (const m of movesOf(before, event, after)) {
          if (packetTarget(m.from, m.type) !== m.to) return `packet ${m.pkt}: ${m.from} --${m.type}--> ${m.to} is not in the machine`;
          seen.add(edgeName(m.from, m.type, m.to));
        }
        return null;
      },
    };
    for (const json of [SMALL_SYSTEM, SLOW_NF]) {
      const r = explore({ model: ribosomeModel, config: toRibosomeConfig(json), specs: [follows] });
      expect(r.status, r.status === "violation" ? r.violation.message : "").toBe("pass");
    }
    expect([...seen].sort()).toEqual(machineEdges(packetLifecycle, PACKET_EVENTS).sort());
  });
});
