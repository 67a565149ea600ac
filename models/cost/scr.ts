/**
 * Performance-cost models of SCR, with the paper's parameters.
 *
 * App. A (throughput): with k cores, each SCR packet costs t = d + c1 (dispatch and processing of the
 *   current packet) plus c2 per history entry; the machine processes k / (t + (k − 1)·c2) packets per ns,
 *   which tends to 1/c2 as k grows (the paper prints the denominator once with c for c2). Table 4 gives
 *   t, c2, d and c1 in ns; its t is the measured one and differs by 1 ns from d + c1 in three rows.
 * §3.3.2 / §4.3 (Tofino): s stages with R registers of b bits hold (s − 1)·R·b bits of history (one stage
 *   holds the index). The built design (Table 3) holds 44 fields of 32 bits: s = 12 stages and R = 4
 *   stateful ALUs per stage. A packet of the loss-recovery format (§3.4) carries history[j − N + 1 .. j],
 *   N = k entries including its own, so k = ⌊capacity bits / (8 × metaBytes)⌋; this gives §4.3's counts
 *   (44, 22, 9, 9 and 5 cores), which whole 32-bit fields per entry would not (18 B would get 8 cores).
 * §4.3 (NetFPGA): rows of 112 bits; the packet gets all rows plus the index (p = ⌈log2 rows⌉ bits)
 *   in front; at 250 MHz with a 1024-bit bus that is 256 Gbit/s. An entry larger than a row takes
 *   ⌈8 × metaBytes / 112⌉ rows.
 */
import { SCR_PROGRAMS } from "../scr/programs/index.ts";

export interface ThroughputParams {
  /** d + c1 as measured, ns */
  readonly t: number;
  /** fast-forward of one history entry, ns */
  readonly c2: number;
  /** dispatch, ns */
  readonly d: number;
  /** processing of the current packet, ns */
  readonly c1: number;
}

/** SCR Table 4, keyed by the built-in program names. */
export const TABLE_4: Readonly<Record<string, ThroughputParams>> = {
  "ddos-mitigator": { t: 114, c2: 15, d: 104, c1: 10 },
  "heavy-hitter": { t: 145, c2: 15, d: 110, c1: 35 },
  "token-bucket": { t: 156, c2: 21, d: 104, c1: 53 },
  "port-knocking": { t: 107, c2: 18, d: 97, c1: 11 },
  conntrack: { t: 152, c2: 35, d: 80, c1: 73 },
};

/** App. A: packets per second, in millions, with k cores. */
export function scrThroughputMpps(p: Pick<ThroughputParams, "t" | "c2">, k: number): number {
  return (1_000 * k) / (p.t + (k - 1) * p.c2);
}

/** The limit of App. A as k grows: 1/c2, in Mpps. */
export function scrThroughputLimitMpps(p: Pick<ThroughputParams, "c2">): number {
  return 1_000 / p.c2;
}

export interface TofinoConfig {
  readonly stages: number;
  readonly registersPerStage: number;
  readonly bitsPerRegister: number;
}

/** The sequencer of Table 3: 44 fields of 32 bits. */
export const TOFINO_TABLE_3: TofinoConfig = { stages: 12, registersPerStage: 4, bitsPerRegister: 32 };

export function tofinoHistoryBits(c: TofinoConfig): number {
  return (c.stages - 1) * c.registersPerStage * c.bitsPerRegister;
}

/** Cores a history of `capacityBits` serves for a program with `metaBytes` of metadata per packet. */
export function coresForCapacity(capacityBits: number, metaBytes: number): number {
  return Math.floor(capacityBits / (8 * metaBytes));
}

export interface NetFpgaConfig {
  readonly rowBits: number;
  readonly clockMHz: number;
  readonly busBits: number;
}

export const NETFPGA_PLUS: NetFpgaConfig = { rowBits: 112, clockMHz: 250, busBits: 1024 };
/** The row counts synthesised in Table 2. */
export const NETFPGA_ROWS = [16, 32, 64, 128] as const;

export function netFpgaBandwidthGbps(c: NetFpgaConfig): number {
  return (c.clockMHz * c.busBits) / 1_000;
}

/** Bits the sequencer puts in front of every packet: all rows and the index pointer. */
export function netFpgaHistoryBits(c: NetFpgaConfig, rows: number): number {
  return rows * c.rowBits + Math.max(1, Math.ceil(Math.log2(rows)));
}

export function netFpgaCores(c: NetFpgaConfig, rows: number, metaBytes: number): number {
  return Math.floor(rows / Math.ceil((8 * metaBytes) / c.rowBits));
}

/** Packets per second (millions) the bus carries for packets of `packetBytes` with the history in front. */
export function netFpgaPacketRateMpps(c: NetFpgaConfig, rows: number, packetBytes: number): number {
  const cycles = Math.ceil((8 * packetBytes + netFpgaHistoryBits(c, rows)) / c.busBits);
  return c.clockMHz / cycles;
}

/** Everything `nfcheck cost scr` prints, for k = 1..maxCores. */
export function scrCostReport(maxCores = 16) {
  const programs = Object.entries(SCR_PROGRAMS).map(([name, p]) => ({ name, metaBytes: p.metaBytes }));
  const capacityBits = tofinoHistoryBits(TOFINO_TABLE_3);
  return {
    appendixA: {
      parameters: TABLE_4,
      predictions: programs.map(({ name }) => ({
        program: name,
        mpps: Array.from({ length: maxCores }, (_, i) => ({ k: i + 1, mpps: scrThroughputMpps(TABLE_4[name]!, i + 1) })),
        limitMpps: scrThroughputLimitMpps(TABLE_4[name]!),
      })),
    },
    tofino: {
      ...TOFINO_TABLE_3,
      capacityBits,
      fields32: capacityBits / 32,
      cores: programs.map(({ name, metaBytes }) => ({ program: name, metaBytes, cores: coresForCapacity(capacityBits, metaBytes) })),
    },
    netfpga: {
      ...NETFPGA_PLUS,
      bandwidthGbps: netFpgaBandwidthGbps(NETFPGA_PLUS),
      rows: NETFPGA_ROWS.map((rows) => ({
        rows,
        historyBits: netFpgaHistoryBits(NETFPGA_PLUS, rows),
        cores: Object.fromEntries(programs.map(({ name, metaBytes }) => [name, netFpgaCores(NETFPGA_PLUS, rows, metaBytes)])),
        mppsAtPacketBytes: Object.fromEntries([64, 192, 256, 1_500].map((b) => [b, netFpgaPacketRateMpps(NETFPGA_PLUS, rows, b)])),
      })),
    },
  };
}
export type ScrCostReport = ReturnType<typeof scrCostReport>;
