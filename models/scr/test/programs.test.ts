import { getAdjacencyMap, getShortestPaths, type AdjacencyValue } from "@xstate/graph";
import { describe, expect, it } from "vitest";
import { PersistentMap } from "../../../core/persistent-map.ts";
import { ETH_P_IPV4, IPPROTO_TCP, IPPROTO_UDP, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from "../packet.ts";
import { KNOCK_STATES, PORT_1, PORT_2, PORT_3, portKnockingMachine } from "../port-knocking-machine.ts";
import conntrack, { TIMEOUT_NS } from "../programs/conntrack.ts";
import ddos, { DDOS_THRESHOLD } from "../programs/ddos-mitigator.ts";
import heavyHitter, { HEAVY_HITTER_BYTES } from "../programs/heavy-hitter.ts";
import portKnocking from "../programs/port-knocking.ts";
import tokenBucket, { CAPACITY, NS_PER_TOKEN } from "../programs/token-bucket.ts";
import type { ScrProgram } from "../program.ts";

const base: Packet = { l3: ETH_P_IPV4, proto: IPPROTO_TCP, srcIp: 10, dstIp: 20, srcPort: 4_000, dstPort: 80, tcpFlags: TCP_ACK, seq: 0, ack: 0, length: 100, ts: 0 };
const pk = (over: Partial<Packet>): Packet => ({ ...base, ...over });

/** Runs `process` over packets from the program's initial state; returns the verdicts and the final state. */
function run<S, M, V>(program: ScrProgram<S, M, V>, packets: readonly Packet[]): { verdicts: V[]; state: S } {
  let state = program.init();
  const verdicts: V[] = [];
  for (const p of packets) {
    const r = program.process(state, p);
    state = r.state;
    verdicts.push(r.verdict);
  }
  return { verdicts, state };
}

describe("port-knocking automaton (App. C, Fig. 12) as an XState machine", () => {
  const events = [PORT_1, PORT_2, PORT_3, 7].map((dport) => ({ type: "TCP" as const, dport }));
  it("reaches every state, OPEN by exactly the three knocks", () => {
    const paths = getShortestPaths(portKnockingMachine, { events });
    expect(new Set(paths.map((p) => p.state.value))).toEqual(new Set(KNOCK_STATES));
    const open = paths.find((p) => p.state.value === "OPEN")!;
    expect(open.steps.slice(1).map((s) => (s.event as { dport: number }).dport)).toEqual([PORT_1, PORT_2, PORT_3]);
  });
  it("has the transitions of get_new_state: a wrong port goes back to CLOSED_1, OPEN stays OPEN", () => {
    const adjacency = getAdjacencyMap(portKnockingMachine, { events });
    const nodes = Object.values(adjacency) as AdjacencyValue<{ value: unknown }, { dport: number }>[];
    const edges = nodes.flatMap((node) => Object.values(node.transitions).map((t) => `${String(node.state.value)} -${t.event.dport}-> ${String(t.state.value)}`));
    expect(edges.sort()).toEqual([
      "CLOSED_1 -100-> CLOSED_2", "CLOSED_1 -101-> CLOSED_1", "CLOSED_1 -102-> CLOSED_1", "CLOSED_1 -7-> CLOSED_1",
      "CLOSED_2 -100-> CLOSED_1", "CLOSED_2 -101-> CLOSED_3", "CLOSED_2 -102-> CLOSED_1", "CLOSED_2 -7-> CLOSED_1",
      "CLOSED_3 -100-> CLOSED_1", "CLOSED_3 -101-> CLOSED_1", "CLOSED_3 -102-> OPEN", "CLOSED_3 -7-> CLOSED_1",
      "OPEN -100-> OPEN", "OPEN -101-> OPEN", "OPEN -102-> OPEN", "OPEN -7-> OPEN",
    ].sort());
  });
});

describe("the Table 1 programs", () => {
  it("port knocking lets a source through after 100, 101, 102, and drops non-IPv4/TCP without a state change", () => {
    const r = run(portKnocking, [pk({ dstPort: PORT_1 }), pk({ dstPort: PORT_2 }), pk({ proto: IPPROTO_UDP, dstPort: 9 }), pk({ dstPort: PORT_3 }), pk({ dstPort: 9 })]);
    expect(r.verdicts).toEqual(["XDP_DROP", "XDP_DROP", "XDP_DROP", "XDP_TX", "XDP_TX"]);
  });

  it("the DDoS mitigator drops a source above its threshold", () => {
    const r = run(ddos, Array.from({ length: DDOS_THRESHOLD + 1 }, () => base));
    expect(r.verdicts.at(-2)).toBe("PASS");
    expect(r.verdicts.at(-1)).toBe("DROP");
  });

  it("the heavy-hitter monitor flags a 5-tuple once its bytes exceed the threshold", () => {
    const n = HEAVY_HITTER_BYTES / 1_000;
    const r = run(heavyHitter, Array.from({ length: n + 1 }, () => pk({ length: 1_000 })));
    expect(r.verdicts.at(-2)).toBe("PASS");
    expect(r.verdicts.at(-1)).toBe("PASS_HEAVY");
  });

  it("the token bucket passes a burst of its capacity, then refills one token per NS_PER_TOKEN of stamped time", () => {
    const burst = Array.from({ length: CAPACITY + 1 }, () => base);
    expect(run(tokenBucket, burst).verdicts.filter((v) => v === "DROP")).toHaveLength(1);
    const later = [...burst, pk({ ts: NS_PER_TOKEN - 1 }), pk({ ts: NS_PER_TOKEN })];
    expect(run(tokenBucket, later).verdicts.slice(-2)).toEqual(["DROP", "PASS"]);
  });

  describe("the connection tracker (Linux tcp_conntracks)", () => {
    const c = (flags: number, over: Partial<Packet> = {}) => pk({ tcpFlags: flags, ...over });
    const s = (flags: number, over: Partial<Packet> = {}) => pk({ tcpFlags: flags, srcIp: 20, dstIp: 10, srcPort: 80, dstPort: 4_000, ...over });
    const stateOf = (packets: Packet[]) => [...run(conntrack, packets).state.values()].map((e) => e.state);

    it("follows a handshake to ESTABLISHED, both directions sharing one entry", () => {
      const hs = [c(TCP_SYN, { seq: 0xffff_ffff }), s(TCP_SYN | TCP_ACK, { seq: 500, ack: 0 }), c(TCP_ACK, { seq: 0, ack: 501 })];
      expect(run(conntrack, hs).verdicts).toEqual(["ACCEPT", "ACCEPT", "ACCEPT"]);
      expect(stateOf(hs)).toEqual(["ESTABLISHED"]);
    });
    it("rejects the handshake's last ACK when it does not acknowledge the responder's ISN + 1", () => {
      const hs = [c(TCP_SYN), s(TCP_SYN | TCP_ACK, { seq: 500 }), c(TCP_ACK, { ack: 777 })];
      expect(run(conntrack, hs).verdicts.at(-1)).toBe("INVALID");
      expect(stateOf(hs)).toEqual(["SYN_RECV"]);
    });
    it("closes through FIN_WAIT, CLOSE_WAIT, LAST_ACK to TIME_WAIT, and to CLOSE on RST", () => {
      const hs = [c(TCP_SYN), s(TCP_SYN | TCP_ACK, { seq: 500 }), c(TCP_ACK, { ack: 501 })];
      const steps = [c(TCP_FIN | TCP_ACK), s(TCP_ACK), s(TCP_FIN | TCP_ACK), c(TCP_ACK)];
      expect(steps.map((_, i) => stateOf([...hs, ...steps.slice(0, i + 1)])[0])).toEqual(["FIN_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT"]);
      expect(stateOf([...hs, s(TCP_RST)])).toEqual(["CLOSE"]);
    });
    it("marks a SYN-ACK without a connection INVALID, and forgets an entry idle past its timeout", () => {
      expect(run(conntrack, [s(TCP_SYN | TCP_ACK)]).verdicts).toEqual(["INVALID"]);
      const late = TIMEOUT_NS.SYN_SENT + 1;
      expect(run(conntrack, [c(TCP_SYN), s(TCP_SYN | TCP_ACK, { ts: late })]).verdicts).toEqual(["ACCEPT", "INVALID"]);
    });
    it("leaves non-TCP traffic untracked", () => {
      expect(run(conntrack, [pk({ proto: IPPROTO_UDP })])).toEqual({ verdicts: ["UNTRACKED"], state: PersistentMap.empty() });
    });
  });
});
