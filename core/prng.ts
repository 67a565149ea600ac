/**
 * mulberry32: a 32-bit generator in a few lines, for searches that must give the same sequence for a seed
 * in every version of this tool (saved traces and corpora name their inputs by seed). fast-check's own
 * generator belongs to fast-check's version; these sequences must not move when it does.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in 0..n−1 from a generator of [0, 1). */
export const below = (next: () => number, n: number): number => Math.floor(next() * n);
