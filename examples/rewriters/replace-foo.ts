/**
 * Replaces "foo" with "barbaz", also across segment boundaries: the last two bytes seen are held back
 * (undecided) until the next bytes show whether they start a "foo" — MiddleClick §IV-B's "request more
 * data". `nfcheck tcp` passes it and reports how many of its edits straddled a segment boundary.
 */
const FOO = [..."foo"].map((c) => c.charCodeAt(0));
const BARBAZ = [..."barbaz"].map((c) => c.charCodeAt(0));

interface State {
  /** Bytes seen but not decided, from offset `from`. */
  readonly pending: readonly number[];
  readonly from: number;
}

function scan(s: State, final: boolean) {
  const edits: { at: number; remove: number; insert: number[] }[] = [];
  let x = 0;
  while (x + FOO.length <= s.pending.length) {
    if (FOO.every((b, y) => s.pending[x + y] === b)) {
      edits.push({ at: s.from + x, remove: FOO.length, insert: BARBAZ });
      x += FOO.length;
    } else x++;
  }
  const decided = final ? s.pending.length : x;
  return { state: { pending: s.pending.slice(decided), from: s.from + decided }, edits, decided: s.from + decided };
}

export default {
  name: "replace-foo",
  init: (): State => ({ pending: [], from: 0 }),
  push: (s: State, chunk: readonly number[]) => scan({ pending: [...s.pending, ...chunk], from: s.from }, false),
  finish: (s: State) => ({ state: s, edits: scan(s, true).edits }),
};
