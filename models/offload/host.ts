/**
 * The host's side (§III): a thread takes the oldest packet of its queue, finds the flow's entry — by the
 * flowId the NIC tagged it with (a pointer: the entry's slot), or for flowId 0 by its key — counts it and
 * runs DPI; it reads the NIC's expiry events, merges their counters into the entry, exports the record and
 * frees the slot; and its idle sweep frees the entries the NIC does not hold.
 */
import type { OffloadConfig } from "./config.ts";
import { withThread } from "./nic.ts";
import {
  addPacket, addressOf, EMPTY_TALLY, merge, slotOf,
  type ExpiryEvent, type HostEntry, type OffloadState, type Packet, type Request, type Tally, type ThreadState,
} from "./state.ts";

/** The thread can take its oldest packet: it has one, and a slot if the packet needs a new entry. */
export function canReceive(s: OffloadState, thread: number, c: OffloadConfig): boolean {
  const x = s.threads[thread]!;
  const p = x.rx[0];
  if (p === undefined) return false;
  return !c.softwareTable || p.flowId !== 0 || byKey(x, p) !== null || x.free.length > 0;
}

/**
 * The live entry of p's flow for p's lifetime, found by key: one that no newer lifetime detached, whose
 * last packet is at most one epoch older than p (the idle timeout, on packet timestamps).
 */
function byKey(x: ThreadState, p: Packet): number | null {
  const i = x.slots.findIndex((e) => e !== null && e.flow === p.flow && !e.detached && p.epoch <= e.lastEpoch + 1);
  return i >= 0 ? i : null;
}

const setSlot = (x: ThreadState, slot: number, e: HostEntry | null): ThreadState => ({ ...x, slots: x.slots.map((y, i) => (i === slot ? e : y)) });

function release(x: ThreadState, slot: number, c: OffloadConfig): ThreadState {
  const cleared = setSlot(x, slot, null);
  return { ...cleared, free: c.slotReuse === "lifo" ? [slot, ...x.free] : [...x.free, slot] };
}

/** Counts a packet into its entry and runs DPI on it; once DPI has seen enough, the offload is requested. */
function account(e: HostEntry, p: Packet, flowId: number, c: OffloadConfig): { entry: HostEntry; requests: Request[] } {
  const counting = c.hostCounts === "every-packet" || !e.offloadRequested;
  const dpi = e.dpi + 1;
  const entry = { ...e, tally: counting ? addPacket(e.tally, p, c) : e.tally, dpi, lastEpoch: Math.max(e.lastEpoch, p.epoch) };
  const again = c.fault === "offload-every-packet" && e.offloadRequested;
  if (dpi < c.dpiPackets || (e.offloadRequested && !again) || e.status === "refused") return { entry, requests: [] };
  return { entry: { ...entry, offloadRequested: true }, requests: [{ kind: "offload", flow: e.flow, flowId, life: e.life, epoch: entry.lastEpoch }] };
}

/** The thread processes its oldest packet. */
export function receive(s: OffloadState, thread: number, c: OffloadConfig): OffloadState {
  const x = s.threads[thread]!;
  const [p, ...rx] = x.rx as [Packet, ...Packet[]];
  const taken = withThread(s, thread, (y) => ({ ...y, rx }));
  if (!c.softwareTable) {
    // No software table (§III): the packet is exported as it is, and an offload rule requested for its flow.
    return { ...taken, records: [...s.records, { flow: p.flow, tally: addPacket(EMPTY_TALLY, p, c) }], requests: [...s.requests, { kind: "offload", flow: p.flow, flowId: 0, life: p.life, epoch: p.epoch }] };
  }
  if (p.flowId !== 0) {
    const { slot } = slotOf(p.flowId, c);
    const e = x.slots[slot] ?? null;
    const misuse = s.misuse ?? (e !== null && e.flow === p.flow && e.life === p.life ? null
      : `packet of flow ${p.flow} (lifetime ${p.life}) carries flowId ${p.flowId}, which names ${e ? `flow ${e.flow}'s entry (lifetime ${e.life})` : "a free slot"}`);
    // The probe follows the pointer: into whatever the slot holds now, or nowhere.
    if (e === null) return { ...taken, misuse };
    const { entry, requests } = account(e, p, p.flowId, c);
    return { ...withThread(taken, thread, (y) => setSlot(y, slot, entry)), misuse, requests: [...s.requests, ...requests] };
  }
  const found = byKey(x, p);
  if (found !== null) {
    const { entry, requests } = account(x.slots[found]!, p, addressOf(thread, found, c), c);
    return { ...withThread(taken, thread, (y) => setSlot(y, found, entry)), requests: [...s.requests, ...requests] };
  }
  // A new lifetime: an older entry of the flow stays until it is expired, found by its flowId only.
  const [slot] = x.free as [number];
  const flowId = addressOf(thread, slot, c);
  const fresh: HostEntry = { flow: p.flow, life: p.life, tally: EMPTY_TALLY, dpi: 0, offloadRequested: false, status: "learning", lastEpoch: p.epoch, detached: false };
  const { entry, requests } = account(fresh, p, flowId, c);
  const learn: Request = { kind: "learn", flow: p.flow, flowId, life: p.life, epoch: p.epoch };
  return {
    ...withThread(taken, thread, (y) => ({
      ...y, free: y.free.slice(1),
      slots: y.slots.map((e, i) => (i === slot ? entry : e !== null && e.flow === p.flow ? { ...e, detached: true } : e)),
    })),
    requests: [...s.requests, learn, ...requests],
  };
}

/**
 * Every packet that entered the NIC before `epoch` has been processed: the oldest one still buffered (the
 * buffer is in arrival order) is from `epoch` or later. The host reads packet timestamps, not a clock.
 */
const processedBefore = (x: ThreadState, epoch: number) => x.rx.length === 0 || x.rx[0]!.epoch >= epoch;

/**
 * The thread may read its oldest expiry event: one is there, and (`expiryRead: in-order`) the packets the
 * NIC tagged before it purged the entry have been processed.
 */
export function canReadExpiry(s: OffloadState, thread: number, c: OffloadConfig): boolean {
  const x = s.threads[thread]!;
  const ev = x.expiries[0];
  return ev !== undefined && (c.expiryRead === "any-time" || processedBefore(x, ev.epoch));
}

/**
 * The thread reads its oldest expiry event: the entry its flowId names gets the NIC's counters, its
 * record is exported and its slot freed (§III). The flowId is a pointer: the probe frees whatever the
 * slot holds now.
 */
export function readExpiry(s: OffloadState, thread: number, c: OffloadConfig): OffloadState {
  const x = s.threads[thread]!;
  const [ev, ...expiries] = x.expiries as [ExpiryEvent, ...ExpiryEvent[]];
  const taken = withThread(s, thread, (y) => ({ ...y, expiries }));
  if (!c.softwareTable) return { ...taken, records: [...s.records, { flow: ev.flow, tally: ev.tally }] };
  const { slot } = slotOf(ev.flowId, c);
  const e = x.slots[slot] ?? null;
  const misuse = s.misuse ?? (e !== null && e.flow === ev.flow && e.life === ev.life ? null
    : `the expiry event of flow ${ev.flow} (lifetime ${ev.life}) names flowId ${ev.flowId}, which holds ${e ? `flow ${e.flow}'s entry (lifetime ${e.life})` : "a free slot"}`);
  if (e === null) return { ...taken, misuse };
  const tally: Tally = c.fault === "nic-counters-not-merged" ? e.tally : merge(e.tally, ev.tally);
  return { ...withThread(taken, thread, (y) => release(y, slot, c)), misuse, records: [...s.records, { flow: e.flow, tally }] };
}

/** The NIC → host queue loses the thread's oldest expiry event. */
export function loseExpiry(s: OffloadState, thread: number): OffloadState {
  return { ...withThread(s, thread, (y) => ({ ...y, expiries: y.expiries.slice(1) })), lostExpiries: s.lostExpiries + 1 };
}

/**
 * The host's own idle timer may free this entry, once it is idle: with `hostExpiry: refused-only` only
 * an entry the NIC refused (an entry whose learn request is still queued waits for the answer; a learned
 * one for the NIC's expiry event); with `own-timer`, any.
 */
export function selfExpiring(e: HostEntry, c: OffloadConfig): boolean {
  if (c.hostExpiry === "own-timer") return true;
  if (c.fault === "sweep-offloaded" && e.offloadRequested && e.status === "learned") return true;
  return e.status === "refused" && c.fault !== "refused-awaits-nic-event";
}

/**
 * The sweep frees an entry idle for a whole epoch, on packet timestamps: no packet of its time is still
 * buffered (one from its epoch or the next would be its own lifetime's).
 */
export function canSweep(s: OffloadState, thread: number, slot: number, c: OffloadConfig): boolean {
  const x = s.threads[thread]!;
  const e = x.slots[slot];
  return e !== null && e !== undefined && s.now >= e.lastEpoch + 2 && processedBefore(x, e.lastEpoch + 2) && selfExpiring(e, c);
}

/** The idle sweep exports the entry's record from the host's counters and frees its slot. */
export function sweep(s: OffloadState, thread: number, slot: number, c: OffloadConfig): OffloadState {
  const e = s.threads[thread]!.slots[slot]!;
  return { ...withThread(s, thread, (y) => release(y, slot, c)), records: [...s.records, { flow: e.flow, tally: e.tally }] };
}
