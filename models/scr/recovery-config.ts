/**
 * The loss-recovery model's config as it is written in a counterexample file, with its defaults: the
 * paper's algorithm (recovery on, line 14 as written), its assumptions (tail assumption, unbounded log, no
 * reordering), N = k (§3.4: history[i] appears in packets i..i+N−1 "in a system with N cores"), a stream
 * of exactly `packets` packets, any number of losses, and port knocking over a fixed cycle of packets.
 */
import { Schema } from "effect";
import { field, optionalField } from "../../core/config-field.ts";
import { countOf } from "../../core/report.ts";
import { ProgramRef } from "./config.ts";
import { ETH_P_IPV4, IPPROTO_TCP, PacketSchema, TCP_SYN, type Packet } from "./packet.ts";
import { PORT_1, PORT_2, PORT_3 } from "./port-knocking-machine.ts";
import type { AnyScrProgram } from "./program.ts";
import { LOST_MARKS, RECOVERY_FAULTS, type RecoveryConfig } from "./recovery.ts";

/** C_lost is a bitmask; the explorer is practical up to 4 or 5 cores, random runs go further. */
export const MAX_RECOVERY_CORES = 16;

const knock = (srcIp: number, dstPort: number): Packet => ({
  l3: ETH_P_IPV4, proto: IPPROTO_TCP, srcIp, dstIp: 0xc0a8_0107, srcPort: 40_000, dstPort, tcpFlags: TCP_SYN, seq: 0, ack: 0, length: 64, ts: 0,
});

/** The three knocks and a connection from 10.0.0.1, then a knock and a wrong port from 10.0.0.2. */
export const DEFAULT_TRAFFIC: readonly Packet[] = [
  knock(0x0a00_0001, PORT_1), knock(0x0a00_0001, PORT_2), knock(0x0a00_0001, PORT_3), knock(0x0a00_0001, 22),
  knock(0x0a00_0002, PORT_1), knock(0x0a00_0002, 7),
];

export const DEFAULT_RECOVERY_PROGRAM = "port-knocking";

export const RecoveryConfigJson = Schema.Struct({
  cores: field(Schema.Int.pipe(Schema.between(2, MAX_RECOVERY_CORES)), "k, the number of cores"),
  packets: field(Schema.Int.pipe(Schema.between(1, 1_000_000)), "M: the sequencer numbers packets 1..M (with streamEnd any-time, at most M)"),
  historyLength: optionalField(Schema.Int.pipe(Schema.between(1, 1_024)), "N, the history entries each packet carries (default k: §3.4's N = k)"),
  recovery: optionalField(Schema.Boolean, "run handle_loss_recovery (false: skip lost sequences instead)", true),
  tailAssumption: optionalField(Schema.Boolean, "Theorem 1's assumption (1): no core loses the last packet it would get (false: any packet may be lost)", true),
  lossBudget: optionalField(Schema.Int.pipe(Schema.nonNegative()), "at most this many packets lost (absent: any number)"),
  reorder: optionalField(Schema.Boolean, "a core may receive its in-flight packets in any order (against assumption (3))", false),
  maxUpdate: optionalField(Schema.Literal("assign", "max"), "line 14 as written (assign) or keeping the larger max (max)", "assign"),
  log: optionalField(
    Schema.Struct({ entries: Schema.Int.pipe(Schema.between(1, 1_000_000)), storesSeq: Schema.Boolean }),
    "a ring log of `entries` entries per core, each carrying its sequence number if `storesSeq` (absent: an unbounded log)",
  ),
  streamEnd: optionalField(Schema.Literal("after-all", "any-time"), "the stream ends after all M packets (after-all) or at any point (any-time)", "after-all"),
  lostMark: optionalField(
    Schema.Literal(...LOST_MARKS),
    "how a core that lost sequences tells the others: Alg. 1's LOST log entry, one at a time (entry), or smartnic/bpf-profile v7's pkt_max, set to minseq − 1 before the recovery loop, which still runs from the old value; an id at or below it missing from the log reads LOST (max-before-recovery)",
    "entry",
  ),
  congestionGap: optionalField(
    Schema.Int.pipe(Schema.positive()),
    "a gap of at least this many lost sequences is taken as congestion: marked lost, never recovered (smartnic/bpf-profile v7: CONGESTED_LOSS_THRESHOLD = N + 1; absent: every gap is recovered)",
  ),
  fault: optionalField(Schema.Literal(...RECOVERY_FAULTS), "a broken variant of Alg. 1 (a mutant; absent: the paper's algorithm)"),
  program: optionalField(ProgramRef, "the SCR program the specs run over the applied packets", { builtin: DEFAULT_RECOVERY_PROGRAM }),
  traffic: optionalField(
    Schema.Array(PacketSchema).pipe(Schema.minItems(1)),
    "packet j is traffic[(j − 1) mod length], stamped with ts = 1 000·j (default: three knocks and a connection from 10.0.0.1, then a knock and a wrong port from 10.0.0.2)",
    DEFAULT_TRAFFIC,
  ),
});
export type RecoveryConfigJson = Schema.Schema.Type<typeof RecoveryConfigJson>;

export const RecoveryEventJson = Schema.Union(
  Schema.Struct({ type: Schema.Literal("send", "lose"), seq: Schema.Int.pipe(Schema.positive()), core: Schema.Int.pipe(Schema.nonNegative()) }),
  Schema.Struct({ type: Schema.Literal("end") }),
  Schema.Struct({ type: Schema.Literal("receive"), core: Schema.Int.pipe(Schema.nonNegative()), seq: Schema.Int.pipe(Schema.positive()) }),
  Schema.Struct({ type: Schema.Literal("step"), core: Schema.Int.pipe(Schema.nonNegative()) }),
  Schema.Struct({ type: Schema.Literal("read"), core: Schema.Int.pipe(Schema.nonNegative()), from: Schema.Int.pipe(Schema.nonNegative()) }),
);

export function toRecoveryConfig(json: RecoveryConfigJson, program: AnyScrProgram): RecoveryConfig {
  const traffic = json.traffic ?? DEFAULT_TRAFFIC;
  return {
    cores: json.cores,
    packets: json.packets,
    historyLength: json.historyLength ?? json.cores,
    recovery: json.recovery ?? true,
    tail: json.tailAssumption ?? true,
    lossBudget: json.lossBudget ?? null,
    reorder: json.reorder ?? false,
    maxUpdate: json.maxUpdate ?? "assign",
    log: json.log ? { kind: "ring", entries: json.log.entries, storesSeq: json.log.storesSeq } : { kind: "unbounded" },
    streamEnd: json.streamEnd ?? "after-all",
    lostMark: json.lostMark ?? "entry",
    congestionGap: json.congestionGap ?? null,
    fault: json.fault ?? null,
    workload: { program, packet: (j) => ({ ...traffic[(j - 1) % traffic.length]!, ts: 1_000 * j }) },
  };
}

/** "k = 3, M = 6, N = 3, tail assumption, unbounded log" and whatever differs from the paper. */
export function describeRecoveryConfig(c: RecoveryConfig): string {
  const parts = [`k = ${c.cores}`, `${c.streamEnd === "after-all" ? "M =" : "M ≤"} ${c.packets}`, `N = ${c.historyLength}`];
  parts.push(c.tail ? "tail assumption" : "no tail assumption");
  parts.push(c.log.kind === "unbounded" ? "unbounded log" : `ring log of ${c.log.entries}${c.log.storesSeq ? " with sequence numbers" : " without sequence numbers"}`);
  if (c.lossBudget !== null) parts.push(`at most ${countOf(c.lossBudget, "loss", "losses")}`);
  if (!c.recovery) parts.push("no loss recovery");
  if (c.reorder) parts.push(`reordering, line 14 ${c.maxUpdate === "assign" ? "as written" : "keeps the larger max"}`);
  else if (c.maxUpdate === "max") parts.push("line 14 keeps the larger max");
  if (c.lostMark === "max-before-recovery") parts.push("v7's pkt_max published before recovery");
  if (c.congestionGap !== null) parts.push(`gaps of ${c.congestionGap} or more not recovered (congestion)`);
  if (c.fault) parts.push(`fault ${c.fault}`);
  return parts.join(", ");
}
