/**
 * Port-knocking firewall (SCR Table 1: key source IP, value knocking state, 8 B of metadata), SCR-aware as
 * in App. C: the metadata holds the data dependencies (srcip, dport) and the control dependencies
 * (l3proto, l4proto) of the state update; non-IPv4/TCP packets are dropped without a state change; only a
 * packet whose source is OPEN after the update is let through (XDP_TX), all others are dropped.
 */
import { isIpv4Tcp, type Packet } from "../packet.ts";
import { knock, type KnockState } from "../port-knocking-machine.ts";
import type { ScrProgram } from "../program.ts";
import { emptyTable, setEntry } from "./persistent-map.ts";

export type KnockTable = ReadonlyMap<number, KnockState>;
/** App. C (1): l3proto and l4proto (folded into one flag), srcip, dport. */
export interface KnockMeta {
  readonly ipv4Tcp: boolean;
  readonly srcIp: number;
  readonly dport: number;
}
export type XdpVerdict = "XDP_TX" | "XDP_DROP";

const update = (s: KnockTable, srcIp: number, dport: number): { state: KnockTable; now: KnockState } => {
  const now = knock(s.get(srcIp) ?? "CLOSED_1", dport);
  return { state: setEntry(s, srcIp, now), now };
};

const portKnocking: ScrProgram<KnockTable, KnockMeta, XdpVerdict> = {
  name: "port-knocking firewall",
  metaBytes: 8,
  init: () => emptyTable(),
  extract: (p: Packet) => ({ ipv4Tcp: isIpv4Tcp(p), srcIp: p.srcIp, dport: p.dstPort }),
  fastForward(s, m) {
    if (!m.ipv4Tcp) return s; // no state transitions for non-IPv4/TCP history packets
    return update(s, m.srcIp, m.dport).state;
  },
  process(s, p) {
    if (!isIpv4Tcp(p)) return { state: s, verdict: "XDP_DROP" };
    const { state, now } = update(s, p.srcIp, p.dstPort);
    return { state, verdict: now === "OPEN" ? "XDP_TX" : "XDP_DROP" };
  },
};

export default portKnocking;
