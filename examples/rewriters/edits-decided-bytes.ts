/**
 * A rewriter that breaks its contract, for trying `nfcheck tcp`: it masks every "A" with "*", but edits
 * the byte before each chunk too, which it had already declared decided (the middlebox may have forwarded
 * it). The checker reports it: as a violation of rewriter-contract where the late edit arrives, or — in a
 * shorter trace — of stream-equivalence, where the receiver already has the byte that edit changes.
 */
export default {
  name: "edits-decided-bytes",
  init: () => null,
  push(state: null, chunk: readonly number[], at: number) {
    const edits = chunk.flatMap((b, x) => (b === 0x41 ? [{ at: Math.max(0, at + x - 1), remove: 1, insert: [0x2a] }] : []));
    return { state, edits, decided: at + chunk.length };
  },
  finish: (state: null) => ({ state, edits: [] }),
};
