/**
 * Cost models of a flow table at 100 Gbps (talk slides; MiddleClick §II-C, §II-G), every number derived
 * from named inputs.
 *
 * The budget (slides: "On a 100 Gbps link, packets arrive every 6.72 ns"; "A DRAM access takes ~100 ns"):
 *   a 64 B frame takes 64 + 20 B on the wire (8 B preamble and start delimiter, 12 B inter-frame gap:
 *   Ethernet's per-frame overhead) = 84 B = 672 bits; at 100 Gbit/s that is 6.72 ns per packet, 148.8 Mpps;
 *   a 100 ns DRAM access spans 100 / 6.72 ≈ 14.9, about 15 packet arrivals.
 *
 * Ageing (slides: "Scanning: parse the table periodically, deleting expired entries. Lazy deletion:
 * compare last access time upon collisions. Timing wheels: entries are registered in time-based buckets";
 * MiddleClick §II-G: lazy deletion on collision, plus a list of pending timeouts traversed when idle or
 * past a threshold with exponential back-off, and a timer pruning it every 15 s — the FastClick code's
 * clean timer is 5 s). The table has N slots, a fraction α of them live (load factor); with a timeout T
 * and flows of mean duration D, Little's law gives the new flows per second that keep it there:
 * λ = α·N / (D + T) (each flow holds its entry for its duration and then T). Costs are per second (memory
 * accesses that miss the cache, and ns of one core) and per packet (ns, and the fraction of the time
 * between two packets, 6.72 ns at 148.8 Mpps).
 *   - Scanning, every P seconds the whole table: N / P entries a second, read sequentially, N / (e·P)
 *     cache lines (e entries a line) streamed at the core's sequential bandwidth, plus one timestamp
 *     compare per entry. Amortised per packet it is tiny; but one scan in one go takes
 *     N / e · (line time) + N · (compare), during which that many / 6.72 ns packets arrive — the table must
 *     be scanned in slices. Expired entries linger up to P after their timeout.
 *   - Lazy deletion: every slot a lookup probes that holds another key gets its timestamp compared (one
 *     compare, in a line the lookup already read). With linear probing at load α a lookup of a live flow
 *     probes ½(1 + 1/(1 − α)) slots on average and one of a new flow ½(1 + 1/(1 − α)²) (Knuth), all but one
 *     of them collisions; a fraction λ / pps of packets are new flows. Collisions may never happen, so
 *     MiddleClick's pending list guarantees the release: each flow is visited there `listVisitsPerFlow`
 *     times, each visit a cache miss (the FCB is cold by then).
 *   - Timing wheel, B buckets of T / B seconds: a flow's entry is put in the bucket of its expiry. Re-armed
 *     "on expiry" (a packet only writes its timestamp; when the bucket comes round, an expired entry is
 *     deleted and a live one re-inserted at last access + T), each live entry is visited about once per T:
 *     α·N / T visits a second, each a miss; plus B / T ticks a second, each a compare on a bucket head (the
 *     heads stay in cache). Re-armed "per packet" (the entry moved to the bucket of now + T on every
 *     packet), every packet pays `moveMisses` misses to unlink and relink it.
 *
 * Parameters and where they come from:
 *   line rate 100 Gbit/s, 64 B packets, DRAM access 100 ns ............................ slides
 *   20 B per-frame overhead (preamble + SFD 8 B, inter-frame gap 12 B) ................. Ethernet; 84 B = 672 bits, slides' 6.72 ns
 *   table sizes 1 K, 1 M, 8 M entries ................................................. slides (4M/8M-entry tables at ≈ 100 Gbps); 1 K ours
 *   timeout T = 15 s, scan period P = 15 s ........................................... ours; 15 s is §II-G's pruning timer
 *   load factor α = 0.5, flow duration D = 0 s (the timeout dominates) ................ our assumption
 *   64 B cache lines, 32 B entries (a 5-tuple key, a timestamp, a pointer): 2 a line ... our assumption
 *   sequential bandwidth of one core 10 GB/s: 6.4 ns a 64 B line ..................... our assumption
 *   a timestamp compare 1 ns (a few cycles) ........................................... our assumption
 *   pending-list visits per flow 2 (once too early, once expired: exponential back-off) . our assumption
 *   timing wheel of 4 096 buckets; a per-packet move costs 2 misses (the list neighbours) our assumption
 * Misses are counted at the full 100 ns each: no overlap between them (batching and prefetching hide part
 * of it in practice, so these are upper bounds per miss).
 *
 * The report also carries Fig. 3's layout (models/flow/layout.ts); `nfcheck cost flow` adds Z3's optimum
 * (proofs/fcb-layout.ts) next to the greedy sizes.
 */
import {
  compactLayout, compactOrder, FIG_3, FIG_3_PATH_CLASSES, heaviestPathBytes, maximalOffsetLayout, paths, pathSizes,
} from "../flow/layout.ts";

export interface LineRate {
  readonly gbps: number;
  readonly packetBytes: number;
  /** Preamble, start delimiter and inter-frame gap, per frame. */
  readonly overheadBytes: number;
}

/** The slides' worst case: 100 Gbit/s of 64 B packets (Ethernet's 20 B per frame on top). */
export const LINE_100G: LineRate = { gbps: 100, packetBytes: 64, overheadBytes: 20 };

/** A DRAM access, ns (slides). */
export const DRAM_ACCESS_NS = 100;

export const wireBits = (l: LineRate): number => 8 * (l.packetBytes + l.overheadBytes);
/** Time between two packets, ns: bits / (Gbit/s) = ns. */
export const packetIntervalNs = (l: LineRate): number => wireBits(l) / l.gbps;
export const packetRatePps = (l: LineRate): number => 1e9 / packetIntervalNs(l);
/** Packets that arrive during one memory access. */
export const packetsPerAccess = (l: LineRate, accessNs = DRAM_ACCESS_NS): number => accessNs / packetIntervalNs(l);

export interface MemoryParams {
  /** A cache miss to DRAM, ns. */
  readonly missNs: number;
  readonly cacheLineBytes: number;
  readonly entryBytes: number;
  /** One core's sequential read bandwidth, GB/s (= bytes per ns). */
  readonly streamGBps: number;
  /** A timestamp compare on data in cache, ns. */
  readonly compareNs: number;
}

export const MEMORY: MemoryParams = { missNs: DRAM_ACCESS_NS, cacheLineBytes: 64, entryBytes: 32, streamGBps: 10, compareNs: 1 };

export const entriesPerLine = (m: MemoryParams): number => Math.max(1, Math.floor(m.cacheLineBytes / m.entryBytes));
/** Time to stream one cache line sequentially, ns. */
export const lineStreamNs = (m: MemoryParams): number => m.cacheLineBytes / m.streamGBps;

/** The table and its traffic. */
export interface TableLoad {
  /** Slots. */
  readonly entries: number;
  /** Live entries / slots, in [0, 1). */
  readonly loadFactor: number;
  readonly pps: number;
  readonly newFlowsPerSecond: number;
  readonly timeoutS: number;
}

/** Little's law: the new flows per second that keep α·N entries live, each held D + T seconds. */
export const newFlowsForLoad = (entries: number, loadFactor: number, timeoutS: number, flowDurationS = 0): number =>
  (loadFactor * entries) / (flowDurationS + timeoutS);

/** Expected slots probed by a linear-probing lookup that finds its key (Knuth). */
export const probesHit = (alpha: number): number => 0.5 * (1 + 1 / (1 - alpha));
/** Expected slots probed by a linear-probing lookup that does not (a new flow's insertion). */
export const probesMiss = (alpha: number): number => 0.5 * (1 + 1 / (1 - alpha) ** 2);

export type Technique = "scanning" | "lazy deletion" | "timing wheel" | "timing wheel, re-arm per packet";

export interface AgeingCost {
  readonly technique: Technique;
  /** Cache lines fetched from DRAM a second (random misses, or lines streamed by a scan). */
  readonly memoryAccessesPerSecond: number;
  /** ns of one core a second. */
  readonly nsPerSecond: number;
  readonly nsPerPacket: number;
  /** nsPerPacket / the time between two packets. */
  readonly budgetFraction: number;
  /** Scanning only: one full scan in one go, and the packets that arrive meanwhile. */
  readonly burst?: { readonly ns: number; readonly packets: number };
}

function cost(technique: Technique, load: TableLoad, memoryAccessesPerSecond: number, nsPerSecond: number, burst?: AgeingCost["burst"]): AgeingCost {
  const nsPerPacket = nsPerSecond / load.pps;
  return { technique, memoryAccessesPerSecond, nsPerSecond, nsPerPacket, budgetFraction: nsPerPacket / (1e9 / load.pps), ...(burst ? { burst } : {}) };
}

function checkLoad(load: TableLoad): void {
  if (!(load.loadFactor >= 0 && load.loadFactor < 1)) throw new RangeError(`load factor must be in [0, 1), got ${load.loadFactor}`);
  if (!(load.entries > 0 && load.pps > 0 && load.timeoutS > 0 && load.newFlowsPerSecond >= 0)) throw new RangeError("entries, pps and timeout must be > 0");
}

/** Scanning the whole table every `periodS` seconds. */
export function scanningCost(load: TableLoad, m: MemoryParams, periodS: number): AgeingCost {
  checkLoad(load);
  const lines = load.entries / entriesPerLine(m);
  const oneScanNs = lines * lineStreamNs(m) + load.entries * m.compareNs;
  return cost("scanning", load, lines / periodS, oneScanNs / periodS, { ns: oneScanNs, packets: oneScanNs / (1e9 / load.pps) });
}

/** Timestamp compares per packet on collisions (linear probing at the table's load factor). */
export function collisionsPerPacket(load: TableLoad): number {
  const newShare = Math.min(1, load.newFlowsPerSecond / load.pps);
  return (1 - newShare) * (probesHit(load.loadFactor) - 1) + newShare * (probesMiss(load.loadFactor) - 1);
}

/** Lazy deletion on collisions, plus the pending-timeout list that guarantees the release (§II-G). */
export function lazyDeletionCost(load: TableLoad, m: MemoryParams, listVisitsPerFlow: number): AgeingCost {
  checkLoad(load);
  const visits = load.newFlowsPerSecond * listVisitsPerFlow;
  return cost("lazy deletion", load, visits, load.pps * collisionsPerPacket(load) * m.compareNs + visits * m.missNs);
}

export interface WheelParams {
  readonly buckets: number;
  /** Misses to move an entry to another bucket (per-packet re-arm). */
  readonly moveMisses: number;
}

/** A timing wheel re-armed on expiry (live entries visited about once per timeout) or on every packet. */
export function timingWheelCost(load: TableLoad, m: MemoryParams, w: WheelParams, rearm: "on-expiry" | "per-packet" = "on-expiry"): AgeingCost {
  checkLoad(load);
  const ticks = (w.buckets / load.timeoutS) * m.compareNs;
  if (rearm === "per-packet") {
    const misses = load.pps * w.moveMisses + load.newFlowsPerSecond; // every packet moves its entry; every flow's entry leaves once
    return cost("timing wheel, re-arm per packet", load, misses, misses * m.missNs + ticks);
  }
  const visits = (load.loadFactor * load.entries) / load.timeoutS;
  return cost("timing wheel", load, visits, visits * m.missNs + ticks);
}

export interface AgeingParams {
  readonly loadFactor: number;
  readonly flowDurationS: number;
  readonly timeoutS: number;
  readonly scanPeriodS: number;
  readonly listVisitsPerFlow: number;
  readonly wheel: WheelParams;
}

export const AGEING: AgeingParams = {
  loadFactor: 0.5, flowDurationS: 0, timeoutS: 15, scanPeriodS: 15, listVisitsPerFlow: 2, wheel: { buckets: 4_096, moveMisses: 2 },
};

/** The slides' 8M-entry table, a 1M one, and a small 1K one. */
export const TABLE_SIZES = [1 << 10, 1 << 20, 8 << 20] as const;

/** Every technique for one table size, at the line's packet rate. */
export function ageingRow(entries: number, line: LineRate = LINE_100G, m: MemoryParams = MEMORY, a: AgeingParams = AGEING) {
  const pps = packetRatePps(line);
  const newFlowsPerSecond = newFlowsForLoad(entries, a.loadFactor, a.timeoutS, a.flowDurationS);
  const load: TableLoad = { entries, loadFactor: a.loadFactor, pps, newFlowsPerSecond, timeoutS: a.timeoutS };
  return {
    entries,
    liveEntries: a.loadFactor * entries,
    newFlowsPerSecond,
    collisionsPerPacket: collisionsPerPacket(load),
    techniques: [
      scanningCost(load, m, a.scanPeriodS),
      lazyDeletionCost(load, m, a.listVisitsPerFlow),
      timingWheelCost(load, m, a.wheel, "on-expiry"),
      timingWheelCost(load, m, a.wheel, "per-packet"),
    ],
  };
}

/** Fig. 3's layouts: maximal offsets, compact, per path (Z3's optimum is added by `nfcheck cost flow`). */
export function fig3Layout() {
  const maximal = maximalOffsetLayout(FIG_3);
  const compact = compactLayout(FIG_3);
  const [maxPaths, compactPaths] = [pathSizes(FIG_3, maximal), pathSizes(FIG_3, compact)];
  return {
    components: FIG_3.components,
    maximal,
    compact: { ...compact, order: compactOrder(FIG_3) },
    parallel: maximalOffsetLayout(FIG_3, { parallel: true }),
    heaviestPathBytes: heaviestPathBytes(FIG_3),
    paths: paths(FIG_3).map((path, i) => ({
      class: FIG_3_PATH_CLASSES[i] ?? "",
      path,
      maximalSize: maxPaths[i]!.size,
      compactSize: compactPaths[i]!.size,
    })),
  };
}

/** Everything `nfcheck cost flow` prints but Z3's optimum. */
export function flowCostReport(sizes: readonly number[] = TABLE_SIZES) {
  const line = LINE_100G;
  return {
    budget: {
      ...line,
      wireBits: wireBits(line),
      packetIntervalNs: packetIntervalNs(line),
      mpps: packetRatePps(line) / 1e6,
      dramAccessNs: DRAM_ACCESS_NS,
      packetsPerDramAccess: packetsPerAccess(line),
    },
    ageing: {
      memory: { ...MEMORY, entriesPerLine: entriesPerLine(MEMORY), lineStreamNs: lineStreamNs(MEMORY) },
      parameters: AGEING,
      rows: sizes.map((n) => ageingRow(n, line)),
    },
    layout: fig3Layout(),
  };
}
export type FlowCostReport = ReturnType<typeof flowCostReport>;
