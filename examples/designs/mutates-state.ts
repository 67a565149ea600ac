/** A packet counter that updates its Map in place: replicas that share an object then see each other's writes. */
interface Packet { srcIp: number }
type Counts = Map<number, number>;

export default {
  name: "counter that mutates its input state",
  metaBytes: 4,
  init: (): Counts => new Map(),
  extract: (p: Packet): number => p.srcIp,
  fastForward(s: Counts, src: number): Counts {
    s.set(src, (s.get(src) ?? 0) + 1); // BUG: writes through the caller's reference
    return s;
  },
  process(s: Counts, p: Packet) {
    s.set(p.srcIp, (s.get(p.srcIp) ?? 0) + 1);
    return { state: s, verdict: "PASS" };
  },
};
