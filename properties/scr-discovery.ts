/**
 * Traffic that reaches a user's SCR program, found before the checks run, as a coverage-guided fuzzer
 * finds inputs: generated traffic (with the constants of the program's own module in its pools), then
 * mutations of what did something new — a packet repeated 2, 4, … 1 024 times (a counter's threshold),
 * a run of packets repeated, a packet sent again with a field taking consecutive constants of the module
 * in the order they are written (a knock sequence: ports 100, 101, 102), a field of one flow set to one of
 * the constants, two sequences spliced — kept when the program showed a behaviour not seen before. A behaviour is a
 * verdict, a verdict with or without a state change, and a change of verdict for one f(p) (from PASS to
 * DROP after the 1 000th packet of a source). The sequences kept are run first by every check, so that a
 * program whose DROP path needs 1 000 packets of one source has it exercised, and its coverage shows it.
 *
 * Deterministic: the seed fixes every choice, and the budget is counted in runs and packets, not time.
 */
import * as fc from "fast-check";
import { canonicalKey } from "../core/canonical.ts";
import type { Dictionary } from "../core/dictionary.ts";
import { formatValue } from "../core/diff.ts";
import { below, mulberry32 } from "../core/prng.ts";
import { ETH_P_IPV4, type Packet } from "../models/scr/packet.ts";
import type { AnyScrProgram } from "../models/scr/program.ts";
import { scrTraffic, type ExtraValues } from "./traffic.ts";
import { deepEqual } from "../core/deep-equal.ts";

export interface ScrDiscovery {
  /** Sequences that showed something new, in the order found (the user's own traffic first). */
  readonly corpus: readonly Packet[][];
  /** The module's constants, by field. */
  readonly extra: ExtraValues;
  /** Behaviours seen: "verdict PASS", "PASS→DROP for one f(p)", … */
  readonly behaviours: readonly string[];
  /** The same, summed up: the verdicts, the changes of verdict for one f(p) ("PASS→DROP"), and whether the state ever changed. */
  readonly verdicts: readonly string[];
  readonly turns: readonly string[];
  readonly stateChanged: boolean;
  /** Sequences run. */
  readonly runs: number;
}

export interface DiscoveryOptions {
  readonly seed: number;
  readonly maxPackets: number;
  readonly dictionary: Dictionary;
  /** The user's own traffic (`--traffic`): run first, kept whatever it shows. */
  readonly traffic?: readonly (readonly Packet[])[];
  /** At most this many sequences run, and this many packets in all. */
  readonly maxRuns?: number;
  readonly maxTotalPackets?: number;
  /** At most this many sequences kept. */
  readonly keep?: number;
}

const MAX_VALUES = 64;

/** An IPv4 address in dotted form, or null. */
function parseIp(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((x) => x <= 255) ? parts.reduce((ip, x) => ip * 256 + x, 0) : null;
}

/** The module's constants as candidate field values, each list by the field's range. */
export function extraValues(d: Dictionary): ExtraValues {
  const pick = (xs: readonly number[]) => [...new Set(xs)].slice(0, MAX_VALUES);
  const ns = d.numbers;
  return {
    ips: pick([...ns.filter((n) => n > 0xffff && n <= 0xffff_ffff), ...d.strings.map(parseIp).filter((n): n is number => n !== null)]),
    ports: pick(ns.filter((n) => n <= 0xffff)),
    protos: pick(ns.filter((n) => n <= 0xff)),
    flags: pick(ns.filter((n) => n > 0 && n <= 0xff)),
    lengths: pick(ns.filter((n) => n >= 20 && n <= 9_000)),
    seqs: pick(ns.filter((n) => n <= 0xffff_ffff)),
  };
}

const FIELD_POOL: Readonly<Record<string, keyof ExtraValues>> = {
  srcIp: "ips", dstIp: "ips", srcPort: "ports", dstPort: "ports", proto: "protos", tcpFlags: "flags", length: "lengths", seq: "seqs", ack: "seqs",
};

/** What the program did on a sequence, noted in `seen` (and its summary); a sequence stops where the program throws (the checks will report it). */
interface Seen {
  readonly behaviours: Set<string>;
  readonly verdicts: Set<string>;
  readonly turns: Set<string>;
  stateChanged: boolean;
}

function behavioursOf(program: AnyScrProgram, initial: unknown, packets: readonly Packet[], summary: Seen): Set<string> {
  const seen = new Set<string>();
  const last = new Map<string, string>();
  let s = initial;
  for (const p of packets) {
    let key: string;
    let r: { state: unknown; verdict: unknown };
    try {
      key = canonicalKey(program.extract(p));
      r = program.process(s, p, { core: 0, clockNs: p.ts }) as { state: unknown; verdict: unknown };
      if (typeof r !== "object" || r === null) break;
    } catch {
      seen.add("an exception");
      break;
    }
    const v = formatValue(r.verdict);
    const changed = r.state !== s && !deepEqual(r.state, s);
    seen.add(`verdict ${v}`);
    seen.add(`verdict ${v} ${changed ? "with" : "without"} a state change`);
    summary.verdicts.add(v);
    if (changed) summary.stateChanged = true;
    const before = last.get(key);
    if (before !== undefined && before !== v) {
      seen.add(`${before}→${v} for one f(p)`);
      summary.turns.add(`${before}→${v}`);
    }
    last.set(key, v);
    s = r.state;
  }
  return seen;
}

/** The field values of the user's packets, as more values for the pools. */
function valuesOfPackets(packets: readonly Packet[]): Dictionary {
  const numbers = packets.flatMap((p) => [p.srcIp, p.dstIp, p.srcPort, p.dstPort, p.proto, p.tcpFlags, p.length, p.seq, p.ack]);
  return { strings: [], numbers, byteArrays: [] };
}

export function discoverScrTraffic(program: AnyScrProgram, o: DiscoveryOptions): ScrDiscovery {
  const theirs = valuesOfPackets((o.traffic ?? []).flat());
  const extra = extraValues({ ...o.dictionary, numbers: [...theirs.numbers, ...o.dictionary.numbers] });
  const maxRuns = o.maxRuns ?? 300;
  const maxTotal = o.maxTotalPackets ?? 600_000;
  const keep = o.keep ?? 8;
  const next = mulberry32(o.seed);
  const initial = program.init();
  const summary: Seen = { behaviours: new Set(), verdicts: new Set(), turns: new Set(), stateChanged: false };
  const { behaviours } = summary;
  const corpus: Packet[][] = [];
  let runs = 0;
  let total = 0;
  const consider = (packets: Packet[], always = false) => {
    runs++;
    total += packets.length;
    const found = [...behavioursOf(program, initial, packets, summary)].filter((b) => !behaviours.has(b));
    for (const b of found) behaviours.add(b);
    if ((found.length > 0 || always) && packets.length > 0) corpus.push(packets);
  };
  for (const t of o.traffic ?? []) consider([...t], true);
  // Seeds: the generated traffic of the checks themselves, shorter.
  const seeds = fc.sample(scrTraffic({ maxPackets: Math.min(o.maxPackets, 256), extra }), { seed: o.seed, numRuns: 24 });
  for (const s of seeds) {
    if (runs >= maxRuns || total >= maxTotal) break;
    consider(s);
  }
  const pool = () => (corpus.length > 0 ? corpus : seeds);
  while (runs < maxRuns && total < maxTotal) {
    const from = pool()[below(next, pool().length)]!;
    if (from.length === 0) break;
    consider(mutate(from, pool()[below(next, pool().length)]!, extra, next, o.maxPackets));
  }
  return {
    corpus: corpus.slice(0, keep), extra, behaviours: [...behaviours], runs,
    verdicts: [...summary.verdicts], turns: [...summary.turns], stateChanged: summary.stateChanged,
  };
}

/** One mutation of `packets` (see the header); timestamps stay non-decreasing. */
function mutate(packets: readonly Packet[], other: readonly Packet[], extra: ExtraValues, next: () => number, maxPackets: number): Packet[] {
  const at = below(next, packets.length);
  const p = packets[at]!;
  const room = Math.max(0, maxPackets - packets.length);
  const fields = Object.keys(FIELD_POOL).filter((f) => extra[FIELD_POOL[f]!].length > 0) as (keyof Packet)[];
  switch (below(next, 6)) {
    case 0: {
      // One packet again 2^r times in a row: a threshold of one source or flow.
      const times = Math.min(room, 2 ** (1 + below(next, 10)));
      return [...packets.slice(0, at + 1), ...Array.from({ length: times }, () => p), ...packets.slice(at + 1)];
    }
    case 1: {
      // A run of packets again 2^r times: a sequence (knocks, a handshake) repeated.
      const end = Math.min(packets.length, at + 1 + below(next, 8));
      const run = packets.slice(at, end);
      const times = Math.min(Math.floor(room / run.length), 2 ** below(next, 6));
      return [...packets.slice(0, end), ...Array.from({ length: times }, () => run).flat(), ...packets.slice(end)];
    }
    case 2: {
      // A field set to one of the module's constants, in every packet of this packet's source.
      if (fields.length === 0) return [...packets];
      const field = fields[below(next, fields.length)]!;
      const values = extra[FIELD_POOL[field]!];
      const v = values[below(next, values.length)]!;
      return packets.map((q) => (q.srcIp === p.srcIp ? { ...q, [field]: v, ...(field === "proto" ? { l3: ETH_P_IPV4 } : {}) } : q));
    }
    case 5: {
      // The packet again, its field taking 2..6 consecutive constants in the module's order.
      if (fields.length === 0) return [...packets];
      const field = fields[below(next, fields.length)]!;
      const values = extra[FIELD_POOL[field]!];
      const from = below(next, values.length);
      const run = values.slice(from, from + 2 + below(next, 5)).map((v) => ({ ...p, [field]: v }));
      return [...packets.slice(0, at + 1), ...run.slice(0, room), ...packets.slice(at + 1)];
    }
    case 3: {
      // Splice: this one's start, the other's end (timestamps moved on).
      const cut = below(next, other.length + 1);
      const shift = p.ts;
      return [...packets.slice(0, at + 1), ...other.slice(cut).map((q) => ({ ...q, ts: q.ts + shift }))].slice(0, maxPackets);
    }
    default:
      // A chunk removed.
      return [...packets.slice(0, at), ...packets.slice(at + 1 + below(next, Math.max(1, packets.length >> 2)))];
  }
}
