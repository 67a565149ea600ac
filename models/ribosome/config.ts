/**
 * The Ribosome model's config as it is written in a counterexample file, with its defaults.
 *
 * Sizes are in bytes and packets are symbolic (models/ribosome/bytes.ts), so real sizes cost nothing: the
 * defaults are the public code's — split above 128 B (IPv4 total length), 54 B of original headers kept
 * for the NF (Ethernet, IPv4, TCP) plus 22 B of Ribosome metadata (an 18 B splitter header and the 4 B
 * header index), 2 000 header slots. Small explorations pass small counts of servers, slots and packets.
 *
 * `window` is the environment's rate × maximal latency, in packets: while a packet is in flight (from the
 * switch's ingress to its exit or loss) fewer than `window` more packets arrive — at line rate r and a
 * maximal latency d, r·d packets. Then at most `window` packets are in flight at once, and a header
 * buffer or a set of rings of at least `window` slots is never reused under a packet still in flight,
 * even by the code's counters; below it is the design boundary that the saved counterexamples show. A
 * slow NF is a window larger than the payload rings.
 *
 * The rings are of slots, one payload each, unless `ringBytes` is set: then each server's ring is that
 * many bytes and a payload takes its RDMA WRITE's bytes — the 4 B `[u16 pad | u16 hdr_idx]`, 0–3 B of
 * padding to a multiple of 4, and the L4 payload (a packet of `size` bytes carries `size − headerLength`),
 * as the public code lays them out (models/ribosome/ring.ts). `ringWrapCheck` says what its wrap check
 * counts: "padded" (ours) the padding too, "unpadded" the public code's check, which does not (Ribosome-P4
 * ingress_controls/payload_split.p4, memory_offset_update): a payload can then be written past the ring's
 * end. Pick sizes whose payloads are not multiples of 4 B to see it.
 */
import { Schema } from "effect";
import { field, optionalField } from "../../core/config-field.ts";
import { InputError } from "../../core/model.ts";
import { RIBOSOME_FAULTS, type RibosomeFault } from "./faults.ts";
import { writeLength } from "./ring.ts";

const Positive = (max: number) => Schema.Int.pipe(Schema.between(1, max));
const NonNegative = (max: number) => Schema.Int.pipe(Schema.between(0, max));

/** Bytes of Ribosome metadata that travel with a header to the NF: 18 B splitter header + 4 B header index. */
export const METADATA_BYTES = 22;

/**
 * How the RDMA server of a payload is chosen. "round-robin" (the issue's reading of the paper) or
 * "flow-hash" (the public P4 code: a hash of the 5-tuple, here the packet's flow number modulo servers).
 */
export const SERVER_CHOICES = ["round-robin", "flow-hash"] as const;
export type ServerChoice = (typeof SERVER_CHOICES)[number];

/**
 * What the header buffer does with the ID counter. "reserve" (ours, the default): the ID a split packet
 * gets is held until the packet leaves or its lease ends; when the next ID is still held the buffer is
 * full and the packet goes whole to the NF (as the code does for a disabled queue pair). "overwrite" (the
 * public P4 code): a modulo counter over the slots, no check — a header returning into a slot whose
 * previous header still waits for its READ overwrites it.
 */
export const HEADER_BUFFERS = ["reserve", "overwrite"] as const;
export type HeaderBuffer = (typeof HEADER_BUFFERS)[number];

/**
 * What the tag check compares. "payload-and-header" (ours, the default): the payload's tag with the
 * request's, and the header waiting in the request's slot with the request — with a header buffer that
 * overwrites, the slot may hold another packet's header by then. "payload": the payload's tag only, the
 * first reading of the design, which still glues a payload to the header that overwrote its own.
 */
export const TAG_CHECK_COVERS = ["payload-and-header", "payload"] as const;
export type TagCheckCovers = (typeof TAG_CHECK_COVERS)[number];

/**
 * What the wrap check of a ring of bytes counts. "padded" (ours, the default): where the WRITE ends, its
 * padding and the padding accumulated since the last wrap included. "unpadded" (the public code: Ribosome-P4
 * ingress_controls/payload_split.p4, memory_offset_update, `memory_offset + payload_len >= MAX_BUFFER_SIZE`):
 * the unpadded lengths only, while the WRITE lands at memory_offset + add_memory_offset (the padding).
 */
export const RING_WRAP_CHECKS = ["padded", "unpadded"] as const;
export type RingWrapCheck = (typeof RING_WRAP_CHECKS)[number];

export const MAX_PACKETS = 1_000_000;
export const MAX_SIZE = 65_535;
/** The largest ring of bytes: the code's offsets are 32-bit registers (its ring is 2 GB, MAX_BUFFER_SIZE). */
export const MAX_RING_BYTES = 2 ** 32 - 1;

export const RibosomeConfigJson = Schema.Struct({
  packets: field(Positive(MAX_PACKETS), "packets that arrive in a run (the explorer's bound; random runs choose fewer)"),
  sizes: field(Schema.NonEmptyArray(Positive(MAX_SIZE)), "sizes an arriving packet may have, in bytes on the wire"),
  flows: optionalField(Positive(1 << 20), "flows the packets belong to (the flow-hash choice of server reads it)", 1),
  threshold: optionalField(NonNegative(MAX_SIZE), "packets strictly larger than this many bytes are split", 128),
  headerLength: optionalField(Positive(MAX_SIZE), "bytes of a packet kept as its header; the payload starts here", 54),
  servers: optionalField(Positive(1 << 10), "RDMA servers", 4),
  serverChoice: optionalField(Schema.Literal(...SERVER_CHOICES), "how a payload's server is chosen: round-robin (the paper) or flow-hash (the public P4 code)", "round-robin"),
  slotsPerServer: optionalField(Positive(1 << 24), "payload slots in each server's ring", 64),
  ringBytes: optionalField(NonNegative(MAX_RING_BYTES), "bytes of each server's ring, payloads laid out with their 4 B prefix and padding as the public code does (2 GB there); 0: rings of slotsPerServer slots, one payload each", 0),
  ringWrapCheck: optionalField(Schema.Literal(...RING_WRAP_CHECKS), "what a ring of bytes' wrap check counts: padded (where the WRITE ends, padding included) or unpadded (the public code: the padding is not counted)", "padded"),
  headerSlots: optionalField(Positive(1 << 20), "header slots (IDs) at the switch", 2_000),
  headerBuffer: optionalField(Schema.Literal(...HEADER_BUFFERS), "reserve: an ID is held until its packet leaves (full: packets go whole); overwrite: a counter modulo the slots (the public code)", "reserve"),
  window: field(Positive(MAX_PACKETS), "rate × maximal latency, in packets: fewer than this arrive while one is in flight"),
  tagCheck: optionalField(Schema.Boolean, "compare the payload's tag (ID and generation, written before the payload) with the request's (false: the public code)", true),
  tagCheckCovers: optionalField(Schema.Literal(...TAG_CHECK_COVERS), "what the tag check compares: the payload and the header in the request's slot, or the payload only", "payload-and-header"),
  readLease: optionalField(Schema.Boolean, "a header whose READ was lost is dropped and counted when its lease ends (false: the public code keeps it, silently)", true),
  nfDrops: optionalField(NonNegative(MAX_PACKETS), "packets the NF may drop in a run", 0),
  readLosses: optionalField(NonNegative(MAX_PACKETS), "READ responses the network may lose in a run", 0),
  fault: optionalField(Schema.Literal(...RIBOSOME_FAULTS), "a broken variant of the model (a mutant; nfcheck list ribosome names them)"),
});
export type RibosomeConfigJson = Schema.Schema.Type<typeof RibosomeConfigJson>;

export interface RibosomeConfig {
  readonly packets: number;
  readonly sizes: readonly number[];
  readonly flows: number;
  readonly threshold: number;
  readonly headerLength: number;
  readonly servers: number;
  readonly serverChoice: ServerChoice;
  readonly slotsPerServer: number;
  readonly ringBytes: number;
  readonly ringWrapCheck: RingWrapCheck;
  readonly headerSlots: number;
  readonly headerBuffer: HeaderBuffer;
  readonly window: number;
  readonly tagCheck: boolean;
  readonly tagCheckCovers: TagCheckCovers;
  readonly readLease: boolean;
  readonly nfDrops: number;
  readonly readLosses: number;
  readonly fault: RibosomeFault | null;
}

export const DEFAULTS = {
  flows: 1, threshold: 128, headerLength: 54, servers: 4, serverChoice: "round-robin", slotsPerServer: 64, ringBytes: 0, ringWrapCheck: "padded",
  headerSlots: 2_000, headerBuffer: "reserve", tagCheck: true, tagCheckCovers: "payload-and-header", readLease: true, nfDrops: 0, readLosses: 0,
} as const;

export function toRibosomeConfig(json: RibosomeConfigJson): RibosomeConfig {
  const threshold = json.threshold ?? DEFAULTS.threshold;
  const headerLength = json.headerLength ?? DEFAULTS.headerLength;
  if (headerLength > threshold) throw new InputError(`the header length (${headerLength} B) must not exceed the split threshold (${threshold} B): a split packet would have no payload`);
  const ringBytes = json.ringBytes ?? DEFAULTS.ringBytes;
  const largest = Math.max(...json.sizes);
  if (ringBytes > 0 && largest > threshold && writeLength(largest - headerLength) > ringBytes) {
    throw new InputError(`a ring of ${ringBytes} B cannot hold the WRITE of a ${largest} B packet's payload (${writeLength(largest - headerLength)} B with its prefix and padding)`);
  }
  return {
    packets: json.packets, sizes: json.sizes, window: json.window,
    flows: json.flows ?? DEFAULTS.flows,
    threshold, headerLength,
    servers: json.servers ?? DEFAULTS.servers,
    serverChoice: json.serverChoice ?? DEFAULTS.serverChoice,
    slotsPerServer: json.slotsPerServer ?? DEFAULTS.slotsPerServer,
    ringBytes,
    ringWrapCheck: json.ringWrapCheck ?? DEFAULTS.ringWrapCheck,
    headerSlots: json.headerSlots ?? DEFAULTS.headerSlots,
    headerBuffer: json.headerBuffer ?? DEFAULTS.headerBuffer,
    tagCheck: json.tagCheck ?? DEFAULTS.tagCheck,
    tagCheckCovers: json.tagCheckCovers ?? DEFAULTS.tagCheckCovers,
    readLease: json.readLease ?? DEFAULTS.readLease,
    nfDrops: json.nfDrops ?? DEFAULTS.nfDrops,
    readLosses: json.readLosses ?? DEFAULTS.readLosses,
    fault: json.fault ?? null,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "3 packets of 64/400 B, window 2, split above 128 B after 54 B, 2 servers × 2 slots (round-robin), …" */
export function describeRibosomeConfig(c: RibosomeConfig): string {
  const parts = [
    `${plural(c.packets, "packet")} of ${c.sizes.join("/")} B${c.flows > 1 ? ` in ${plural(c.flows, "flow")}` : ""}`,
    `window ${c.window}`,
    `split above ${c.threshold} B after ${c.headerLength} B`,
    `${plural(c.servers, "server")} × ${c.ringBytes > 0 ? `${c.ringBytes.toLocaleString("en-US")} B (${c.ringWrapCheck} wrap check)` : plural(c.slotsPerServer, "slot")} (${c.serverChoice})`,
    `${plural(c.headerSlots, "header slot")} (${c.headerBuffer})`,
    c.tagCheck ? (c.tagCheckCovers === "payload" ? "tag check of the payload only" : "tag check") : "no tag check",
    c.readLease ? "lost READs expire" : "lost READs kept",
    `≤ ${plural(c.nfDrops, "NF drop")}`,
    `≤ ${plural(c.readLosses, "lost READ response")}`,
  ];
  if (c.fault !== null) parts.push(`fault ${c.fault}`);
  return parts.join(", ");
}
