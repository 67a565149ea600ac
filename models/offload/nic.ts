/**
 * The SmartNIC's side (§III, §IV-B): a packet classified as it enters, the idle purge with its expiry
 * events, and the offload thread programming the rules the host asked for.
 */
import type { OffloadConfig } from "./config.ts";
import {
  addPacket, lifetimeIndex, packetId, slotOf, threadOf,
  type NicEntry, type OffloadState, type Packet, type Request, type ThreadState,
} from "./state.ts";

const withThread = (s: OffloadState, t: number, f: (x: ThreadState) => ThreadState): OffloadState =>
  ({ ...s, threads: s.threads.map((x, i) => (i === t ? f(x) : x)) });

const replaceEntry = (nic: readonly NicEntry[], e: NicEntry) => nic.map((x) => (x.flow === e.flow ? e : x));

/** The traffic may send flow f's next packet: its lifetime has packets left, or the last one is over (expired by now). */
export function canArrive(s: OffloadState, f: number, c: OffloadConfig): boolean {
  const t = s.traffic[f]!;
  if (t.sent < c.packets) return true;
  return t.life + 1 < c.lifetimes && s.now >= t.epoch + 2;
}

/**
 * Flow f's next packet enters the NIC (§III): an entry that handles the flow in hardware counts it; an
 * entry that sends it to the host tags it with its flowId (and, `nicCounts: every-match`, counts it
 * too); a flow the table does not hold goes to the host with flowId 0 ("table full → packets go to the
 * host", §IV-B).
 */
export function arrive(s: OffloadState, f: number, c: OffloadConfig): OffloadState {
  const t = s.traffic[f]!;
  const traffic = t.sent < c.packets ? { ...t, sent: t.sent + 1, epoch: s.now } : { life: t.life + 1, sent: 1, epoch: s.now };
  const packet: Packet = { flow: f, life: traffic.life, n: traffic.sent - 1, epoch: s.now, flowId: 0 };
  const next = { ...s, traffic: s.traffic.map((x, i) => (i === f ? traffic : x)) };
  const entry = s.nic.find((e) => e.flow === f);
  if (entry?.action === "hw") return { ...next, nic: replaceEntry(s.nic, { ...entry, tally: addPacket(entry.tally, packet, c), lastEpoch: s.now }) };
  if (entry) {
    const counted = c.nicCounts === "every-match" ? { ...entry, tally: addPacket(entry.tally, packet, c), lastEpoch: s.now } : { ...entry, lastEpoch: s.now };
    return withThread({ ...next, nic: replaceEntry(s.nic, counted) }, threadOf(f, c), (x) => ({ ...x, rx: [...x.rx, { ...packet, flowId: entry.flowId }] }));
  }
  if (c.fault === "full-table-drops" && s.nic.length >= c.hwCapacity) return { ...next, dropped: [...s.dropped, packetId(f, packet.life, packet.n, c)] };
  return withThread(next, threadOf(f, c), (x) => ({ ...x, rx: [...x.rx, packet] }));
}

/**
 * Time advances one epoch; the NIC purges every entry no packet matched for a whole epoch (its idle
 * timeout) and queues an expiry event with its flowId and counters for the flow's thread (§III: "the NIC
 * card will expose to the application the flowid … which is used to free the flow table entry").
 */
export function tick(s: OffloadState, c: OffloadConfig): OffloadState {
  const now = s.now + 1;
  const idle = s.nic.filter((e) => e.lastEpoch < now - 1);
  let next: OffloadState = { ...s, now, nic: s.nic.filter((e) => e.lastEpoch >= now - 1) };
  for (const e of idle) {
    next = withThread(next, threadOf(e.flow, c), (x) => ({ ...x, expiries: [...x.expiries, { flowId: e.flowId, tally: e.tally, epoch: now, flow: e.flow, life: e.life }] }));
  }
  return next;
}

/**
 * The offload thread programs the oldest request (§IV: a separate thread from a queue, < 10 µs a rule).
 * A learn request makes an entry that sends the flow's packets to the host tagged with the flowId, or is
 * refused when the table is full (or, `learnTimer: flow`, when the flow has been idle for the timeout
 * already); the result is written to the host's entry at that flowId (its
 * address). An offload request sets the entry to handle the flow in hardware; a flow already handled in
 * hardware, or gone, is recognised and the request dropped — except for the `offload-every-packet`
 * fault, and without a software table (one rule per packet, §III), where every request is programmed.
 */
export function program(s: OffloadState, c: OffloadConfig): OffloadState {
  const [r, ...rest] = s.requests as [Request, ...Request[]];
  const next = { ...s, requests: rest };
  const entry = s.nic.find((e) => e.flow === r.flow);
  const lifetime = lifetimeIndex(r.flow, r.life, c);
  const count = (x: OffloadState) => ({ ...x, programmed: x.programmed.map((n, i) => (i === lifetime ? n + 1 : n)) });
  const blind = !c.softwareTable || c.fault === "offload-every-packet";
  if (r.kind === "offload") {
    if (entry === undefined) return blind && s.nic.length < c.hwCapacity ? count({ ...next, nic: [...s.nic, hwEntry(r, s.now)].sort((a, b) => a.flow - b.flow) }) : next;
    if (entry.action === "hw" && !blind) return next;
    return count({ ...next, nic: replaceEntry(s.nic, { ...entry, action: "hw" }) });
  }
  // The entry's idle timer starts at the flow's latest packet (`learnTimer: flow`), so a learn that comes
  // after the flow has already been idle for the timeout is pointless and refused; or at the programming.
  const stale = c.learnTimer === "flow" && s.now >= r.epoch + 2;
  const refused = entry !== undefined || s.nic.length >= c.hwCapacity || stale;
  const lastEpoch = c.learnTimer === "flow" ? r.epoch : s.now;
  const learned: OffloadState = refused ? next : { ...next, nic: [...s.nic, { flow: r.flow, flowId: r.flowId, action: "host" as const, tally: { packets: 0, bytes: 0, ids: [] }, lastEpoch, life: r.life }].sort((a, b) => a.flow - b.flow) };
  return answer(learned, r, refused ? "refused" : "learned", c);
}

/** Without a software table a rule handles the flow in hardware at once, with no flowId. */
const hwEntry = (r: Request, now: number): NicEntry => ({ flow: r.flow, flowId: 0, action: "hw", tally: { packets: 0, bytes: 0, ids: [] }, lastEpoch: now, life: r.life });

/** The offload thread writes a learn request's result into the entry at its flowId. */
function answer(s: OffloadState, r: Request, status: "learned" | "refused", c: OffloadConfig): OffloadState {
  const { thread, slot } = slotOf(r.flowId, c);
  const e = s.threads[thread]!.slots[slot];
  const named = e !== null && e !== undefined && e.flow === r.flow && e.life === r.life && e.status === "learning";
  const misuse = named || s.misuse !== null ? s.misuse : `the offload thread's answer to flow ${r.flow}'s learn request went to flowId ${r.flowId}, which holds ${e ? `flow ${e.flow}'s entry (lifetime ${e.life})` : "a free slot"}`;
  if (!e) return { ...s, misuse };
  return withThread({ ...s, misuse }, thread, (x) => ({ ...x, slots: x.slots.map((y, i) => (i === slot ? { ...e, status } : y)) }));
}

export { withThread };
