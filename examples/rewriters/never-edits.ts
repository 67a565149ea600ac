/**
 * A rewriter that never edits anything: its pattern is 40 bytes made when the module loads (no constant of
 * the module holds them), which no stream will contain. Every run of `nfcheck tcp` passes without checking
 * anything it does, and the checker says so: the status is vacuous, and the exit code 1.
 */
let x = 2_463_534_242;
const PATTERN = Array.from({ length: 40 }, () => {
  x = (x ^ (x << 13)) >>> 0;
  x = (x ^ (x >>> 17)) >>> 0;
  x = (x ^ (x << 5)) >>> 0;
  return x & 0xff;
});

export default {
  name: "never-edits",
  init: () => null,
  push(state: null, chunk: readonly number[], at: number) {
    const edits: { at: number; remove: number; insert: number[] }[] = [];
    for (let i = 0; i + PATTERN.length <= chunk.length; i++) {
      if (PATTERN.every((b, j) => chunk[i + j] === b)) edits.push({ at: at + i, remove: PATTERN.length, insert: [] });
    }
    return { state, edits, decided: at + chunk.length };
  },
  finish: (state: null) => ({ state, edits: [] }),
};
