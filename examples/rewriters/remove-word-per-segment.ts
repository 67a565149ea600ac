/**
 * A rewriter with a planted bug, for trying `nfcheck tcp`: it removes "ATTACK" but looks for it only inside
 * each piece of the stream it is given and declares every byte decided at once. An "ATTACK" that straddles
 * two segments goes through untouched, so the receiver's stream differs from rewrite(original) — the
 * checker finds it and shrinks the trace to a few bytes. (The fix: hold back the last five bytes, as
 * models/tcp/rewriters/pattern.ts does.)
 */
const PATTERN = [..."ATTACK"].map((c) => c.charCodeAt(0));

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: readonly number[];
}

function matches(chunk: readonly number[], x: number): boolean {
  for (let y = 0; y < PATTERN.length; y++) if (chunk[x + y] !== PATTERN[y]) return false;
  return true;
}

export default {
  name: "remove-word-per-segment",
  init: () => null,
  push(state: null, chunk: readonly number[], at: number) {
    const edits: Edit[] = [];
    for (let x = 0; x + PATTERN.length <= chunk.length; x++) {
      if (matches(chunk, x)) {
        edits.push({ at: at + x, remove: PATTERN.length, insert: [] });
        x += PATTERN.length - 1;
      }
    }
    return { state, edits, decided: at + chunk.length };
  },
  finish: (state: null) => ({ state, edits: [] }),
};
