/**
 * The offload model's config as a counterexample file holds it, with its defaults (models/offload/state.ts
 * says what the model is).
 *
 * Flows are numbered 0..flows−1; each lives `lifetimes` times, and each lifetime is a burst of `packets`
 * packets within one epoch of time (packet i of a lifetime is `sizes[i mod sizes.length]` bytes). Time
 * advances by `tick`; the idle timeout, of the NIC and of the host alike, is one whole epoch without a
 * packet: a burst at epoch e is expired at the tick to e + 2, and the flow's next lifetime starts after it.
 *
 * The readings where the source leaves a choice, each a config value (the first is the default):
 * - `hostExpiry` — who frees a host entry. "refused-only" (ours): an entry the NIC learned is freed only by
 *   the NIC's expiry event; the host's own idle timer frees only the entries the NIC refused (its table
 *   full, §IV-B: "unhandled packets are forwarded to the host") and never an entry whose learn request is
 *   still in the offload thread's queue. "own-timer": the host's idle sweep frees every idle entry, as the
 *   CPU-only probe does (§III: "the information collected for flows that are considered expired (e.g., due
 *   to timeout) is exported"); the NIC's expiry event then names a freed, perhaps reused, slot.
 * - `expiryRead` — when the host reads an expiry event. "in-order" (ours): once the packets that entered
 *   the NIC before the purge are processed (their timestamps say which: the buffer is in arrival order),
 *   as if the events came in the packets' stream. "any-time": between any two packets; an event can free
 *   the entry that packets still buffered name.
 * - The host's own idle sweep runs on packet timestamps too: it frees an entry idle for the timeout once
 *   no packet of the entry's time is still buffered.
 * - `nicCounts` — which packets the NIC's per-flow counters count. "hardware" (ours): those it handles
 *   itself, so that each packet is counted once, by the NIC or by the host. "every-match": every packet
 *   that matches the flow's entry, also those it sends to the host, which counts them too.
 * - `hostCounts` — which packets the host counts. "every-packet" (ours): every packet it receives.
 *   "until-offload": none after it requested the offload — but the packets buffered in the NIC (130 ms at
 *   100 Gbit/s, §III) and those that arrive before the rule is programmed still reach it.
 * - `softwareTable` — false: no software flow table, an offload rule set per packet (§III, the paper's
 *   "without a software flow hash, the probe will set an offload rule per packet").
 * - `learnTimer` — when the idle timer of a learned entry starts. "flow" (ours): at the flow's latest
 *   packet, whose timestamp the learn request carries, and a learn for a flow idle for the timeout
 *   already is refused (the host keeps the flow). "programming": when the offload thread programs it —
 *   a learn delayed in the queue keeps the entry alive past the flow's end, and the flow's next lifetime
 *   joins the old entry, tagged with the old flowId.
 * - `slotReuse` — "lifo" (a freed slot is the next one used: immediate reuse, as a free list does) or
 *   "fifo" (the slot freed longest ago).
 */
import { Schema } from "effect";
import { field, optionalField } from "../../core/config-field.ts";
import { OFFLOAD_FAULTS, type OffloadFault } from "./faults.ts";

const Positive = (max: number) => Schema.Int.pipe(Schema.between(1, max));
const NonNegative = (max: number) => Schema.Int.pipe(Schema.between(0, max));

export const HOST_EXPIRY = ["refused-only", "own-timer"] as const;
export const EXPIRY_READ = ["in-order", "any-time"] as const;
export const NIC_COUNTS = ["hardware", "every-match"] as const;
export const HOST_COUNTS = ["every-packet", "until-offload"] as const;
export const SLOT_REUSE = ["lifo", "fifo"] as const;
export const LEARN_TIMER = ["flow", "programming"] as const;

export const OFFLOAD_DEFAULTS = {
  lifetimes: 1, packets: 2, sizes: [64, 1500], dpiPackets: 1, hwCapacity: 1, threads: 1, slots: 2, expiryLosses: 0,
  softwareTable: true, hostExpiry: "refused-only", expiryRead: "in-order", nicCounts: "hardware", hostCounts: "every-packet", slotReuse: "lifo", learnTimer: "flow",
} as const;

export const OffloadConfigJson = Schema.Struct({
  flows: field(Positive(64), "flows (5-tuples), numbered 0..flows−1; flow f goes to host thread f mod threads (RSS)"),
  lifetimes: optionalField(Positive(16), "lifetimes of each flow: bursts separated by more than the idle timeout", OFFLOAD_DEFAULTS.lifetimes),
  packets: optionalField(Positive(64), "packets in each lifetime (a burst within one epoch)", OFFLOAD_DEFAULTS.packets),
  sizes: optionalField(Schema.NonEmptyArray(Positive(65_535)), "packet sizes in bytes: packet i of a lifetime has sizes[i mod length]", [...OFFLOAD_DEFAULTS.sizes]),
  dpiPackets: optionalField(Positive(64), "packets of a flow DPI needs before the host requests its offload (n)", OFFLOAD_DEFAULTS.dpiPackets),
  hwCapacity: optionalField(NonNegative(1 << 20), "entries of the NIC's hardware flow table", OFFLOAD_DEFAULTS.hwCapacity),
  threads: optionalField(Positive(16), "host threads, each with its packet queue, its software flow table and its expiry events", OFFLOAD_DEFAULTS.threads),
  slots: optionalField(Positive(64), "slots of each thread's software flow table (an entry's flowId is its slot's address; a packet that needs an entry waits for a free one)", OFFLOAD_DEFAULTS.slots),
  expiryLosses: optionalField(NonNegative(16), "expiry events the NIC → host queue may lose", OFFLOAD_DEFAULTS.expiryLosses),
  softwareTable: optionalField(Schema.Boolean, "the host keeps a software flow table (false: an offload rule per packet, §III)", OFFLOAD_DEFAULTS.softwareTable),
  hostExpiry: optionalField(Schema.Literal(...HOST_EXPIRY), "the host's idle timer frees only entries the NIC refused (refused-only) or every idle entry (own-timer)", OFFLOAD_DEFAULTS.hostExpiry),
  expiryRead: optionalField(Schema.Literal(...EXPIRY_READ), "the host reads an expiry event after the packets that entered the NIC before the purge (in-order) or between any two packets (any-time)", OFFLOAD_DEFAULTS.expiryRead),
  nicCounts: optionalField(Schema.Literal(...NIC_COUNTS), "the NIC counts the packets it handles itself (hardware) or every packet matching the flow, also those sent to the host (every-match)", OFFLOAD_DEFAULTS.nicCounts),
  hostCounts: optionalField(Schema.Literal(...HOST_COUNTS), "the host counts every packet it receives (every-packet) or stops once it requested the offload (until-offload)", OFFLOAD_DEFAULTS.hostCounts),
  slotReuse: optionalField(Schema.Literal(...SLOT_REUSE), "a freed slot is reused first (lifo: immediate reuse) or last (fifo)", OFFLOAD_DEFAULTS.slotReuse),
  learnTimer: optionalField(Schema.Literal(...LEARN_TIMER), "a learned entry's idle timer starts at the flow's latest packet (flow) or when the rule is programmed (programming)", OFFLOAD_DEFAULTS.learnTimer),
  fault: optionalField(Schema.Literal(...OFFLOAD_FAULTS), "a broken variant of the probe (a mutant; absent: the design)"),
});
export type OffloadConfigJson = Schema.Schema.Type<typeof OffloadConfigJson>;

export interface OffloadConfig {
  readonly flows: number;
  readonly lifetimes: number;
  readonly packets: number;
  readonly sizes: readonly number[];
  readonly dpiPackets: number;
  readonly hwCapacity: number;
  readonly threads: number;
  readonly slots: number;
  readonly expiryLosses: number;
  readonly softwareTable: boolean;
  readonly hostExpiry: (typeof HOST_EXPIRY)[number];
  readonly expiryRead: (typeof EXPIRY_READ)[number];
  readonly nicCounts: (typeof NIC_COUNTS)[number];
  readonly hostCounts: (typeof HOST_COUNTS)[number];
  readonly slotReuse: (typeof SLOT_REUSE)[number];
  readonly learnTimer: (typeof LEARN_TIMER)[number];
  readonly fault: OffloadFault | null;
}

export function toOffloadConfig(json: OffloadConfigJson): OffloadConfig {
  return { ...OFFLOAD_DEFAULTS, ...json, fault: json.fault ?? null };
}

export function describeOffloadConfig(c: OffloadConfig): string {
  const variants = [
    c.softwareTable ? null : "no software table", c.hostExpiry === "refused-only" ? null : `host expiry ${c.hostExpiry}`,
    c.expiryRead === "in-order" ? null : `expiry events read ${c.expiryRead}`, c.nicCounts === "hardware" ? null : `NIC counts ${c.nicCounts}`,
    c.hostCounts === "every-packet" ? null : `host counts ${c.hostCounts}`, c.learnTimer === "flow" ? null : `learned entries timed from the ${c.learnTimer}`, c.expiryLosses > 0 ? `${c.expiryLosses} expiry event(s) may be lost` : null,
    c.fault !== null ? `fault ${c.fault}` : null,
  ].filter((x) => x !== null);
  return `${c.flows} flow(s) × ${c.lifetimes} lifetime(s) × ${c.packets} packet(s) of ${c.sizes.join("/")} B, DPI after ${c.dpiPackets}, `
    + `NIC table of ${c.hwCapacity}, ${c.threads} thread(s) × ${c.slots} slot(s) (${c.slotReuse} reuse)${variants.length > 0 ? `; ${variants.join(", ")}` : ""}`;
}
