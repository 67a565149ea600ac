/**
 * Cost model of connection tables at 100 Gbit/s (the talk's first half; the classical analyses of the
 * schemes). Every figure is derived from named inputs.
 *
 * - The budget (slides): at 100 Gbit/s a 64 B packet arrives every (64 + 20) B × 8 / 100 Gbit/s = 6.72 ns;
 *   a DRAM access takes about 100 ns, about 15 packet arrivals.
 * - Expected probes (entries examined) against the load factor α (Knuth, TAOCP vol. 3 §6.4): separate
 *   chaining, 1 + α/2 for a hit and e^(−α) + α for a miss (the bucket head counted); linear probing,
 *   ½(1 + 1/(1 − α)) for a hit and ½(1 + 1/(1 − α)²) for a miss. Robin hood has linear probing's mean for
 *   a hit (Celis; it lowers the variance, not the mean), and its miss stops at the first entry closer to its
 *   home, which the linear-probing figure bounds. Hopscotch looks at most H slots of one neighbourhood;
 *   cuckoo at most its two buckets, and its inserts fail above the load limit of two choices with
 *   b-slot buckets: 0.5 (b = 1), 0.897 (2), 0.976 (4), 0.998 (8) (Dietzfelbinger et al., Fountoulakis and
 *   Panagiotou, Cain, Sanders and Wormald).
 * - Cache lines per lookup: chaining follows a pointer per entry (1 + its probes); open addressing reads
 *   consecutive entries (entries of `entryBytes`, 64 B lines); hopscotch's neighbourhood is one line when
 *   H entries fit; cuckoo reads one bucket, and the second for the keys there (at most 2).
 * - One core's packet rate against the cache hit ratio: per packet, `baseNs` of work plus its lookup's
 *   lines, each a hit (`cacheNs`) or a DRAM access.
 * - Ageing cost per second: scanning reads the whole table every period (N / period entries a second);
 *   a timing wheel handles the expiring entries (the expiry rate); lazy deletion compares the entries an
 *   insert meets (the insert rate × the probes of a miss).
 *
 * Beside the model, the talk's measured points (FastClick's stateful load balancer on a 100 Gbit/s
 * ConnectX-5, campus and CAIDA traces; Girondi, Chiesa, Barbette, HPSR'21): one core with a 4 M-entry table
 * ≈ 55 Gbit/s; a shared 8 M-entry table ≈ 100 Gbit/s with several cores; sharding by RSS scales linearly;
 * at scale lock-free is 10 % slower than sharding. They are not reproduced: the traces' packet sizes and the
 * load balancer's own cost per packet are not given.
 */

export interface ConntrackCostInputs {
  readonly lineRateBps: number;
  readonly frameBytes: number;
  readonly wireOverheadBytes: number;
  /** Slides: "A DRAM access takes ~100 ns". */
  readonly dramNs: number;
  /** A last-level cache hit (ours: the slides give none). */
  readonly cacheNs: number;
  /** Work per packet besides the table (ours). */
  readonly baseNs: number;
  readonly entryBytes: number;
  readonly lineBytes: number;
  readonly neighbourhood: number;
  readonly loads: readonly number[];
  readonly hitRatios: readonly number[];
}

export const DEFAULT_INPUTS: ConntrackCostInputs = {
  lineRateBps: 100e9, frameBytes: 64, wireOverheadBytes: 20, dramNs: 100, cacheNs: 10, baseNs: 20, entryBytes: 16, lineBytes: 64, neighbourhood: 4,
  loads: [0.25, 0.5, 0.75, 0.9, 0.95], hitRatios: [1, 0.99, 0.95, 0.9, 0.75, 0.5, 0],
};

/** Cuckoo with two choices: the load above which inserts fail, by bucket size. */
export const CUCKOO_LOAD_LIMITS: Readonly<Record<number, number>> = { 1: 0.5, 2: 0.897, 4: 0.976, 8: 0.998 };

export const TALK_POINTS = [
  { what: "one core, a 4 M-entry table", result: "≈ 55 Gbit/s", source: "talk slides, Single core: throughput" },
  { what: "several cores sharing an 8 M-entry table", result: "≈ 100 Gbit/s", source: "talk slides, Core scaling: single table" },
  { what: "sharding by RSS, 4 M-entry tables, 32 parallel traces", result: "≈ 100 Gbit/s, scaling linearly", source: "talk slides, Core scaling: sharding" },
  { what: "lock-free against sharding, at scale", result: "10 % slower", source: "talk slides, Deletion: scaling" },
] as const;

export const packetIntervalNs = (p: ConntrackCostInputs) => ((p.frameBytes + p.wireOverheadBytes) * 8) / (p.lineRateBps / 1e9);

export const chainingHit = (a: number) => 1 + a / 2;
export const chainingMiss = (a: number) => Math.exp(-a) + a;
export const linearHit = (a: number) => 0.5 * (1 + 1 / (1 - a));
export const linearMiss = (a: number) => 0.5 * (1 + 1 / (1 - a) ** 2);

export interface SchemeAtLoad {
  readonly scheme: string;
  readonly load: number;
  readonly hitProbes: number | null;
  readonly missProbes: number | null;
  /** The figure is an upper bound, not a mean. */
  readonly hitIsBound: boolean;
  readonly missIsBound: boolean;
  readonly linesPerLookup: number | null;
  readonly note: string;
}

/** Probes and cache lines of each scheme at load α (null: the scheme cannot hold that load). */
export function schemesAt(a: number, p: ConntrackCostInputs): SchemeAtLoad[] {
  const perLine = p.lineBytes / p.entryBytes;
  const hopscotchFits = p.neighbourhood <= perLine;
  return [
    { scheme: "chaining", load: a, hitProbes: chainingHit(a), missProbes: chainingMiss(a), hitIsBound: false, missIsBound: false, linesPerLookup: 1 + chainingHit(a), note: "a pointer per entry" },
    { scheme: "linear probing", load: a, hitProbes: linearHit(a), missProbes: linearMiss(a), hitIsBound: false, missIsBound: false, linesPerLookup: 1 + (linearHit(a) - 1) / perLine, note: "consecutive entries" },
    { scheme: "robin hood", load: a, hitProbes: linearHit(a), missProbes: linearMiss(a), hitIsBound: false, missIsBound: true, linesPerLookup: 1 + (linearHit(a) - 1) / perLine, note: "linear probing's mean for a hit; its miss is bounded by linear probing's" },
    { scheme: `hopscotch (H = ${p.neighbourhood})`, load: a, hitProbes: p.neighbourhood, missProbes: p.neighbourhood, hitIsBound: true, missIsBound: false, linesPerLookup: hopscotchFits ? 1 : Math.ceil(p.neighbourhood / perLine), note: `at most H slots${hopscotchFits ? ", one line" : ""}` },
    ...[1, 4].map((b) => {
      const fits = a <= CUCKOO_LOAD_LIMITS[b]!;
      return {
        scheme: `cuckoo (b = ${b})`, load: a, hitProbes: fits ? 2 * b : null, missProbes: fits ? 2 * b : null, hitIsBound: true, missIsBound: false, linesPerLookup: fits ? 2 : null,
        note: fits ? `at most 2 buckets of ${b}` : `above its load limit of ${CUCKOO_LOAD_LIMITS[b]}: inserts fail`,
      };
    }),
  ];
}

/** Packets per second one core sustains: base work plus `lines` accesses, a fraction `hit` of them cache hits. */
export const coreMpps = (lines: number, hit: number, p: ConntrackCostInputs) => 1e3 / (p.baseNs + lines * (hit * p.cacheNs + (1 - hit) * p.dramNs));

export interface ConntrackCostReport {
  readonly inputs: ConntrackCostInputs;
  readonly budget: { readonly packetIntervalNs: number; readonly mpps: number; readonly packetsPerDramAccess: number };
  readonly probes: readonly SchemeAtLoad[];
  readonly cuckooLoadLimits: Readonly<Record<number, number>>;
  /** One core, robin hood at α = 0.5: Mpps and Gbit/s of 64 B frames against the cache hit ratio, and the cores 100 Gbit/s of them need. */
  readonly core: readonly { readonly hitRatio: number; readonly mpps: number; readonly gbps64: number; readonly coresFor100G: number }[];
  readonly ageing: readonly { readonly entries: number; readonly scanPerS: number; readonly wheelPerS: number; readonly lazyPerS: number }[];
  readonly ageingParameters: { readonly scanPeriodS: number; readonly expiryShare: number; readonly insertShare: number; readonly load: number };
  readonly talk: typeof TALK_POINTS;
}

export function conntrackCostReport(p: ConntrackCostInputs = DEFAULT_INPUTS): ConntrackCostReport {
  const interval = packetIntervalNs(p);
  const mpps = 1e3 / interval;
  const lines = schemesAt(0.5, p).find((s) => s.scheme === "robin hood")!.linesPerLookup!;
  // Ageing: a table of N entries, flows of 10 s (a tenth expires each second), inserts at the same rate, scanned every second, at load 0.5.
  const ageingParameters = { scanPeriodS: 1, expiryShare: 0.1, insertShare: 0.1, load: 0.5 };
  return {
    inputs: p,
    budget: { packetIntervalNs: interval, mpps, packetsPerDramAccess: p.dramNs / interval },
    probes: p.loads.flatMap((a) => schemesAt(a, p)),
    cuckooLoadLimits: CUCKOO_LOAD_LIMITS,
    core: p.hitRatios.map((hit) => {
      const m = coreMpps(lines, hit, p);
      return { hitRatio: hit, mpps: m, gbps64: (m * 1e6 * (p.frameBytes + p.wireOverheadBytes) * 8) / 1e9, coresFor100G: Math.ceil(mpps / m) };
    }),
    ageing: [1e5, 1e6, 4e6, 8e6, 1.6e7].map((n) => ({
      entries: n,
      scanPerS: n / ageingParameters.scanPeriodS,
      wheelPerS: n * ageingParameters.expiryShare,
      lazyPerS: n * ageingParameters.insertShare * linearMiss(ageingParameters.load),
    })),
    ageingParameters,
    talk: TALK_POINTS,
  };
}
