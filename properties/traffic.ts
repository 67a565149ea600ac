/**
 * Traffic for the SCR programs. Uniform random fields alone miss what real traces have (SCR Fig. 5):
 * a few elephant sources and flows carrying most packets, long runs of one key, a single flow (the
 * adversarial case of SCR §2.2), and TCP connections that follow the protocol in both directions.
 *
 * Fields come from small pools most of the time, so keys collide and state builds up, and from their whole
 * range now and then. Timestamps are built from gaps (mostly sub-microsecond, sometimes minutes, so that
 * token buckets refill and connections time out) and never decrease. A design checker adds the constants
 * of the user's own module to the pools (`TrafficBounds.extra`: core/dictionary.ts), so that a firewall
 * that opens port 8080 sees port 8080.
 */
import * as fc from "fast-check";
import {
  ETH_P_IPV4, ETH_P_IPV6, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, type Packet,
} from "../models/scr/packet.ts";

type Header = Omit<Packet, "ts">;
interface Timed {
  readonly header: Header;
  readonly gap: number;
}

const SECOND = 1_000_000_000;
const ip4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
export const IP_POOL = [ip4(10, 0, 0, 1), ip4(10, 0, 0, 2), ip4(10, 0, 0, 3), ip4(192, 168, 1, 7)] as const;
export const PORT_POOL = [100, 101, 102, 80, 443, 40_000] as const;

const anyU32 = fc.integer({ min: 0, max: 0xffff_ffff });
const anyU16 = fc.integer({ min: 0, max: 0xffff });

/** Values of the user's module, per field (by range): each pool takes them as one more choice. */
export interface ExtraValues {
  readonly ips: readonly number[];
  readonly ports: readonly number[];
  readonly protos: readonly number[];
  readonly flags: readonly number[];
  readonly lengths: readonly number[];
  readonly seqs: readonly number[];
}

/** `arb`, or now and then one of `extra` (as often as the pool's own choices, together). */
const withExtra = (arb: fc.Arbitrary<number>, extra: readonly number[] | undefined, weight: number): fc.Arbitrary<number> =>
  extra === undefined || extra.length === 0 ? arb : fc.oneof({ weight, arbitrary: arb }, { weight, arbitrary: fc.constantFrom(...extra) });

/** The field generators, with the user's values when there are some. */
function fieldsOf(extra?: ExtraValues) {
  /** Zipf-like: the first address of the pool is the elephant. */
  const zipfIp = fc.oneof(
    { weight: 16, arbitrary: fc.constant(IP_POOL[0]) },
    { weight: 8, arbitrary: fc.constant(IP_POOL[1]) },
    { weight: 4, arbitrary: fc.constant(IP_POOL[2]) },
    { weight: 2, arbitrary: fc.constant(IP_POOL[3]) },
    { weight: 1, arbitrary: anyU32 },
    ...(extra && extra.ips.length > 0 ? [{ weight: 8, arbitrary: fc.constantFrom(...extra.ips) }] : []),
  );
  const port = withExtra(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...PORT_POOL) }, { weight: 1, arbitrary: anyU16 }), extra?.ports, 1);
  const flags = withExtra(fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(TCP_SYN, TCP_SYN | TCP_ACK, TCP_ACK, TCP_ACK | TCP_PSH, TCP_FIN | TCP_ACK, TCP_RST, 0) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x3f }) },
  ), extra?.flags, 3);
  const seqNo = withExtra(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 1, 1_000, 0xffff_fffe, 0xffff_ffff) }, { weight: 2, arbitrary: anyU32 }), extra?.seqs, 3);
  const l3 = fc.oneof({ weight: 20, arbitrary: fc.constant(ETH_P_IPV4) }, { weight: 1, arbitrary: fc.constant(ETH_P_IPV6) });
  const proto = withExtra(fc.oneof(
    { weight: 12, arbitrary: fc.constant(IPPROTO_TCP) },
    { weight: 3, arbitrary: fc.constant(IPPROTO_UDP) },
    { weight: 1, arbitrary: fc.constant(IPPROTO_ICMP) },
  ), extra?.protos, 8);
  const length = withExtra(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(64, 192, 1_500) }, { weight: 2, arbitrary: fc.integer({ min: 64, max: 1_500 }) }), extra?.lengths, 2);
  const header: fc.Arbitrary<Header> = fc.record({
    l3, proto, srcIp: zipfIp, dstIp: zipfIp, srcPort: port, dstPort: port, tcpFlags: flags, seq: seqNo, ack: seqNo, length,
  });
  return { zipfIp, port, flags, seqNo, length, header, anyU16 };
}
/** Time between packets: line rate most of the time, idle sometimes, now and then minutes. */
const gap = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 2_000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 * SECOND }) },
);


/**
 * `h` with other values of a few fields, written out field by field in the header's order: spreads of
 * these 10- and 11-field objects, a few per packet, were a tenth of the SCR checks' time.
 */
const packetOf = (h: Header, ts: number, dstPort = h.dstPort, tcpFlags = h.tcpFlags): Packet => ({
  l3: h.l3, proto: h.proto, srcIp: h.srcIp, dstIp: h.dstIp, srcPort: h.srcPort, dstPort, tcpFlags, seq: h.seq, ack: h.ack, length: h.length, ts,
});

function stamp(items: readonly Timed[]): Packet[] {
  let ts = 0;
  return items.map(({ header, gap }) => packetOf(header, (ts += gap)));
}

export interface TrafficBounds {
  /** Largest number of packets in one trace. */
  readonly maxPackets: number;
  /** Values of the user's module, added to the pools. */
  readonly extra?: ExtraValues;
}

/** Independent packets, every field random (from the pools most of the time). */
export function uniformTraffic({ maxPackets, extra }: TrafficBounds): fc.Arbitrary<Packet[]> {
  const { header } = fieldsOf(extra);
  return fc.array(fc.record({ header, gap }), { maxLength: maxPackets, size: "max" }).map(stamp);
}

/**
 * Heavy-tailed traffic: bursts of one key (source and flow), a few of them hundreds of packets long,
 * the keys Zipf-distributed so that a few elephants carry most packets. Within a burst the destination
 * port cycles through a short list (knock sequences) and the flags through another.
 */
export function heavyTailedTraffic({ maxPackets, extra }: TrafficBounds): fc.Arbitrary<Packet[]> {
  const { header, port, flags } = fieldsOf(extra);
  const burst = fc.record({
    header,
    run: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 20, max: 600 }) }),
    ports: fc.array(port, { minLength: 1, maxLength: 4 }),
    flags: fc.array(flags, { minLength: 1, maxLength: 3 }),
    gap,
  });
  return fc.array(burst, { maxLength: Math.max(1, Math.ceil(maxPackets / 16)), size: "medium" }).map((bursts) => {
    const items: Timed[] = [];
    for (const b of bursts) {
      for (let i = 0; i < b.run && items.length < maxPackets; i++) {
        items.push({ header: packetOf(b.header, 0, b.ports[i % b.ports.length]!, b.flags[i % b.flags.length]!), gap: i === 0 ? b.gap : b.gap % 997 });
      }
    }
    return stamp(items);
  });
}

/** Every packet in one flow (SCR §2.2: sharding cannot spread it; SCR must). */
export function singleFlowTraffic({ maxPackets, extra }: TrafficBounds): fc.Arbitrary<Packet[]> {
  const { header, flags, length, seqNo } = fieldsOf(extra);
  return fc
    .tuple(header, fc.array(fc.record({ tcpFlags: flags, length, seq: seqNo, gap }), { maxLength: maxPackets, size: "max" }))
    .map(([h, items]) => stamp(items.map(({ gap, ...v }) => ({ header: { ...h, ...v }, gap }))));
}

/**
 * Valid TCP connections, interleaved: handshake (the responder's SYN-ACK acknowledges ISN + 1), data in
 * both directions, then a close by FIN from either side, a reset, or nothing. Now and then the handshake's
 * last ACK is wrong. ISNs include values near the 2^32 wrap.
 */
export function tcpConnectionTraffic({ maxPackets, extra }: TrafficBounds): fc.Arbitrary<Packet[]> {
  const { zipfIp, seqNo } = fieldsOf(extra);
  const serverPorts = [80, 443, 100, ...(extra?.ports ?? [])];
  const connection = fc.record({
    client: zipfIp, clientPort: fc.oneof(fc.constantFrom(40_000, 40_001, 40_002), anyU16),
    server: zipfIp, serverPort: fc.constantFrom(...serverPorts),
    isnC: seqNo, isnS: seqNo,
    data: fc.integer({ min: 0, max: 40 }),
    close: fc.constantFrom("client-fin", "server-fin", "reset", "none"),
    badAck: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });
  const schedule = fc.array(fc.tuple(fc.nat(), gap), { minLength: 1, maxLength: maxPackets, size: "max" });
  return fc.tuple(fc.array(connection, { minLength: 1, maxLength: 6 }), schedule).map(([conns, picks]) => {
    const queues = conns.map((c) => {
      const add = (n: number, k: number) => (n + k) >>> 0;
      const fromClient = (tcpFlags: number, seq: number, ack: number, len = 64): Header =>
        ({ l3: ETH_P_IPV4, proto: IPPROTO_TCP, srcIp: c.client, dstIp: c.server, srcPort: c.clientPort, dstPort: c.serverPort, tcpFlags, seq, ack, length: len });
      const fromServer = (tcpFlags: number, seq: number, ack: number, len = 64): Header =>
        ({ l3: ETH_P_IPV4, proto: IPPROTO_TCP, srcIp: c.server, dstIp: c.client, srcPort: c.serverPort, dstPort: c.clientPort, tcpFlags, seq, ack, length: len });
      let cs = add(c.isnC, 1);
      let ss = add(c.isnS, 1);
      const q: Header[] = [fromClient(TCP_SYN, c.isnC, 0), fromServer(TCP_SYN | TCP_ACK, c.isnS, cs), fromClient(TCP_ACK, cs, c.badAck ? add(ss, 7) : ss)];
      for (let i = 0; i < c.data; i++) {
        if (i % 3 === 2) { q.push(fromServer(TCP_ACK | TCP_PSH, ss, cs, 600)); ss = add(ss, 546); }
        else { q.push(fromClient(TCP_ACK | TCP_PSH, cs, ss, 200)); cs = add(cs, 146); }
      }
      if (c.close === "client-fin") q.push(fromClient(TCP_FIN | TCP_ACK, cs, ss), fromServer(TCP_ACK, ss, add(cs, 1)), fromServer(TCP_FIN | TCP_ACK, ss, add(cs, 1)), fromClient(TCP_ACK, add(cs, 1), add(ss, 1)));
      if (c.close === "server-fin") q.push(fromServer(TCP_FIN | TCP_ACK, ss, cs), fromClient(TCP_ACK, cs, add(ss, 1)), fromClient(TCP_FIN | TCP_ACK, cs, add(ss, 1)), fromServer(TCP_ACK, add(ss, 1), add(cs, 1)));
      if (c.close === "reset") q.push(fromClient(TCP_RST, cs, 0));
      return q;
    });
    const items: Timed[] = [];
    const live = queues.map((q) => ({ q, next: 0 }));
    for (const [pick, g] of picks) {
      // The (pick mod n)-th of the n connections with packets left, counted without a list of them.
      let open = 0;
      for (const x of live) if (x.next < x.q.length) open++;
      if (open === 0) break;
      let left = pick % open;
      const chosen = live.find((x) => x.next < x.q.length && left-- === 0)!;
      items.push({ header: chosen.q[chosen.next++]!, gap: g });
    }
    return stamp(items);
  });
}

/** The mix every SCR property runs on. */
export function scrTraffic(bounds: TrafficBounds): fc.Arbitrary<Packet[]> {
  return fc.oneof(
    { weight: 4, arbitrary: heavyTailedTraffic(bounds) },
    { weight: 2, arbitrary: uniformTraffic(bounds) },
    { weight: 1, arbitrary: singleFlowTraffic(bounds) },
    { weight: 2, arbitrary: tcpConnectionTraffic(bounds) },
  );
}
