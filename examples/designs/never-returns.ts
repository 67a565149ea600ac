/** A design whose `process` loops forever once a source has sent five packets: the checker must stop it. */
interface Packet { srcIp: number }
type Counts = ReadonlyMap<number, number>;

export default {
  name: "counter that hangs",
  metaBytes: 4,
  init: (): Counts => new Map(),
  extract: (p: Packet): number => p.srcIp,
  fastForward: (s: Counts, src: number): Counts => new Map(s).set(src, (s.get(src) ?? 0) + 1),
  process(s: Counts, p: Packet) {
    const n = (s.get(p.srcIp) ?? 0) + 1;
    while (n >= 5) {
      // BUG: spins forever
    }
    return { state: new Map(s).set(p.srcIp, n) as Counts, verdict: "PASS" };
  },
};
