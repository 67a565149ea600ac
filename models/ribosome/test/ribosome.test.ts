/**
 * Ribosome's mechanism step by step: the split rule and the metadata, a packet's way through the switch,
 * a server, the NF and back, round-robin and flow-hash placement, rings of bytes with the code's padding
 * and wrap check (counting the padding or not), the header buffer full, the tag check
 * after the ring wrapped, leases after a lost READ or an NF drop, and the packet lifecycle machine
 * against every step of small explorations.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../../../core/explore.ts";
import { edgeName, machineEdges } from "../../../core/lifecycle.ts";
import type { StepProperty } from "../../../core/spec.ts";
import { BYTE_RING, SLOW_NF, SMALL_SYSTEM } from "../../../systems/ribosome.ts";
import { intended, normalise, sameBytes, segment } from "../bytes.ts";
import { toRibosomeConfig, type RibosomeConfig, type RibosomeConfigJson } from "../config.ts";
import { PACKET_EVENTS, packetLifecycle, packetTarget, type PacketEvent, type Phase } from "../lifecycle.ts";
import { paddingOf, place, writeLength } from "../ring.ts";
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
    expect(write).toEqual({ kind: "write", slot: 0, length: 1, payload: { pkt: 3, tag: { id: 1, seq: 1 }, bytes: segment(3, 54, 1_500) } });
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

describe("rings of bytes, laid out as the public code does (Ribosome-P4 payload_split.p4)", () => {
  // The WRITE: 4 B [pad | hdr_idx], the padding, the L4 payload (size − 54 B); payload_len = L4 + 4 B.
  it("pads each WRITE to 4 B as compute_padding does: payload_len & 3 = 3, 2, 1, 0 → 1, 2, 3, 0 B", () => {
    expect([79, 78, 77, 76].map(paddingOf)).toEqual([1, 2, 3, 0]);
    // 129 B: 75 + 4 = 79 → 80; 131 B: 77 + 4 = 81 → 84; 400 B: 346 + 4 = 350 → 352; 130 B: 76 + 4 = 80.
    expect([129, 131, 400, 130].map((size) => writeLength(size - 54))).toEqual([80, 84, 352, 80]);
  });

  it("the code's wrap check counts payload_len only: in 1 404 B the fourth 400 B WRITE ends at 1 408 B", () => {
    const c = toRibosomeConfig({ ...BYTE_RING, ringWrapCheck: "unpadded" });
    // memory_offset 0, 350, 700, 1 050 (+ 350 < 1 404 each time), add_memory_offset 0, 2, 4, 6.
    const laps = [{ acc: 0, padding: 0 }];
    for (let i = 0; i < 5; i++) {
      const { acc, padding } = laps.at(-1)!;
      const p = place(acc, padding, 346, c);
      laps.push({ acc: p.acc, padding: p.padding });
      expect(p.length).toBe(352);
      expect(p.slot).toBe([0, 352, 704, 1_056, 0][i]);
    }
    // The fifth: 1 400 + 350 >= 1 404, so it wraps; both registers restart from it.
    expect(laps.slice(1)).toEqual([
      { acc: 350, padding: 2 }, { acc: 700, padding: 4 }, { acc: 1_050, padding: 6 }, { acc: 1_400, padding: 8 }, { acc: 350, padding: 2 },
    ]);
  });

  it("counting the padding, the fourth 400 B WRITE wraps to offset 0 (1 050 + 6 + 352 >= 1 404)", () => {
    const c = toRibosomeConfig(BYTE_RING);
    expect(place(1_050, 6, 346, c)).toEqual({ slot: 0, length: 352, acc: 350, padding: 2 });
    expect(place(700, 4, 346, c)).toEqual({ slot: 704, length: 352, acc: 1_050, padding: 6 });
  });

  it("the switch sends the payload's offset in the metadata and the WRITE's length with it", () => {
    const { state } = run({ servers: 1, sizes: [64, 129, 131, 400], ringBytes: 1_000 }, [arrive(131), arrive(129), arrive(64), arrive(400)]);
    expect(state.split.map((m) => m?.slot ?? null)).toEqual([0, 84, null, 164]);
    expect(state.ops[0]!.map((o) => (o.kind === "write" ? [o.slot, o.length] : null))).toEqual([[0, 84], [84, 80], [164, 352]]);
    expect([state.acc[0], state.padding[0]]).toEqual([81 + 79 + 350, 3 + 1 + 2]);
  });

  it("a WRITE takes the bytes it covers from every payload there; a READ of a covered offset gets the new payload", () => {
    // Ring of 250 B: 131 B (84 B) at 0, 131 B at 84, 131 B at 168 would end at 252: it wraps to 0.
    // Packet 0's READ is queued behind the WRITEs of packets 1 and 2.
    const events = [arrive(131), server(0), arrive(131), arrive(131), nf(0), server(0), server(0), server(0)];
    const ring: Partial<RibosomeConfigJson> = { servers: 1, sizes: [131], ringBytes: 250 };
    const { state } = run(ring, events);
    expect(state.ring[0]!.map((x) => [x.payload.pkt, x.slot, x.length])).toEqual([[2, 0, 84], [1, 84, 84]]);
    // Packet 0's READ of offset 0 returned packet 2's payload: the tag check drops packet 0.
    const { state: after, outputs } = run(ring, [...events, response(0)]);
    expect(outputs).toEqual([]);
    expect(after.drops[0]).toEqual(["payload-overwritten"]);
  });

  it("refuses a ring that cannot hold one WRITE of the largest packet", () => {
    expect(() => toRibosomeConfig({ ...BYTE_RING, ringBytes: 351 })).toThrow(/cannot hold the WRITE of a 400 B packet's payload \(352 B/);
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
    // The last: a ring of bytes where WRITEs of two lengths overlap after a wrap.
    const byteRing: RibosomeConfigJson = { ...BYTE_RING, sizes: [129, 131], ringBytes: 330, nfDrops: 0, readLosses: 0 };
    for (const json of [SMALL_SYSTEM, { ...SLOW_NF, tagCheck: false, headerBuffer: "overwrite" as const }, byteRing]) {
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
