/**
 * What the probe with a hardware flow offload (models/offload/) must guarantee:
 *
 * exactly-once          each packet is counted once, by the NIC's counters or the host's: no packet id
 *                       is in two counters (NIC entries, host entries, expiry events, records); each
 *                       exported record holds exactly the packets and bytes of one flow lifetime; once
 *                       the run is over, every packet that arrived is in a record;
 * no-dangling-flow-id   a flowId the NIC holds, reports or tagged a buffered packet with names a live
 *                       entry of the same flow lifetime, and the host never follows one to a free slot or
 *                       to another lifetime's entry (ABA: an expiry event freeing a slot that now holds
 *                       another flow);
 * no-double-offload     a rule to handle a lifetime in hardware is programmed at most once (a second
 *                       request is recognised and dropped);
 * fallback              a packet the NIC cannot place in its full table goes to the host: the NIC loses
 *                       none;
 * eventual-export       once the run is over, every flow lifetime has been exported exactly once and no
 *                       entry is left in the host's table (a leak);
 * and the explorer's own no-deadlock.
 */
import type { Invariant, QuiescenceProperty } from "../core/spec.ts";
import type { OffloadConfig } from "../models/offload/config.ts";
import {
  addressOf, lifetimeIndex, lifetimeName, lifetimeOfPacket, packetId, packetName, sizeOf, slotOf,
  type OffloadState, type Tally,
} from "../models/offload/state.ts";

export const EXACTLY_ONCE = "exactly-once";
export const NO_DANGLING_FLOW_ID = "no-dangling-flow-id";
export const NO_DOUBLE_OFFLOAD = "no-double-offload";
export const FALLBACK = "fallback";
export const EVENTUAL_EXPORT = "eventual-export";

type Inv = Invariant<OffloadState, OffloadConfig>;
type Quiet = QuiescenceProperty<OffloadState, OffloadConfig>;

/** Every counter that holds packets, named. */
function counters(s: OffloadState, c: OffloadConfig): [string, Tally][] {
  return [
    ...s.nic.map((e): [string, Tally] => [`the NIC's entry of flow ${e.flow}`, e.tally]),
    ...s.threads.flatMap((x, t) => x.slots.flatMap((e, slot): [string, Tally][] => (e ? [[`the host's entry at flowId ${addressOf(t, slot, c)}`, e.tally]] : []))),
    ...s.threads.flatMap((x) => x.expiries.map((ev): [string, Tally] => [`the expiry event of flowId ${ev.flowId}`, ev.tally])),
    ...s.records.map((r, i): [string, Tally] => [`record ${i} (flow ${r.flow})`, r.tally]),
  ];
}

/** The packets of a lifetime, and their bytes. */
const lifetimePackets = (lifetime: number, c: OffloadConfig) => Array.from({ length: c.packets }, (_, n) => lifetime * c.packets + n);
const lifetimeBytes = (c: OffloadConfig) => Array.from({ length: c.packets }, (_, n) => sizeOf(n, c)).reduce((a, b) => a + b, 0);

const exactlyOnceNow: Inv = {
  kind: "invariant", name: EXACTLY_ONCE,
  check(s, c) {
    const seen = new Map<number, string>();
    for (const [where, t] of counters(s, c)) {
      for (const id of t.ids) {
        const other = seen.get(id);
        if (other !== undefined) return `packet ${packetName(id, c)} is counted twice: by ${other} and by ${where}`;
        seen.set(id, where);
      }
    }
    if (!c.softwareTable) return null;
    for (const [i, r] of s.records.entries()) {
      const lifetimes = [...new Set(r.tally.ids.map((id) => lifetimeOfPacket(id, c)))];
      if (lifetimes.length > 1) return `record ${i} of flow ${r.flow} holds packets of ${lifetimes.length} lifetimes (${lifetimes.map((l) => lifetimeName(l, c)).join(", ")}): ${r.tally.packets} packets, ${r.tally.bytes} B`;
      const lifetime = lifetimes[0] ?? lifetimeIndex(r.flow, 0, c);
      const missing = lifetimePackets(lifetime, c).filter((id) => !r.tally.ids.includes(id));
      if (missing.length > 0) return `record ${i} of ${lifetimeName(lifetime, c)} holds ${r.tally.packets} of its ${c.packets} packets (${r.tally.bytes} of ${lifetimeBytes(c)} B): ${missing.map((id) => packetName(id, c)).join(", ")} ${missing.length === 1 ? "is" : "are"} not in it`;
      if (r.tally.packets !== r.tally.ids.length || r.tally.bytes !== lifetimeBytes(c)) return `record ${i} of ${lifetimeName(lifetime, c)} says ${r.tally.packets} packets, ${r.tally.bytes} B; the lifetime had ${c.packets} packets, ${lifetimeBytes(c)} B`;
    }
    return null;
  },
};

const exactlyOnceAtEnd: Quiet = {
  kind: "quiescent", name: EXACTLY_ONCE,
  check(s, c) {
    const exported = new Set(s.records.flatMap((r) => r.tally.ids));
    for (const [f, t] of s.traffic.entries()) {
      for (let life = 0; life <= t.life; life++) {
        const sent = life < t.life ? c.packets : t.sent;
        for (let n = 0; n < sent; n++) {
          const id = packetId(f, life, n, c);
          if (!exported.has(id) && !s.dropped.includes(id)) return `packet ${packetName(id, c)} arrived but is in no exported record`;
        }
      }
    }
    return null;
  },
};

const noDanglingFlowId: Inv = {
  kind: "invariant", name: NO_DANGLING_FLOW_ID,
  check(s, c) {
    if (s.misuse !== null) return s.misuse;
    if (!c.softwareTable) return null;
    const names = (flowId: number, flow: number, life: number, who: string) => {
      const { thread, slot } = slotOf(flowId, c);
      const e = s.threads[thread]?.slots[slot] ?? null;
      if (e !== null && e.flow === flow && e.life === life) return null;
      return `${who} holds flowId ${flowId} for flow ${flow} (lifetime ${life}), but that slot holds ${e ? `flow ${e.flow}'s entry (lifetime ${e.life})` : "nothing: it was freed"}`;
    };
    for (const e of s.nic) {
      const problem = names(e.flowId, e.flow, e.life, "the NIC's table");
      if (problem) return problem;
    }
    for (const x of s.threads) {
      for (const ev of x.expiries) {
        const problem = names(ev.flowId, ev.flow, ev.life, "an expiry event");
        if (problem) return problem;
      }
      for (const p of x.rx) {
        const problem = p.flowId === 0 ? null : names(p.flowId, p.flow, p.life, "a packet in the NIC's buffer");
        if (problem) return problem;
      }
    }
    return null;
  },
};

const noDoubleOffload: Inv = {
  kind: "invariant", name: NO_DOUBLE_OFFLOAD,
  check(s, c) {
    const twice = s.programmed.findIndex((n) => n > 1);
    return twice < 0 ? null : `the offload rule of ${lifetimeName(twice, c)} was programmed ${s.programmed[twice]} times`;
  },
};

const fallback: Inv = {
  kind: "invariant", name: FALLBACK,
  check(s, c) {
    const id = s.dropped[0];
    return id === undefined ? null : `the NIC dropped packet ${packetName(id, c)}: its flow is not in the table, which is full (${s.nic.length} of ${c.hwCapacity} entries), and it did not go to the host`;
  },
};

const eventualExport: Quiet = {
  kind: "quiescent", name: EVENTUAL_EXPORT,
  check(s, c) {
    for (const [t, x] of s.threads.entries()) {
      for (const [slot, e] of x.slots.entries()) {
        if (e !== null) return `${lifetimeName(lifetimeIndex(e.flow, e.life, c), c)} was never exported: its entry at flowId ${addressOf(t, slot, c)} is still held (${e.status}${e.status === "learned" ? ": it waits for an expiry event from the NIC" : ""})`;
      }
    }
    if (!c.softwareTable) return null;
    const records = new Map<number, number>();
    for (const r of s.records) {
      const lifetime = lifetimeOfPacket(r.tally.ids[0] ?? 0, c);
      records.set(lifetime, (records.get(lifetime) ?? 0) + 1);
    }
    for (const [f, t] of s.traffic.entries()) {
      for (let life = 0; life <= t.life && (life < t.life || t.sent > 0); life++) {
        const n = records.get(lifetimeIndex(f, life, c)) ?? 0;
        if (n !== 1) return `${lifetimeName(lifetimeIndex(f, life, c), c)} was exported ${n === 0 ? "never" : `${n} times`}`;
      }
    }
    return null;
  },
};

export const OFFLOAD_SPECS = [exactlyOnceNow, exactlyOnceAtEnd, noDanglingFlowId, noDoubleOffload, fallback, eventualExport] as const;
export const OFFLOAD_PROPERTIES = [EXACTLY_ONCE, NO_DANGLING_FLOW_ID, NO_DOUBLE_OFFLOAD, FALLBACK, EVENTUAL_EXPORT] as const;
