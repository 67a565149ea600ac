import { describe, expect, it } from "vitest";
import { PersistentMap } from "../../../core/persistent-map.ts";
import { ETH_P_IPV4, IPPROTO_TCP, TCP_SYN, type Packet } from "../packet.ts";
import { initReplica, receive } from "../replica.ts";
import { initSequencer, sequence, type ScrPacket } from "../sequencer.ts";
import { sprayTarget, toeplitz } from "../spray.ts";
import ddos from "../programs/ddos-mitigator.ts";

const packet = (srcIp: number, ts = 0): Packet => ({
  l3: ETH_P_IPV4, proto: IPPROTO_TCP, srcIp, dstIp: 1, srcPort: 1, dstPort: 1, tcpFlags: TCP_SYN, seq: 0, ack: 0, length: 64, ts,
});

/** Feeds packets with srcIp 1..n; f(p) = srcIp, so a row shows which packet it holds. */
function feed(H: number, n: number): ScrPacket<number>[] {
  let s = initSequencer<number>(H);
  const out: ScrPacket<number>[] = [];
  for (let i = 1; i <= n; i++) {
    const r = sequence(s, packet(i), (p) => p.srcIp);
    out.push(r.scr);
    s = r.next;
  }
  return out;
}

describe("sequencer (SCR §3.3.2, NetFPGA design)", () => {
  it("reads all rows before writing f(p) at the index, then advances the index modulo H", () => {
    const sent = feed(3, 5);
    expect(sent.map((p) => [p.seq, p.index, p.rows])).toEqual([
      [1, 0, [null, null, null]],
      [2, 1, [1, null, null]],
      [3, 2, [1, 2, null]],
      [4, 0, [1, 2, 3]],
      [5, 1, [4, 2, 3]],
    ]);
  });

  it("carries the H previous packets oldest first when read from the index (App. C loop)", () => {
    for (const p of feed(4, 12).slice(4)) {
      const ring = [0, 1, 2, 3].map((j) => p.rows[(p.index + j) % 4]);
      expect(ring).toEqual([p.seq - 4, p.seq - 3, p.seq - 2, p.seq - 1]);
    }
  });

  it("stamps packets with non-decreasing times", () => {
    let s = initSequencer<number>(1);
    const stamps = [50, 20, 70].map((ts) => {
      const r = sequence(s, packet(1, ts), (p) => p.srcIp);
      s = r.next;
      return r.scr.packet.ts;
    });
    expect(stamps).toEqual([50, 50, 70]);
  });

  it("has no rows and no index with H = 0 (one core needs no history)", () => {
    expect(feed(0, 3).map((p) => [p.index, p.rows.length])).toEqual([[0, 0], [0, 0], [0, 0]]);
  });
});

describe("replica core (SCR §3.2, App. C)", () => {
  it("fast-forwards the entries it missed in ring order, then processes its packet, with one verdict (Fig. 3)", () => {
    // k = 3, H = 2: core 0 gets packets 1 and 4; at packet 4 it must catch up on 2 and 3.
    const sent = feed(2, 4);
    let core = initReplica(ddos.init());
    const first = receive(core, 0, sent[0]!, ddos, null);
    core = first.replica;
    expect(first.delivery).toMatchObject({ applied: [], missed: [], verdicts: [{ seq: 1, verdict: "PASS" }] });
    const fourth = receive(core, 0, sent[3]!, ddos, null);
    expect(fourth.delivery).toMatchObject({ applied: [2, 3], missed: [], verdicts: [{ seq: 4, verdict: "PASS" }] });
    expect(fourth.replica.state).toEqual(PersistentMap.of([[1, 1], [2, 1], [3, 1], [4, 1]]));
  });

  it("skips entries it has already applied when H is longer than needed", () => {
    const sent = feed(5, 3);
    const a = receive(initReplica(ddos.init()), 0, sent[1]!, ddos, null);
    const b = receive(a.replica, 0, sent[2]!, ddos, null);
    expect(b.delivery.applied).toEqual([]);
    expect(b.replica.state).toEqual(PersistentMap.of([[1, 1], [2, 1], [3, 1]]));
  });

  it("reports the packets its history did not reach back to", () => {
    const sent = feed(1, 4);
    const r = receive(initReplica(ddos.init()), 0, sent[3]!, ddos, null);
    expect(r.delivery).toMatchObject({ applied: [3], missed: [[1, 2]] });
  });
});

/**
 * historyAtStart "read-zero-rows" (smartnic/bpf-profile samples/xdp_portknock_v7_kern.c, xdp_prog): packet
 * cur_pkt_id < N carries N − 1 entries oldest first, the first pkt_history_start_pos = N − cur_pkt_id of them
 * zero; the loop skips i < pkt_history_start_pos without `md_elem += 1`, so history entry i (packet
 * cur_pkt_id − (N − 1 − i)) is read from slot i − pkt_history_start_pos. Here N = k = 4, H = 3, f(p) = srcIp.
 */
describe("replica core reading the first packets' history as the public eBPF code does (issue 15, 4c)", () => {
  const sent = feed(3, 5);
  const zeroRows = (seq: number, replica = initReplica(ddos.init())) => receive(replica, (seq - 1) % 4, sent[seq - 1]!, ddos, null, "read-zero-rows");

  it("packet #2 (slots 0, 0, #1; start 2): entry #1 is read from slot 0, a zero row, so #1 is never applied", () => {
    const r = zeroRows(2);
    expect(r.delivery.applied).toEqual([]);
    expect(r.replica).toEqual({ state: PersistentMap.of([[2, 1]]), lastApplied: 2 });
    expect(receive(initReplica(ddos.init()), 1, sent[1]!, ddos, null).replica.state).toEqual(PersistentMap.of([[1, 1], [2, 1]]));
  });

  it("packet #3 (slots 0, #1, #2; start 1): entry #1 from slot 0 (zero), entry #2 from slot 1 (#1's row)", () => {
    const r = zeroRows(3);
    expect(r.delivery.applied).toEqual([2]);
    expect(r.replica.state).toEqual(PersistentMap.of([[1, 1], [3, 1]]));
  });

  it("from packet #N on, and with H = 1 (k = 2), nothing is shifted: the design's reading", () => {
    expect(zeroRows(4).replica.state).toEqual(PersistentMap.of([[1, 1], [2, 1], [3, 1], [4, 1]]));
    const afterFirst = zeroRows(1).replica;
    expect(zeroRows(5, afterFirst).delivery.applied).toEqual([2, 3, 4]);
    const two = feed(1, 3);
    const second = receive(initReplica(ddos.init()), 1, two[1]!, ddos, null, "read-zero-rows");
    expect(second.replica.state).toEqual(PersistentMap.of([[1, 1], [2, 1]]));
  });
});

describe("spraying", () => {
  const ip = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  it("hashes like RSS: the Toeplitz hash of the Microsoft RSS verification suite", () => {
    expect(toeplitz({ srcIp: ip(66, 9, 149, 187), dstIp: ip(161, 142, 100, 80), srcPort: 2794, dstPort: 1766 })).toBe(0x51ccc178);
    expect(toeplitz({ srcIp: ip(199, 92, 111, 2), dstIp: ip(65, 69, 140, 83), srcPort: 14230, dstPort: 4739 })).toBe(0xc626b0ea);
  });
  it("sends packet #seq to core (seq − 1) mod k round-robin, and one flow to one core by hash", () => {
    expect([1, 2, 3, 4, 5].map((seq) => sprayTarget("round-robin", seq, packet(9), 3))).toEqual([0, 1, 2, 0, 1]);
    expect(new Set([1, 2, 3, 4, 5].map((seq) => sprayTarget("rss-hash", seq, packet(9), 3))).size).toBe(1);
  });
});
