/**
 * A server's payload ring: where the switch writes the next payload, and what the server's memory holds.
 *
 * Two layouts (config `ringBytes`):
 * - slots (`ringBytes: 0`, the default): `slotsPerServer` slots of one payload each; a payload takes the
 *   next slot, modulo the slots.
 * - bytes (the public code, Ribosome-P4 ingress_controls/payload_split.p4): a ring of `ringBytes` bytes
 *   (MAX_BUFFER_SIZE, 2 GB, in include/types.p4). The RDMA WRITE carries `[u16 pad | u16 hdr_idx]`, 0–3
 *   bytes of padding, then the L4 payload; `payload_len` is the L4 payload + those 4 B, and the WRITE is
 *   `payload_len + padding` bytes long, a multiple of 4 (compute_padding: payload_len & 3 = 3, 2, 1 → 1,
 *   2, 3 B). It is written at `base + memory_offset[s] + add_memory_offset[s]`: the first register sums
 *   the unpadded lengths (memory_offset_update), the second the padding (add_memory_offset_update). The
 *   wrap check (memory_offset_update) is `memory_offset + payload_len >= MAX_BUFFER_SIZE`: it counts
 *   neither the padding accumulated since the last wrap nor this payload's, so the last WRITE before a
 *   wrap may end up to 3 B per payload of the lap past the ring's end (`ringWrapCheck: "unpadded"`). The
 *   RDMA agent registers 4.5 GB (Ribosome-RDMA-Server-Agent common/common.h, PAYLOAD_BUFFER_SIZE), so
 *   such a WRITE is not refused: it lands past the ring. "padded" (ours, the default) adds both
 *   paddings to the same check. At a wrap the payload goes to offset 0 and
 *   both registers restart from it (the code resets add_memory_offset when it exceeds the new offset 0,
 *   which, as every payload_len exceeds its padding, happens exactly at a wrap).
 *
 * In either layout a payload occupies `[slot, slot + length)`: one slot, or its WRITE's bytes. A WRITE
 * replaces whatever it overlaps; a READ returns the payload whose bytes cover its address (the bytes are
 * symbolic: a payload partly overwritten counts as gone, and its tag, its first bytes, with it).
 */
import type { RibosomeConfig } from "./config.ts";
import type { Parked } from "./state.ts";

/** A payload in a server's memory: where its WRITE put it, and how many slots or bytes it took. */
export interface Stored {
  readonly slot: number;
  readonly length: number;
  readonly payload: Parked;
}

/** Bytes of the `[u16 pad | u16 hdr_idx]` field written before the payload (Ribosome-P4 include/headers.p4, payload_request_h). */
export const PAYLOAD_REQUEST_BYTES = 4;

/** The padding of a WRITE of `len` bytes to a multiple of 4 B (Ribosome-P4 payload_split.p4, compute_padding). */
export const paddingOf = (len: number) => (4 - (len % 4)) % 4;

/** The WRITE's length before padding: the L4 payload and the 4 B payload request (the code's `payload_len`). */
export const unpaddedLength = (payloadBytes: number) => payloadBytes + PAYLOAD_REQUEST_BYTES;

/** The WRITE's length: `payload_len + padding` (the code's `dma_len2`). */
export const writeLength = (payloadBytes: number) => unpaddedLength(payloadBytes) + paddingOf(unpaddedLength(payloadBytes));

/** Whether the rings are of bytes (else of slots). */
export const byteRing = (c: RibosomeConfig) => c.ringBytes > 0;

/** The ring's size: its slots, or its bytes. */
export const ringSize = (c: RibosomeConfig) => (byteRing(c) ? c.ringBytes : c.slotsPerServer);

/** Where the next payload goes, and the ring's registers after it. */
export interface Placement {
  readonly slot: number;
  readonly length: number;
  /** The next slot, or the unpadded bytes since the last wrap (the code's `memory_offset[s]`). */
  readonly acc: number;
  /** The padding since the last wrap (the code's `add_memory_offset[s]`; 0 for slots). */
  readonly padding: number;
}

/**
 * The placement of a payload of `payloadBytes` L4 bytes in a ring whose registers are `acc` and `padding`
 * (Ribosome-P4 payload_split.p4: memory_offset_update, compute_padding, add_memory_offset_update).
 */
export function place(acc: number, padding: number, payloadBytes: number, c: RibosomeConfig): Placement {
  if (!byteRing(c)) return { slot: acc, length: 1, acc: (acc + 1) % c.slotsPerServer, padding: 0 };
  const len = unpaddedLength(payloadBytes);
  const pad = paddingOf(len);
  // The wrap check: where the WRITE would end. The code's counts the unpadded lengths only; the mutant
  // compares where it starts.
  const end =
    c.fault === "ring-wrap-before-payload" ? acc + padding
    : c.ringWrapCheck === "unpadded" ? acc + len
    : acc + padding + len + pad;
  if (end >= c.ringBytes) return { slot: 0, length: len + pad, acc: len, padding: pad };
  return { slot: acc + padding, length: len + pad, acc: acc + len, padding: padding + pad };
}

const overlap = (a: { slot: number; length: number }, b: { slot: number; length: number }) =>
  a.slot < b.slot + b.length && b.slot < a.slot + a.length;

/** The payloads a WRITE of `[slot, slot + length)` overwrites (but its own packet's). */
export const overwritten = (ring: readonly Stored[], w: Stored): Stored[] =>
  ring.filter((x) => overlap(x, w) && x.payload.pkt !== w.payload.pkt);

/** The ring after a WRITE lands: what it overlaps is gone; kept in address order. */
export const written = (ring: readonly Stored[], w: Stored): Stored[] =>
  [...ring.filter((x) => !overlap(x, w)), w].sort((a, b) => a.slot - b.slot);

/** What a READ of `slot` returns: the payload whose bytes cover it, or null. */
export const readAt = (ring: readonly Stored[], slot: number): Parked | null =>
  ring.find((x) => x.slot <= slot && slot < x.slot + x.length)?.payload ?? null;

/** Whether `[slot, slot + length)` lies inside the ring. */
export const inside = (x: { slot: number; length: number }, c: RibosomeConfig) => x.slot >= 0 && x.slot + x.length <= ringSize(c);
