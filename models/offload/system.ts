/**
 * The offload model as a labelled transition system (models/offload/state.ts says what it is): the
 * traffic, the NIC, the offload thread and each host thread move one at a time.
 *
 * `tick` advances time only between bursts (no lifetime is half sent) and only while something waits for
 * time: an entry of the NIC to expire, an entry of the host its own timer will free, a flow's next
 * lifetime. So every run is finite, and a state with nothing enabled is either the end (quiescent) or a
 * deadlock.
 */
import { ModelError, type Model } from "../../core/model.ts";
import type { OffloadConfig } from "./config.ts";
import { canReadExpiry, canReceive, canSweep, loseExpiry, readExpiry, receive, selfExpiring, sweep } from "./host.ts";
import { arrive, canArrive, program, tick } from "./nic.ts";
import { initialState, type OffloadState } from "./state.ts";

export type OffloadEvent =
  /** Flow f's next packet enters the NIC. */
  | { readonly type: "arrive"; readonly flow: number }
  /** The thread processes its oldest packet. */
  | { readonly type: "receive"; readonly thread: number }
  /** The offload thread programs its oldest request. */
  | { readonly type: "program" }
  /** Time advances one epoch; the NIC purges its idle entries. */
  | { readonly type: "tick" }
  /** The thread reads its oldest expiry event. */
  | { readonly type: "expiry"; readonly thread: number }
  /** The NIC → host queue loses the thread's oldest expiry event. */
  | { readonly type: "lose"; readonly thread: number }
  /** The thread's idle sweep frees the entry in this slot. */
  | { readonly type: "sweep"; readonly thread: number; readonly slot: number };

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const halfSent = (s: OffloadState, c: OffloadConfig) => s.traffic.some((t) => t.sent > 0 && t.sent < c.packets);

/** Something that only time brings: an entry to expire (the NIC's, or one the host frees itself), a flow's next lifetime. */
function waitsForTime(s: OffloadState, c: OffloadConfig): boolean {
  if (s.nic.length > 0) return true;
  if (s.traffic.some((t) => t.sent === c.packets && t.life + 1 < c.lifetimes && s.now < t.epoch + 2)) return true;
  return s.threads.some((x) => x.slots.some((e) => e !== null && selfExpiring(e, c) && s.now < e.lastEpoch + 2));
}

/** The traffic is over, nothing is queued anywhere, the NIC holds nothing and no entry waits for the host's own timer. */
function quiescent(s: OffloadState, c: OffloadConfig): boolean {
  if (s.traffic.some((t) => t.sent < c.packets || t.life + 1 < c.lifetimes)) return false;
  if (s.nic.length > 0 || s.requests.length > 0) return false;
  return s.threads.every((x) => x.rx.length === 0 && x.expiries.length === 0 && x.slots.every((e) => e === null || !selfExpiring(e, c)));
}

export function enabledEvents(s: OffloadState, c: OffloadConfig): OffloadEvent[] {
  const events: OffloadEvent[] = [];
  for (const flow of range(c.flows)) if (canArrive(s, flow, c)) events.push({ type: "arrive", flow });
  for (const thread of range(c.threads)) if (canReceive(s, thread, c)) events.push({ type: "receive", thread });
  if (s.requests.length > 0) events.push({ type: "program" });
  if (!halfSent(s, c) && waitsForTime(s, c)) events.push({ type: "tick" });
  for (const thread of range(c.threads)) {
    if (canReadExpiry(s, thread, c)) events.push({ type: "expiry", thread });
    if (s.threads[thread]!.expiries.length > 0 && s.lostExpiries < c.expiryLosses) events.push({ type: "lose", thread });
    for (const slot of range(c.slots)) if (canSweep(s, thread, slot, c)) events.push({ type: "sweep", thread, slot });
  }
  return events;
}

/** The same guards as `enabledEvents`, for one event (a replayed or hand-written trace is checked with them). */
function isEnabled(s: OffloadState, e: OffloadEvent, c: OffloadConfig): boolean {
  const thread = (t: number) => Number.isInteger(t) && t >= 0 && t < c.threads;
  switch (e.type) {
    case "arrive": return Number.isInteger(e.flow) && e.flow >= 0 && e.flow < c.flows && canArrive(s, e.flow, c);
    case "receive": return thread(e.thread) && canReceive(s, e.thread, c);
    case "program": return s.requests.length > 0;
    case "tick": return !halfSent(s, c) && waitsForTime(s, c);
    case "expiry": return thread(e.thread) && canReadExpiry(s, e.thread, c);
    case "lose": return thread(e.thread) && s.threads[e.thread]!.expiries.length > 0 && s.lostExpiries < c.expiryLosses;
    case "sweep": return thread(e.thread) && Number.isInteger(e.slot) && e.slot >= 0 && e.slot < c.slots && canSweep(s, e.thread, e.slot, c);
  }
}

export const offloadModel: Model<OffloadState, OffloadEvent, OffloadConfig> = {
  name: "offload",
  init: initialState,
  enabled: enabledEvents,
  step(s, e, c) {
    if (!isEnabled(s, e, c)) throw new ModelError(`event ${JSON.stringify(e)} is not enabled`);
    switch (e.type) {
      case "arrive": return arrive(s, e.flow, c);
      case "receive": return receive(s, e.thread, c);
      case "program": return program(s, c);
      case "tick": return tick(s, c);
      case "expiry": return readExpiry(s, e.thread, c);
      case "lose": return loseExpiry(s, e.thread);
      case "sweep": return sweep(s, e.thread, e.slot, c);
    }
  },
  quiescent,
  explainDeadlock(s, c) {
    const waiting = s.threads.flatMap((x, t) => (x.rx.length > 0 && !canReceive(s, t, c) ? [`thread ${t} has a packet but no free slot`] : []));
    return waiting.join("; ") || "nothing can move";
  },
};
