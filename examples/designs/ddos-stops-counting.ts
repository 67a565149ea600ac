/**
 * A DDoS mitigator with a planted bug that needs hundreds of packets of one source: once a source is over
 * the threshold of 300 packets, the history path stops counting it ("it is blocked anyway"), while
 * `process` keeps counting. Replicas then disagree about the source's count — but only after the 301st
 * packet of one source, which uniform random traffic practically never produces.
 */
interface Packet { srcIp: number }
type Counts = ReadonlyMap<number, number>;
const THRESHOLD = 300;

export default {
  name: "DDoS mitigator that stops counting blocked sources in the history",
  metaBytes: 4,
  init: (): Counts => new Map(),
  extract: (p: Packet): number => p.srcIp,
  fastForward(s: Counts, src: number): Counts {
    const n = s.get(src) ?? 0;
    return n > THRESHOLD ? s : new Map(s).set(src, n + 1); // BUG: process() counts on
  },
  process(s: Counts, p: Packet) {
    const n = (s.get(p.srcIp) ?? 0) + 1;
    return { state: new Map(s).set(p.srcIp, n) as Counts, verdict: n > THRESHOLD ? "DROP" : "PASS" };
  },
};
