/**
 * How the sequencer's packets are spread over the k cores.
 *
 * - `round-robin` (SCR §3.1 Principle #2, §3.2): packet #seq goes to core (seq − 1) mod k, so a core that
 *   gets packet j last got packet j − k, and k − 1 history rows are exactly what it missed.
 * - `rss-hash`: what a NIC's receive-side scaling does: a Toeplitz hash of the 4-tuple with the usual
 *   40-byte key, looked up in a 128-entry indirection table filled round-robin with the k cores. A core may
 *   then go many packets without receiving one, and no fixed history covers the gap. It exists to show
 *   that SCR needs round-robin spraying.
 */
import type { Packet } from "./packet.ts";

export type SprayPolicy = "round-robin" | "rss-hash";
export const SPRAY_POLICIES: readonly SprayPolicy[] = ["round-robin", "rss-hash"];

/** The default RSS key of the Microsoft RSS specification (also the Linux/ixgbe default). */
export const RSS_KEY: readonly number[] = [
  0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
  0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
  0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
];
/** The indirection table's entries: a hash picks entry hash mod 128, filled round-robin with the queues. */
export const RETA_SIZE = 128;

/** Toeplitz hash over srcIp, dstIp, srcPort, dstPort (12 bytes, network order), with a 40-byte key. */
export function toeplitz(p: Pick<Packet, "srcIp" | "dstIp" | "srcPort" | "dstPort">, key: readonly number[] = RSS_KEY): number {
  const input = [
    p.srcIp >>> 24, (p.srcIp >>> 16) & 255, (p.srcIp >>> 8) & 255, p.srcIp & 255,
    p.dstIp >>> 24, (p.dstIp >>> 16) & 255, (p.dstIp >>> 8) & 255, p.dstIp & 255,
    p.srcPort >>> 8, p.srcPort & 255, p.dstPort >>> 8, p.dstPort & 255,
  ];
  let result = 0;
  // The 32-bit window of the key starting at bit i, slid one bit per input bit.
  let window = ((key[0]! << 24) | (key[1]! << 16) | (key[2]! << 8) | key[3]!) >>> 0;
  for (let byte = 0; byte < input.length; byte++) {
    const next = key[byte + 4]!;
    for (let bit = 7; bit >= 0; bit--) {
      if ((input[byte]! >> bit) & 1) result = (result ^ window) >>> 0;
      window = ((window << 1) | ((next >> bit) & 1)) >>> 0;
    }
  }
  return result;
}

export function sprayTarget(policy: SprayPolicy, seq: number, packet: Packet, cores: number): number {
  if (policy === "round-robin") return (seq - 1) % cores;
  return rssQueue(toeplitz(packet), cores);
}

/** The queue an RSS hash picks: the indirection table's entry hash mod 128, the table filled round-robin. */
export const rssQueue = (hash: number, queues: number): number => (hash & (RETA_SIZE - 1)) % queues;
