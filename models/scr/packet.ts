/**
 * The packet the SCR programs see (ARCHITECTURE §4): all integers, IPs as uint32, ports as uint16.
 * `ts` is the sequencer's timestamp in ns (SCR §3.4: programs use the stamped time, never a core's clock).
 */
import { Schema } from "effect";

export interface Packet {
  readonly l3: number;        // ethertype, 0x0800 = IPv4
  readonly proto: number;     // 6 = TCP, 17 = UDP
  readonly srcIp: number;
  readonly dstIp: number;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly tcpFlags: number;  // FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10
  readonly seq: number;       // uint32
  readonly ack: number;       // uint32
  readonly length: number;    // bytes on the wire
  readonly ts: number;        // sequencer timestamp in ns (integer, non-decreasing)
}

export const ETH_P_IPV4 = 0x0800;
export const ETH_P_IPV6 = 0x86dd;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export const isIpv4Tcp = (p: Pick<Packet, "l3" | "proto">): boolean => p.l3 === ETH_P_IPV4 && p.proto === IPPROTO_TCP;

const uint = (bits: number) => Schema.Int.pipe(Schema.between(0, 2 ** bits - 1));

export const PacketSchema = Schema.Struct({
  l3: uint(16),
  proto: uint(8),
  srcIp: uint(32),
  dstIp: uint(32),
  srcPort: uint(16),
  dstPort: uint(16),
  tcpFlags: uint(8),
  seq: uint(32),
  ack: uint(32),
  length: Schema.Int.pipe(Schema.between(1, 65_535)),
  ts: Schema.Int.pipe(Schema.between(0, Number.MAX_SAFE_INTEGER)),
});

export function formatIp(ip: number): string {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join(".");
}

export function formatFlags(flags: number): string {
  const names: [number, string][] = [[TCP_SYN, "S"], [TCP_ACK, "A"], [TCP_FIN, "F"], [TCP_RST, "R"], [TCP_PSH, "P"]];
  const s = names.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n).join("");
  return s === "" ? "-" : s;
}

/**
 * For messages and tables: a number that is one of the packet's addresses, shown dotted (a program keyed by
 * source IP). Not below 65 536: a port or a count that happens to equal an address 0.0.x.y stays a number.
 */
export function ipsOf(p: Pick<Packet, "srcIp" | "dstIp">): (n: number) => string | undefined {
  return (n) => (n > 0xffff && (n === p.srcIp || n === p.dstIp) ? formatIp(n) : undefined);
}

/** One line for a person: "10.0.0.1:40000 → 10.0.0.2:100 TCP S len 64". */
export function formatPacket(p: Packet): string {
  const proto = p.l3 !== ETH_P_IPV4 ? `l3=0x${p.l3.toString(16)}` : p.proto === IPPROTO_TCP ? `TCP ${formatFlags(p.tcpFlags)}` : p.proto === IPPROTO_UDP ? "UDP" : `proto ${p.proto}`;
  return `${formatIp(p.srcIp)}:${p.srcPort} → ${formatIp(p.dstIp)}:${p.dstPort} ${proto} len ${p.length}`;
}

/** The 5-tuple as a map key, in the packet's own direction. */
export function fiveTupleKey(p: Pick<Packet, "srcIp" | "dstIp" | "srcPort" | "dstPort" | "proto">): string {
  return `${p.srcIp}:${p.srcPort}>${p.dstIp}:${p.dstPort}/${p.proto}`;
}
