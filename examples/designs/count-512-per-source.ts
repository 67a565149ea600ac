/**
 * A per-source counter with a bug that needs 512 packets of one source: from the 512th on, the history path
 * stops counting ("the count saturates"), while `process` counts on. The checker finds it on any seed and
 * shrinks thousands of packets of mixed traffic to the 512 packets of one source that matter, in seconds.
 */
interface Packet { srcIp: number }
type Counts = ReadonlyMap<number, number>;
const SATURATES = 511;

export default {
  name: "counter that saturates in the history at 511",
  metaBytes: 4,
  init: (): Counts => new Map(),
  extract: (p: Packet): number => p.srcIp,
  fastForward(s: Counts, src: number): Counts {
    const n = s.get(src) ?? 0;
    return n >= SATURATES ? s : new Map(s).set(src, n + 1); // BUG: process() counts on
  },
  process(s: Counts, p: Packet) {
    const n = (s.get(p.srcIp) ?? 0) + 1;
    return { state: new Map(s).set(p.srcIp, n) as Counts, verdict: n > SATURATES ? "DROP" : "PASS" };
  },
};
