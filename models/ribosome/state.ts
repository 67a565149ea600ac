/**
 * The state of Ribosome (models/ribosome/system.ts): the switch (ID counter, round-robin pointer, ring
 * offsets, header buffer), the RDMA servers (payload rings and the queue pair's FIFO of operations), the
 * READ responses on their way back, the NF, and what left.
 *
 * Every packet also carries its lifecycle phase (lifecycle.ts) and, when split, where its pieces went:
 * that is bookkeeping of the model for specs and explanations, not something the switch can read.
 */
import type { Bytes, Segment } from "./bytes.ts";
import type { Phase } from "./lifecycle.ts";
import type { Stored } from "./ring.ts";

export interface Input {
  readonly size: number;
  readonly flow: number;
}

/**
 * The tag of a split packet: its header ID (the slot of the header buffer) and its generation (the
 * number of splits before it). It travels in the metadata to the NF and is written before the payload.
 */
export interface Tag {
  readonly id: number;
  readonly seq: number;
}

/** What a payload slot holds: the tag written before the payload, and the payload's bytes. */
export interface Parked {
  readonly pkt: number;
  readonly tag: Tag;
  readonly bytes: Segment;
}

/**
 * An operation on a server's queue pair (RDMA RC: executed in order). `slot` is where the payload goes in
 * the server's ring: a slot, or in a ring of bytes its offset (ring.ts).
 */
export type Op =
  /** `length`: the slots or bytes the WRITE takes (1 slot; or the prefix, padding and payload). */
  | { readonly kind: "write"; readonly slot: number; readonly length: number; readonly payload: Parked }
  /** `pkt`: the packet whose header asked (the request's PSN tells the switch; here, for explanations). */
  | { readonly kind: "read"; readonly slot: number; readonly tag: Tag; readonly pkt: number };

/** A READ response: the request's tag and what the slot held when the server read it. */
export interface ReadResponse {
  readonly tag: Tag;
  readonly pkt: number;
  readonly payload: Parked | null;
}

/** The metadata that travels with a header to the NF (the code's 18 B splitter header + 4 B ID). */
export interface Metadata {
  readonly tag: Tag;
  readonly server: number;
  /** Its payload's slot, or its offset in a ring of bytes (the code sends the address). */
  readonly slot: number;
}

/** A packet at the NF: whole, or its header with metadata. */
export interface AtNf {
  readonly pkt: number;
  readonly bytes: Bytes;
  readonly meta: Metadata | null;
}

/** A header back from the NF, in the header buffer while its READ is outstanding. */
export interface Waiting {
  readonly pkt: number;
  readonly tag: Tag;
  readonly header: Bytes;
  readonly server: number;
  readonly slot: number;
}

/** Why a packet that does not leave was counted as dropped, by whom. */
export const DROP_REASONS = {
  "nf-drop": "dropped by the NF",
  "read-lost": "its READ response never came (lease ended)",
  "payload-overwritten": "its payload slot was overwritten before the READ (tag mismatch)",
  "no-header": "no header waited for its READ response",
} as const;
export type DropReason = keyof typeof DROP_REASONS;

export interface RibosomeState {
  readonly inputs: readonly Input[];
  readonly phase: readonly Phase[];
  /** Per packet: its metadata if it was split. */
  readonly split: readonly (Metadata | null)[];
  /** Per packet: outputs that carried its header. */
  readonly exits: readonly number[];
  /** Per packet: drops counted for it (by the NF or the switch). */
  readonly drops: readonly (readonly DropReason[])[];

  // The switch.
  /** Splits so far: the next generation. */
  readonly splits: number;
  /** The next header ID (a counter modulo the header slots). */
  readonly nextId: number;
  /** The next server of the round-robin choice. */
  readonly rr: number;
  /**
   * Per server: the next slot of its ring; in a ring of bytes, the unpadded bytes written since the last
   * wrap (Ribosome-P4 payload_split.p4: the `memory_offset[s]` register).
   */
  readonly acc: readonly number[];
  /** Per server, in a ring of bytes: the padding written since the last wrap (the `add_memory_offset[s]` register). */
  readonly padding: readonly number[];
  /** Header slots: the header that waits there for its READ, or null. */
  readonly regs: readonly (Waiting | null)[];
  /** Header IDs held from split to exit or lease end ("reserve"): the holder's tag and packet. */
  readonly held: readonly ({ readonly pkt: number; readonly seq: number } | null)[];

  // The RDMA servers.
  /** Per server: the payloads in its ring, in address order (ring.ts). */
  readonly ring: readonly (readonly Stored[])[];
  readonly ops: readonly (readonly Op[])[];
  readonly responses: readonly (readonly ReadResponse[])[];

  // The NF.
  readonly nf: readonly AtNf[];

  readonly nfDropsUsed: number;
  readonly lossesUsed: number;
  /** The packet the last step sent out, if any (for step specs; not part of the explorer's key). */
  readonly last: Bytes | null;
}

/**
 * Whether a packet may arrive now: the oldest packet still in flight (neither out nor dropped) arrived
 * fewer than `window` packets ago — rate × maximal latency, in packets (config.ts).
 */
export function windowOpen(s: RibosomeState, window: number): boolean {
  const oldest = s.phase.findIndex((p) => p !== "out" && p !== "dropped");
  return oldest < 0 || s.inputs.length - oldest < window;
}
