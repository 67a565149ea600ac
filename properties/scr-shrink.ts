/**
 * Shrinking SCR traces (core/shrink.ts, core/random.ts). An SCR trace is a list of packets, each an input
 * of its own: any sub-list is a valid trace, so it can be cut by whole flows. The program's own f(p) is
 * the key — what the program keeps state about — so a bug that needs 512 packets of one source comes back
 * as those 512 packets and nothing else, in a few hundred runs instead of fast-check's hours of cutting
 * one packet at a time out of thousands. In order, biggest cut first:
 *
 * 1. keep only the packets of one key (each key, most packets first);
 * 2. drop every packet of one key;
 * 3. drop the first or the second half of each run of one key;
 * 4. simplify one field in every packet at once: the value most packets have (0 for seq, ack and ts),
 *    and timestamps moved to start at 0;
 * 5. remove chunks, halves down to single packets (ddmin) — last, as it is the one that costs O(n log n)
 *    runs, and the cheap cuts above are tried again after each chunk it removes.
 *
 * fast-check then shrinks what is left packet by packet (through `genericScrTraces`) when it is short.
 */
import * as fc from "fast-check";
import { canonicalKey } from "../core/canonical.ts";
import type { DomainShrink } from "../core/random.ts";
import { groupedBy, removeChunks, without, type Reducer } from "../core/shrink.ts";
import { ETH_P_IPV4, IPPROTO_TCP, TCP_SYN, type Packet } from "../models/scr/packet.ts";
import type { AnyScrProgram } from "../models/scr/program.ts";
import type { ScrEvent } from "../models/scr/system.ts";
import { IP_POOL } from "./traffic.ts";

type Events = readonly ScrEvent[];

/** The key of a packet: f(p) as the program extracts it (its own notion of a flow). */
function keyOf(program: AnyScrProgram): (e: ScrEvent) => string {
  return (e) => {
    try {
      return canonicalKey(program.extract(e.packet));
    } catch {
      return "(extract threw)";
    }
  };
}

const keepOneKey = (key: (e: ScrEvent) => string): Reducer<ScrEvent> =>
  groupedBy(key, function* (group, events) {
    if (group.length < events.length) yield group.map((i) => events[i]!);
  });

const dropKey = (key: (e: ScrEvent) => string): Reducer<ScrEvent> =>
  groupedBy(key, function* (group, events) {
    if (group.length < events.length) yield without(events, new Set(group));
  });

/** Maximal runs of consecutive packets of one key, at least 4 long: each loses its first, then its second half. */
function halveRuns(key: (e: ScrEvent) => string): Reducer<ScrEvent> {
  return function* (events) {
    const keys = events.map(key);
    for (let start = 0; start < events.length; ) {
      let end = start + 1;
      while (end < events.length && keys[end] === keys[start]) end++;
      const length = end - start;
      if (length >= 4) {
        const half = length >> 1;
        yield [...events.slice(0, start), ...events.slice(start + half)];
        yield [...events.slice(0, end - half), ...events.slice(end)];
      }
      start = end;
    }
  };
}

const FIELDS = ["l3", "proto", "srcIp", "dstIp", "srcPort", "dstPort", "tcpFlags", "seq", "ack", "length", "ts"] as const satisfies readonly (keyof Packet)[];

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = values[0]!;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > counts.get(best)!) best = v;
  }
  return best;
}

/** One field set in every packet at once (a candidate only where it changes something). */
function* simplifyFields(events: Events): Iterable<Events> {
  if (events.length === 0) return;
  const withField = (field: keyof Packet, value: (p: Packet, i: number) => number): Events | null => {
    let changed = false;
    const out = events.map((e, i) => {
      const v = value(e.packet, i);
      if (v === e.packet[field]) return e;
      changed = true;
      return { type: "packet" as const, packet: { ...e.packet, [field]: v } };
    });
    return changed ? out : null;
  };
  for (const field of FIELDS) {
    const values = events.map((e) => e.packet[field]);
    const candidates = field === "seq" || field === "ack" ? [0] : field === "ts" ? [0, null] : [mostCommon(values)];
    for (const target of candidates) {
      // Timestamps moved to start at 0 keep their gaps (a token bucket's refill, a connection's timeout).
      const first = Math.min(...values);
      const c = withField(field, (p) => (target === null ? p.ts - first : target));
      if (c !== null) yield c;
    }
  }
}

/**
 * A field over its whole range, shrinking towards `toward` rather than 0: fast-check shrinks integers to 0,
 * and a trace of 0.0.0.0:0 → 0.0.0.0:0 with ethertype 0 reads worse than one of 10.0.0.1:40000 → 10.0.0.2:80
 * over IPv4 and TCP. XOR with the target is a bijection of the range that sends 0 to it.
 */
const toward = (bits: number, target: number) =>
  fc.integer({ min: 0, max: 2 ** bits - 1 }).map((x) => (x ^ target) >>> 0, (y) => ((y as number) ^ target) >>> 0);

/** Any packet, every field over its whole range: an arbitrary that can shrink packets it did not make. */
const anyPacket: fc.Arbitrary<Packet> = fc.record({
  l3: toward(16, ETH_P_IPV4), proto: toward(8, IPPROTO_TCP), srcIp: toward(32, IP_POOL[0]), dstIp: toward(32, IP_POOL[1]),
  srcPort: toward(16, 40_000), dstPort: toward(16, 80), tcpFlags: toward(8, TCP_SYN), seq: toward(32, 0), ack: toward(32, 0),
  // 1..65 535, shrinking towards 64.
  length: fc.integer({ min: 0, max: 65_534 }).map((x) => ((x + 63) % 65_535) + 1, (y) => ((y as number) - 1 + 65_535 - 63) % 65_535),
  ts: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
});

/** SCR traces as fast-check shrinks them without context: packet by packet, field by field. */
export const genericScrTraces: fc.Arbitrary<ScrEvent[]> = fc
  .array(anyPacket, { maxLength: 100_000 })
  .map((packets) => packets.map((packet): ScrEvent => ({ type: "packet", packet })), (events) => (events as ScrEvent[]).map((e) => e.packet));

export function scrShrink(program: AnyScrProgram): DomainShrink<ScrEvent> {
  const key = keyOf(program);
  return {
    reducers: [keepOneKey(key), dropKey(key), halveRuns(key), simplifyFields, removeChunks<ScrEvent>()],
    generic: genericScrTraces,
  };
}
