/**
 * A flow probe that keeps its software flow table in step with a SmartNIC's hardware flow table (nProbe
 * Cento on a Napatech NT200A02, "Advancements in Traffic Processing Using Programmable Hardware Flow
 * Offload" §III–IV): the state, types first.
 *
 * - The NIC (§III): a hardware flow table of `hwCapacity` entries, each with the flowId the host gave it,
 *   its action (send to the host, or handle in hardware) and its packet and byte counters; a packet is
 *   classified when it enters the NIC — tagged with its entry's flowId, or 0 for a flow the table does not
 *   hold — and put in the buffer towards its RSS thread, which delivers it later (130 ms of traffic at
 *   100 Gbit/s); an idle entry is purged and an expiry event with its flowId and counters queued for the
 *   host.
 * - The host (§III): per thread, a packet queue, a software flow table whose entries live in slots
 *   (`flowId` = the slot's address, never 0), and a queue of expiry events. A flowId-0 packet is looked up
 *   by its key; it creates an entry and a request to learn the flow with the entry's address. Once DPI has
 *   seen `dpiPackets` packets the host requests the offload. An offload thread serves the requests in
 *   order, some steps later (< 10 µs a rule, §IV). An expiry event is merged into its entry, the record
 *   exported (NetFlow/IPFIX) and the slot freed.
 *
 * Beside what the probe keeps, the state keeps what the traffic did, which the probe never reads (ghost):
 * each packet's id, each counter's packet ids, the rules programmed per lifetime, the packets the NIC
 * dropped, and the first use of a flowId that named the wrong entry — for the specs (specs/offload.ts).
 */
import type { OffloadConfig } from "./config.ts";

/** A packet as the NIC tags it. `flowId` 0: a flow the NIC does not hold. */
export interface Packet {
  readonly flow: number;
  /** Ghost: its lifetime, and its index in it. */
  readonly life: number;
  readonly n: number;
  /** The epoch it entered the NIC (its timestamp). */
  readonly epoch: number;
  readonly flowId: number;
}

/** Packet and byte counters; `ids` (ghost) are the packets counted. */
export interface Tally {
  readonly packets: number;
  readonly bytes: number;
  readonly ids: readonly number[];
}

export interface NicEntry {
  readonly flow: number;
  readonly flowId: number;
  /** "host": packets go to the host, tagged; "hw": the NIC handles them (offloaded). */
  readonly action: "host" | "hw";
  readonly tally: Tally;
  /** The last epoch a packet matched it. */
  readonly lastEpoch: number;
  /** Ghost: the lifetime it was learned for. */
  readonly life: number;
}

/**
 * "learning": its learn request is in the offload thread's queue; "learned": the NIC holds the flow (the
 * NIC's expiry event frees it); "refused": the NIC's table was full (the host's idle timer frees it).
 */
export type EntryStatus = "learning" | "learned" | "refused";

export interface HostEntry {
  readonly flow: number;
  /** Ghost: the lifetime it was created for. */
  readonly life: number;
  readonly tally: Tally;
  /** Packets DPI has seen. */
  readonly dpi: number;
  readonly offloadRequested: boolean;
  readonly status: EntryStatus;
  /** The latest timestamp of its packets. */
  readonly lastEpoch: number;
  /** A newer lifetime of its flow took its key: it is found by flowId only. */
  readonly detached: boolean;
}

export interface Request {
  readonly kind: "learn" | "offload";
  readonly flow: number;
  readonly flowId: number;
  /** The timestamp of the flow's latest packet when the host asked. */
  readonly epoch: number;
  /** Ghost: the lifetime it is for. */
  readonly life: number;
}

export interface ExpiryEvent {
  readonly flowId: number;
  readonly tally: Tally;
  /** The epoch of the purge: packets that entered the NIC before it have older timestamps. */
  readonly epoch: number;
  /** Ghost: the flow and lifetime the NIC's entry was learned for. */
  readonly flow: number;
  readonly life: number;
}

export interface FlowRecord {
  readonly flow: number;
  readonly tally: Tally;
}

export interface ThreadState {
  /** The NIC's buffer towards this thread, oldest first. */
  readonly rx: readonly Packet[];
  readonly slots: readonly (HostEntry | null)[];
  /** Free slots, the next one used first. */
  readonly free: readonly number[];
  readonly expiries: readonly ExpiryEvent[];
}

/** The traffic of one flow: its current lifetime, packets sent in it, the epoch it was sent in. */
export interface FlowTraffic {
  readonly life: number;
  readonly sent: number;
  readonly epoch: number;
}

export interface OffloadState {
  readonly now: number;
  readonly traffic: readonly FlowTraffic[];
  /** The hardware flow table, by flow. */
  readonly nic: readonly NicEntry[];
  readonly threads: readonly ThreadState[];
  /** The offload thread's queue, oldest first. */
  readonly requests: readonly Request[];
  /** Exported records, in order. */
  readonly records: readonly FlowRecord[];
  /** Ghost: rules set to handle a lifetime's packets in hardware, per lifetime (`lifetimeIndex`). */
  readonly programmed: readonly number[];
  /** Ghost: packets the NIC dropped. */
  readonly dropped: readonly number[];
  readonly lostExpiries: number;
  /** Ghost: the first use of a flowId that named a free slot or another lifetime's entry. */
  readonly misuse: string | null;
}

// ————————————————————————————————————————— names and numbers —————————————————————————————————————————

export const threadOf = (flow: number, c: OffloadConfig) => flow % c.threads;
/** The address of a slot: never 0, which means "unknown flow". */
export const addressOf = (thread: number, slot: number, c: OffloadConfig) => 1 + thread * c.slots + slot;
export const slotOf = (flowId: number, c: OffloadConfig) => ({ thread: Math.floor((flowId - 1) / c.slots), slot: (flowId - 1) % c.slots });
export const lifetimeIndex = (flow: number, life: number, c: OffloadConfig) => flow * c.lifetimes + life;
export const packetId = (flow: number, life: number, n: number, c: OffloadConfig) => lifetimeIndex(flow, life, c) * c.packets + n;
export const sizeOf = (n: number, c: OffloadConfig) => c.sizes[n % c.sizes.length]!;

/** "f1.l0#2": packet 2 of flow 1's lifetime 0. */
export function packetName(id: number, c: OffloadConfig): string {
  const lifetime = Math.floor(id / c.packets);
  return `${lifetimeName(lifetime, c)}#${id % c.packets}`;
}
/** "f1.l0": flow 1's lifetime 0. */
export const lifetimeName = (lifetime: number, c: OffloadConfig) => `f${Math.floor(lifetime / c.lifetimes)}.l${lifetime % c.lifetimes}`;
export const lifetimeOfPacket = (id: number, c: OffloadConfig) => Math.floor(id / c.packets);

export const EMPTY_TALLY: Tally = { packets: 0, bytes: 0, ids: [] };

export function addPacket(t: Tally, p: Packet, c: OffloadConfig): Tally {
  const id = packetId(p.flow, p.life, p.n, c);
  return { packets: t.packets + 1, bytes: t.bytes + sizeOf(p.n, c), ids: [...t.ids, id].sort((a, b) => a - b) };
}

export function merge(a: Tally, b: Tally): Tally {
  return { packets: a.packets + b.packets, bytes: a.bytes + b.bytes, ids: [...a.ids, ...b.ids].sort((x, y) => x - y) };
}

export function initialState(c: OffloadConfig): OffloadState {
  return {
    now: 0,
    traffic: Array.from({ length: c.flows }, () => ({ life: 0, sent: 0, epoch: 0 })),
    nic: [],
    threads: Array.from({ length: c.threads }, () => ({ rx: [], slots: Array.from({ length: c.slots }, () => null), free: Array.from({ length: c.slots }, (_, i) => i), expiries: [] })),
    requests: [],
    records: [],
    programmed: Array.from({ length: c.flows * c.lifetimes }, () => 0),
    dropped: [],
    lostExpiries: 0,
    misuse: null,
  };
}
