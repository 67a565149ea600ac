/**
 * Ribosome's sizing against line rate: the switch's header buffer (rate × the 4 µs RDMA latency, 72 B a
 * header) and the RDMA servers (rate / 75 Gbit/s each), with the slides' figures at 1 Tbit/s marked.
 */
import type { Plot } from "../../core/plot.ts";
import { headersInFlight, serversFor, type RibosomeCostReport } from "../../models/cost/ribosome.ts";

const RATES_GBPS = Array.from({ length: 16 }, (_, i) => 100 * (i + 1));

export function ribosomeCostPlots(r: RibosomeCostReport): Plot[] {
  const p = r.inputs;
  const at1T = p.lineRateBps / 1e9;
  return [
    {
      id: "ribosome-header-buffer",
      title: "Ribosome: header buffer on the switch against line rate",
      x: { label: "line rate", unit: "Gbit/s" },
      y: { label: "header buffer", unit: "B" },
      series: [{ name: `${p.maxRdmaLatencyS * 1e6} µs × rate, ${p.split.headerBytes} B headers`, points: RATES_GBPS.map((g) => [g, headersInFlight(g * 1e9, p.maxRdmaLatencyS, p.bufferPacketBits) * p.split.headerBytes] as const) }],
      published: [{ label: "500 headers × 72 B = 36 000 B", x: at1T, y: 36_000, source: "talk slides (Ribosome, NSDI'23)" }],
      caption: `headers = ⌈rate × ${p.maxRdmaLatencyS * 1e6} µs / ${p.bufferPacketBits} bit⌉, ${p.split.headerBytes} B each.`,
    },
    {
      id: "ribosome-servers",
      title: "Ribosome: RDMA servers against line rate",
      x: { label: "line rate", unit: "Gbit/s" },
      y: { label: "RDMA servers", unit: "" },
      series: [{ name: `⌈rate / ${p.perServerBps / 1e9} Gbit/s⌉`, points: RATES_GBPS.map((g) => [g, serversFor(g * 1e9, p.perServerBps)] as const) }],
      published: [{ label: "14 servers for 1 Tbit/s", x: at1T, y: 14, source: "talk slides (Ribosome, NSDI'23)" }],
      caption: `servers = ⌈rate / ${p.perServerBps / 1e9} Gbit/s⌉, the slides' throughput of one RDMA server.`,
    },
  ];
}
