/**
 * A stateless filter whose init() builds a table of a million entries and never changes it: checking it
 * must not take hours (the table is built once and shared, and compared by identity), must say what it is
 * doing while init() runs, and ends vacuous — the state never changes, so there is nothing SCR replicates.
 */
interface Packet { dstPort: number }
type Table = ReadonlyMap<number, boolean>;

export default {
  name: "allow-list of a million ports",
  metaBytes: 2,
  init: (): Table => {
    const t = new Map<number, boolean>();
    for (let i = 0; i < 1_000_000; i++) t.set(i, i % 2 === 0);
    return t;
  },
  extract: (p: Packet): number => p.dstPort,
  fastForward: (s: Table): Table => s,
  process: (s: Table, p: Packet) => ({ state: s, verdict: s.get(p.dstPort) ? "PASS" : "DROP" }),
};
