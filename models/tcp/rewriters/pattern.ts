/**
 * A rewriter that replaces every occurrence of a byte pattern by a given string (shorter: removal, same
 * length: masking, longer: replacement), found across segment boundaries: the last `pattern.length − 1`
 * bytes seen are held back, since they may be the start of an occurrence (MiddleClick §IV-B: "request more
 * data"). Occurrences do not overlap; the search goes left to right.
 */
import type { Edit, Rewriter } from "../rewriter.ts";

interface PatternState {
  /** Bytes seen but not yet decided, starting at offset `from`. */
  readonly pending: readonly number[];
  readonly from: number;
}

export function patternRewriter(name: string, pattern: readonly number[], replacement: readonly number[]): Rewriter<PatternState> {
  if (pattern.length === 0) throw new Error("a pattern needs at least one byte");
  const scan = (s: PatternState, final: boolean): { state: PatternState; edits: Edit[]; decided: number } => {
    const edits: Edit[] = [];
    const p = s.pending;
    let x = 0;
    let decidedTo = 0; // bytes of `pending` that are decided
    while (x + pattern.length <= p.length) {
      let match = true;
      for (let y = 0; y < pattern.length; y++) if (p[x + y] !== pattern[y]) { match = false; break; }
      if (match) {
        edits.push({ at: s.from + x, remove: pattern.length, insert: replacement });
        x += pattern.length;
      } else {
        x++;
      }
      decidedTo = x;
    }
    // Fewer than pattern.length bytes remain unscanned: keep them unless the stream has ended.
    if (final) decidedTo = p.length;
    return { state: { pending: p.slice(decidedTo), from: s.from + decidedTo }, edits, decided: s.from + decidedTo };
  };
  return {
    name,
    init: () => ({ pending: [], from: 0 }),
    push: (s, chunk) => scan({ pending: [...s.pending, ...chunk], from: s.from }, false),
    finish: (s) => ({ state: { pending: [], from: s.from + s.pending.length }, edits: scan(s, true).edits }),
  };
}
