/**
 * Cost model of Ribosome (NSDI'23; the talk slides' "Send Only Relevant Bits!" to "Packet Size Impact"):
 * a programmable switch cuts packets above a size threshold after a header, parks the payload in shared
 * RDMA servers, sends the header to the NF, keeps it while it RDMA-reads the payload back, and glues them.
 * Every figure is derived from named inputs; the slides' numbers are the defaults.
 *
 * - NF bandwidth: packets per second at a line rate for a packet-size mix (sizes as the IP packet, no
 *   Ethernet overhead: the slides' 93 Mpps × 400 B ≈ 300 Gbps counts none), and what reaches the NF: a
 *   packet above the split threshold sends its header, one at or below it goes whole.
 * - Header buffer on the switch: it holds every header whose payload READ is in flight, so rate × maximal
 *   RDMA latency / packet bits headers (slides: 1 Tbps × 4 µs / 8 000 bit = 500 headers), each of the
 *   header length (500 × 72 B = 36 000 B).
 * - RDMA servers: ⌈rate / per-server throughput⌉ (slides: 1 Tbps at ~75 Gbps a server → 14). The slides
 *   divide the whole line rate; counting payload bytes only would give one fewer (13) — both are reported.
 * - Payload slots per server: every payload stays parked while its header is at the NF, so rate × maximal
 *   NF latency / packet bits payloads, spread over the servers.
 * - The NF's packet rate: the slides' NF handles ~93 Mpps, which is ≈ 300 Gbps of 400 B packets and
 *   ≈ 1.1 Tbps of 1 500 B ones once only headers reach it.
 *
 * Parameters: header 72 B (slides; the public P4 code sends 54 B of headers + an 18 B splitter header +
 * 4 B of slot index = 76 B), split threshold 128 B (the code's README), maximal RDMA latency 4 µs, 75 Gbps
 * a server, 93 Mpps, 1 000 B packets for the buffer (8 000 bit), a maximal NF latency of 500 µs (the
 * slides' latency before Ribosome; ours to pick as the worst case).
 */

export interface SizeShare {
  /** IP packet size, bytes. */
  readonly bytes: number;
  /** Share of the packets (the shares of a mix are normalised). */
  readonly share: number;
}

export interface SplitRule {
  /** Packets strictly larger than this are split (the code: IPv4 total length > SPLIT). */
  readonly thresholdBytes: number;
  /** What a split packet sends to the NF, bytes. */
  readonly headerBytes: number;
}

export const SLIDES_SPLIT: SplitRule = { thresholdBytes: 128, headerBytes: 72 };

const totalShare = (mix: readonly SizeShare[]) => mix.reduce((t, s) => t + s.share, 0);

/** Mean packet size of a mix, bytes. */
export function meanBytes(mix: readonly SizeShare[]): number {
  const total = totalShare(mix);
  if (!(total > 0) || mix.some((s) => !(s.bytes > 0) || s.share < 0)) throw new RangeError("a packet mix needs positive sizes and non-negative shares, not all zero");
  return mix.reduce((t, s) => t + s.bytes * s.share, 0) / total;
}

/** Packets per second at `lineRateBps` for a mix. */
export const packetRate = (lineRateBps: number, mix: readonly SizeShare[]): number => lineRateBps / (8 * meanBytes(mix));

/** Mean bytes a packet of the mix sends to the NF under the split rule. */
export function nfBytesPerPacket(mix: readonly SizeShare[], rule: SplitRule): number {
  return mix.reduce((t, s) => t + (s.bytes > rule.thresholdBytes ? Math.min(rule.headerBytes, s.bytes) : s.bytes) * s.share, 0) / totalShare(mix);
}

export interface NfBandwidth {
  readonly mpps: number;
  readonly meanBytes: number;
  readonly nfBytesPerPacket: number;
  readonly nfGbps: number;
  /** Line rate over NF bandwidth. */
  readonly reduction: number;
}

export function nfBandwidth(lineRateBps: number, mix: readonly SizeShare[], rule: SplitRule): NfBandwidth {
  const pps = packetRate(lineRateBps, mix);
  const nf = nfBytesPerPacket(mix, rule);
  const nfBps = pps * nf * 8;
  return { mpps: pps / 1e6, meanBytes: meanBytes(mix), nfBytesPerPacket: nf, nfGbps: nfBps / 1e9, reduction: lineRateBps / nfBps };
}

/** Headers in flight while their payload READ is outstanding: rate × latency / packet bits, rounded up. */
export const headersInFlight = (lineRateBps: number, latencyS: number, packetBits: number): number =>
  Math.ceil((lineRateBps * latencyS) / packetBits - 1e-9);

/** RDMA servers for a rate at a per-server throughput. */
export const serversFor = (rateBps: number, perServerBps: number): number => Math.ceil(rateBps / perServerBps - 1e-9);

export const SLIDES = {
  lineRateBps: 1e12,
  maxRdmaLatencyS: 4e-6,
  bufferPacketBits: 8_000,
  perServerBps: 75e9,
  nfMpps: 93,
  maxNfLatencyS: 500e-6,
  slotPacketBytes: 1_500,
} as const;

/** Header slots of the public P4 code (a counter modulo 2 000, assigned when the packet is split). */
export const CODE_HEADER_SLOTS = 2_000;

/** Mixes for the NF-bandwidth table: single sizes and a simple IMIX (7 : 4 : 1 of 64, 576 and 1 500 B). */
export const MIXES: Readonly<Record<string, readonly SizeShare[]>> = {
  "64 B": [{ bytes: 64, share: 1 }],
  "400 B": [{ bytes: 400, share: 1 }],
  "1 500 B": [{ bytes: 1_500, share: 1 }],
  "IMIX 7:4:1": [{ bytes: 64, share: 7 }, { bytes: 576, share: 4 }, { bytes: 1_500, share: 1 }],
};

export function ribosomeCostReport(p = SLIDES, rule = SLIDES_SPLIT) {
  const headers = headersInFlight(p.lineRateBps, p.maxRdmaLatencyS, p.bufferPacketBits);
  const servers = serversFor(p.lineRateBps, p.perServerBps);
  const payloadShare = 1 - rule.headerBytes / p.slotPacketBytes;
  const parked = headersInFlight(p.lineRateBps, p.maxNfLatencyS, p.slotPacketBytes * 8);
  return {
    inputs: { ...p, split: rule },
    headerBuffer: { headers, bytesPerHeader: rule.headerBytes, bytes: headers * rule.headerBytes },
    // The slides size the buffer for the READ alone (a header gets its slot when it comes back). The code
    // assigns the ID at the split, so its slots must cover the NF's latency too (models/ribosome/).
    headerIdsAtSplit: {
      ids: headersInFlight(p.lineRateBps, p.maxNfLatencyS + p.maxRdmaLatencyS, p.bufferPacketBits),
      codeSlots: CODE_HEADER_SLOTS,
      codeCoversS: (CODE_HEADER_SLOTS * p.bufferPacketBits) / p.lineRateBps,
    },
    rdmaServers: {
      servers,
      exact: p.lineRateBps / p.perServerBps,
      payloadOnly: { packetBytes: p.slotPacketBytes, servers: serversFor(p.lineRateBps * payloadShare, p.perServerBps) },
    },
    slots: { parkedPayloads: parked, perServer: Math.ceil(parked / servers), packetBytes: p.slotPacketBytes },
    nfRate: {
      mpps: p.nfMpps,
      gbpsAt400: (p.nfMpps * 1e6 * 400 * 8) / 1e9,
      gbpsAt1500: (p.nfMpps * 1e6 * 1_500 * 8) / 1e9,
    },
    nfBandwidth: Object.entries(MIXES).map(([mix, sizes]) => ({ mix, ...nfBandwidth(p.lineRateBps, sizes, rule) })),
  };
}

export type RibosomeCostReport = ReturnType<typeof ribosomeCostReport>;
