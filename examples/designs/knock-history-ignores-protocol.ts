/**
 * A port-knocking firewall with a planted bug: the history path forgets the control dependency of App. C
 * ("the loop must implement appropriate control flow before the state update"), so a UDP packet to a knock
 * port fast-forwards the knock state that `process` would have left alone. A few packets show it.
 * Like any design, it needs nothing from nfcheck: the contract is structural.
 */
type Knock = "CLOSED_1" | "CLOSED_2" | "CLOSED_3" | "OPEN";
interface Packet { l3: number; proto: number; srcIp: number; dstPort: number }
interface Meta { ipv4Tcp: boolean; srcIp: number; dport: number }
type State = ReadonlyMap<number, Knock>;

const PORTS = [100, 101, 102];
function next(state: Knock, dport: number): Knock {
  if (state === "OPEN") return "OPEN";
  if (state === "CLOSED_1" && dport === PORTS[0]) return "CLOSED_2";
  if (state === "CLOSED_2" && dport === PORTS[1]) return "CLOSED_3";
  if (state === "CLOSED_3" && dport === PORTS[2]) return "OPEN";
  return "CLOSED_1";
}
const knock = (s: State, src: number, dport: number): State => new Map(s).set(src, next(s.get(src) ?? "CLOSED_1", dport));

export default {
  name: "port knocking, history ignores the protocol",
  metaBytes: 8,
  init: (): State => new Map(),
  extract: (p: Packet): Meta => ({ ipv4Tcp: p.l3 === 0x0800 && p.proto === 6, srcIp: p.srcIp, dport: p.dstPort }),
  fastForward: (s: State, m: Meta): State => knock(s, m.srcIp, m.dport), // BUG: no `if (!m.ipv4Tcp) return s;`
  process(s: State, p: Packet) {
    if (p.l3 !== 0x0800 || p.proto !== 6) return { state: s, verdict: "XDP_DROP" };
    const state = knock(s, p.srcIp, p.dstPort);
    return { state, verdict: state.get(p.srcIp) === "OPEN" ? "XDP_TX" : "XDP_DROP" };
  },
};
