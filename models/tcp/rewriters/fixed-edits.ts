/**
 * A rewriter whose edits sit at fixed offsets of the stream (header injection, the Fig. 11 example). An
 * edit is decided once the stream has reached its end (`at + remove`); bytes before the next undecided
 * edit are released at once. Edits past the end of a shorter stream are dropped at `finish`, except an
 * insertion exactly at the end.
 */
import type { Edit, Rewriter } from "../rewriter.ts";

interface FixedState {
  /** Edits not yet decided, in order. */
  readonly rest: readonly Edit[];
  readonly seen: number;
}

export function fixedEditsRewriter(name: string, edits: readonly Edit[]): Rewriter<FixedState> {
  for (let x = 1; x < edits.length; x++) {
    if (edits[x]!.at < edits[x - 1]!.at + edits[x - 1]!.remove) throw new Error(`${name}: edits out of order or overlapping`);
  }
  const decide = (s: FixedState, seen: number, final: boolean) => {
    let n = 0;
    while (n < s.rest.length && s.rest[n]!.at + s.rest[n]!.remove <= seen) n++;
    const done = s.rest.slice(0, n);
    const rest = final ? [] : s.rest.slice(n);
    const next = rest[0];
    return { state: { rest, seen }, edits: done, decided: next === undefined ? seen : Math.min(seen, next.at) };
  };
  return {
    name,
    init: () => ({ rest: edits, seen: 0 }),
    push: (s, chunk, at) => decide(s, at + chunk.length, false),
    finish: (s, length) => {
      const r = decide(s, length, true);
      return { state: r.state, edits: r.edits };
    },
  };
}
