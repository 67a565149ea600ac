/**
 * Broken variants of the Ribosome model (the mutants of issue 6 and four more), each a config value of the
 * model and each caught by the property that properties/ribosome-checks.ts names for it.
 */
export const RIBOSOME_FAULTS = [
  /** The READ response is glued to the waiting header without comparing the payload's tag. */
  "no-tag-check",
  /** A READ response is glued to the oldest waiting header, not to the header of the request it answers. */
  "oldest-waiting",
  /** The lease of a header-buffer entry covers only headers back in the buffer: an NF drop holds its ID forever. */
  "nf-drop-leaks-entry",
  /** The payload is cut one byte after the header's end (the byte at the cut is lost). */
  "split-offset-off-by-one",
  /** Packets at or below the threshold are split too. */
  "small-packets-split",
  /** A header whose READ was lost is freed when its lease ends, but the drop is not counted. */
  "lost-read-uncounted",
  /** The round-robin choice of RDMA server never advances: every payload goes to server 0. */
  "round-robin-stuck",
  /** A header back before its payload's WRITE completed issues no READ (the switch waits for a completion it never gets). */
  "read-skipped-before-write",
  /** A ring of bytes wraps when the WRITE would start past its end, not end past it: the last WRITE of a lap overruns the ring. */
  "ring-wrap-before-payload",
] as const;
export type RibosomeFault = (typeof RIBOSOME_FAULTS)[number];
