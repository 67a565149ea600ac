/**
 * TCP connection tracker (SCR Table 1: key 5-tuple, value TCP state, timestamp and seq #, 30 B of
 * metadata). One entry per connection: both directions map to the same key, and the entry remembers
 * which endpoint opened it (the ORIGINAL direction).
 *
 * The transition table follows Linux's conntrack, net/netfilter/nf_conntrack_proto_tcp.c,
 * `tcp_conntracks[2][6][TCP_CONNTRACK_MAX]` (directions ORIGINAL/REPLY × flag class SYN, SYN-ACK, FIN,
 * ACK, RST, none × state), with its flag classification `get_conntrack_index` (RST first, then SYN with
 * or without ACK, then FIN, then ACK) and its per-state timeouts `tcp_timeouts`. sIV (invalid) leaves
 * the state alone and the packet is INVALID; sIG (ignored) leaves the state alone and the packet passes.
 * Not modelled: Linux's window tracking; instead, as in the public eBPF tracker, the ACK that completes
 * the handshake must acknowledge the responder's ISN + 1 (the entry's "seq #"), else it is INVALID.
 * A SYN that reopens a TIME_WAIT or CLOSE entry starts a new connection opened by the SYN's sender.
 * Expiry is lazy: an entry idle for longer than its state's timeout is treated as absent when next seen.
 * All times are the sequencer's timestamps (SCR §3.4). The `core-clock` variant (makeConntrack) stamps the
 * current packet's entry with the core's own clock and history entries with the sequencer's stamp — what
 * the public eBPF tracker (sebymiano/conntrack-ebpf, `bpf_ktime_get_ns()` in the packet path) does — and
 * replicas diverge.
 */
import { IPPROTO_TCP, isIpv4Tcp, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from "../packet.ts";
import type { CoreEnv, ScrProgram } from "../program.ts";
import { deleteEntry, emptyTable, setEntry } from "./persistent-map.ts";

export type TcpState =
  | "NONE" | "SYN_SENT" | "SYN_RECV" | "ESTABLISHED" | "FIN_WAIT" | "CLOSE_WAIT" | "LAST_ACK" | "TIME_WAIT" | "CLOSE" | "SYN_SENT2";

// Column order of the Linux table.
const COLUMNS: readonly TcpState[] = ["NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2"];
type Cell = TcpState | "IV" | "IG";
const sSS = "SYN_SENT", sSR = "SYN_RECV", sES = "ESTABLISHED", sFW = "FIN_WAIT", sCW = "CLOSE_WAIT",
  sLA = "LAST_ACK", sTW = "TIME_WAIT", sCL = "CLOSE", sS2 = "SYN_SENT2", sIV = "IV", sIG = "IG";

type FlagClass = "syn" | "synack" | "fin" | "ack" | "rst" | "none";
type Direction = "ORIGINAL" | "REPLY";

/** tcp_conntracks[dir][flag class][state]. */
const TABLE: Readonly<Record<Direction, Readonly<Record<FlagClass, readonly Cell[]>>>> = {
  ORIGINAL: {
    //        sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2
    syn:    [sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2],
    synack: [sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR],
    fin:    [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
    ack:    [sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV],
    rst:    [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
    none:   [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
  },
  REPLY: {
    //        sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2
    syn:    [sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2],
    synack: [sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR],
    fin:    [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
    ack:    [sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG],
    rst:    [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
    none:   [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
  },
};

const SECOND = 1_000_000_000;
/** tcp_timeouts (Linux defaults). */
export const TIMEOUT_NS: Readonly<Record<TcpState, number>> = {
  NONE: 0, SYN_SENT: 120 * SECOND, SYN_RECV: 60 * SECOND, ESTABLISHED: 5 * 86_400 * SECOND, FIN_WAIT: 120 * SECOND,
  CLOSE_WAIT: 60 * SECOND, LAST_ACK: 30 * SECOND, TIME_WAIT: 120 * SECOND, CLOSE: 10 * SECOND, SYN_SENT2: 120 * SECOND,
};

/** get_conntrack_index. */
export function flagClass(flags: number): FlagClass {
  if (flags & TCP_RST) return "rst";
  if (flags & TCP_SYN) return flags & TCP_ACK ? "synack" : "syn";
  if (flags & TCP_FIN) return "fin";
  if (flags & TCP_ACK) return "ack";
  return "none";
}

export interface Connection {
  readonly state: TcpState;
  readonly origIp: number;
  readonly origPort: number;
  /** Timestamp of the last packet that moved the connection. */
  readonly lastTs: number;
  /** The responder's ISN, from its SYN-ACK (0 until then). */
  readonly seq: number;
}
export type Connections = ReadonlyMap<string, Connection>;

/** 5-tuple, TCP flags, seq, ack and the timestamp: what a state transition reads (30 B on the wire). */
export interface ConntrackMeta {
  readonly tcp: boolean;
  readonly srcIp: number;
  readonly dstIp: number;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  readonly ts: number;
}
export type ConntrackVerdict = "ACCEPT" | "IGNORE" | "INVALID" | "UNTRACKED";

/** The same key for both directions: endpoints in a fixed order. */
export function connectionKey(m: Pick<ConntrackMeta, "srcIp" | "dstIp" | "srcPort" | "dstPort">): string {
  const a = `${m.srcIp}:${m.srcPort}`;
  const b = `${m.dstIp}:${m.dstPort}`;
  const first = m.srcIp < m.dstIp || (m.srcIp === m.dstIp && m.srcPort <= m.dstPort);
  return `${first ? a : b}-${first ? b : a}/${IPPROTO_TCP}`;
}

export function track(s: Connections, m: ConntrackMeta): { state: Connections; verdict: ConntrackVerdict } {
  if (!m.tcp) return { state: s, verdict: "UNTRACKED" };
  const key = connectionKey(m);
  const stored = s.get(key);
  const live = stored !== undefined && m.ts - stored.lastTs <= TIMEOUT_NS[stored.state] ? stored : undefined;
  const base = live === undefined ? deleteEntry(s, key) : s;
  const old: TcpState = live?.state ?? "NONE";
  const dir: Direction = live === undefined || (live.origIp === m.srcIp && live.origPort === m.srcPort) ? "ORIGINAL" : "REPLY";
  const cls = flagClass(m.flags);
  const cell = TABLE[dir][cls][COLUMNS.indexOf(old)]!;
  if (cell === "IV") return { state: base, verdict: "INVALID" };
  if (cell === "IG") return { state: base, verdict: "IGNORE" };
  if (old === "SYN_RECV" && cell === "ESTABLISHED" && dir === "ORIGINAL" && m.ack !== ((live!.seq + 1) >>> 0)) {
    return { state: base, verdict: "INVALID" };
  }
  const reopened = cell === "SYN_SENT" && (old === "TIME_WAIT" || old === "CLOSE");
  const opener = live === undefined || reopened ? { origIp: m.srcIp, origPort: m.srcPort, seq: 0 } : { origIp: live.origIp, origPort: live.origPort, seq: live.seq };
  const seq = cls === "synack" && dir === "REPLY" ? m.seq : opener.seq;
  return { state: setEntry(base, key, { state: cell, origIp: opener.origIp, origPort: opener.origPort, lastTs: m.ts, seq }), verdict: "ACCEPT" };
}

export function extractConntrackMeta(p: Packet): ConntrackMeta {
  return { tcp: isIpv4Tcp(p), srcIp: p.srcIp, dstIp: p.dstIp, srcPort: p.srcPort, dstPort: p.dstPort, flags: p.tcpFlags, seq: p.seq, ack: p.ack, ts: p.ts };
}

export function makeConntrack(clock: "sequencer" | "core-clock" = "sequencer"): ScrProgram<Connections, ConntrackMeta, ConntrackVerdict> {
  return {
    name: clock === "sequencer" ? "TCP connection tracker" : "TCP connection tracker (core clock)",
    metaBytes: 30,
    init: () => emptyTable(),
    extract: extractConntrackMeta,
    fastForward: (s, m) => track(s, m).state,
    process: (s, p, env?: CoreEnv) => track(s, { ...extractConntrackMeta(p), ...(clock === "core-clock" && env !== undefined ? { ts: env.clockNs } : {}) }),
  };
}

export default makeConntrack();
