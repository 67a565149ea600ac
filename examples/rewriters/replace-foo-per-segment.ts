/**
 * A rewriter with a pattern of its own and a planted bug, for trying `nfcheck tcp`: it replaces "foo" with
 * "barbaz", but looks for "foo" only inside each piece of the stream and declares every byte decided at
 * once, so a "foo" split across two segments goes through untouched. The checker needs no hint: it finds
 * "foo" among the module's constants, sees that cutting "foo" in two changes the edits, and reports
 * stream-equivalence with a trace of a few events. Its correct twin is replace-foo.ts.
 */
const FOO = [..."foo"].map((c) => c.charCodeAt(0));
const BARBAZ = [..."barbaz"].map((c) => c.charCodeAt(0));

export default {
  name: "replace-foo-per-segment",
  init: () => null,
  push(state: null, chunk: readonly number[], at: number) {
    const edits: { at: number; remove: number; insert: number[] }[] = [];
    for (let x = 0; x + FOO.length <= chunk.length; x++) {
      if (FOO.every((b, y) => chunk[x + y] === b)) {
        edits.push({ at: at + x, remove: FOO.length, insert: BARBAZ });
        x += FOO.length - 1;
      }
    }
    return { state, edits, decided: at + chunk.length }; // BUG: a "fo" at the end of the chunk is decided
  },
  finish: (state: null) => ({ state, edits: [] }),
};
