/**
 * What a stream-rewriting middlebox function is (MiddleClick §IV-B, §IV-C): it sees the bytes of one
 * direction of a TCP stream in order, in whatever pieces the segments bring, and decides edits — remove
 * bytes, insert bytes — in the original stream's coordinates. A pattern may straddle segments, so a
 * rewriter may hold bytes back ("request more data", §IV-B): it says up to where it has decided, and the
 * middlebox releases only the bytes before that point.
 *
 * The contract a user implements (`nfcheck tcp <module>` checks one): `push` gets the next bytes of the
 * stream and returns the edits it has now decided and the offset up to which the stream is decided; it
 * must never edit or undecide bytes before an offset it already declared decided. `finish` is called at
 * the end of the stream and decides the rest. The same bytes must give the same edits whatever the
 * segmentation: that is what makes a retransmission rewrite the same way.
 */

/** A rewriter that breaks its contract: reported as a violation of this property. */
export const REWRITER_CONTRACT = "rewriter-contract";

export class RewriterContractError extends Error {
  override readonly name = "RewriterContractError";
}

/** At original offset `at` (0 = the first payload byte), remove `remove` bytes, then insert `insert`. */
export interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: readonly number[];
}

export interface Rewriter<S> {
  readonly name: string;
  init(): S;
  /** `chunk` is the stream's bytes from offset `at` (= everything pushed before). */
  push(state: S, chunk: readonly number[], at: number): { state: S; edits: readonly Edit[]; decided: number };
  /** End of stream: the last edits; everything is decided. */
  finish(state: S, length: number): { state: S; edits: readonly Edit[] };
}

export type AnyRewriter = Rewriter<any>;

/** The whole stream through the rewriter in one piece: the reference every segmentation must match. */
export function rewriteWhole<S>(rewriter: Rewriter<S>, bytes: readonly number[]): Edit[] {
  const first = rewriter.push(rewriter.init(), bytes, 0);
  return [...first.edits, ...rewriter.finish(first.state, bytes.length).edits];
}

/** The stream pushed in pieces of the given sizes (the last piece takes the rest). */
export function rewriteInPieces<S>(rewriter: Rewriter<S>, bytes: readonly number[], sizes: readonly number[]): { edits: Edit[]; decided: number[] } {
  let state = rewriter.init();
  const edits: Edit[] = [];
  const decided: number[] = [];
  let at = 0;
  for (const size of [...sizes, bytes.length]) {
    if (at >= bytes.length) break;
    const chunk = bytes.slice(at, Math.min(bytes.length, at + Math.max(1, size)));
    const r = rewriter.push(state, chunk, at);
    state = r.state;
    edits.push(...r.edits);
    decided.push(r.decided);
    at += chunk.length;
  }
  edits.push(...rewriter.finish(state, bytes.length).edits);
  return { edits, decided };
}

/** The rewritten stream. Edits must be in stream order and not overlap. */
export function applyEdits(bytes: readonly number[], edits: readonly Edit[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const e of edits) {
    if (e.at < at || e.at + e.remove > bytes.length) throw new RangeError(`edit at ${e.at} (remove ${e.remove}) is out of order or past the end`);
    // Loops, not push(...slice): a slice of a long stream would overflow the call stack as arguments.
    for (let x = at; x < e.at; x++) out.push(bytes[x]!);
    for (const b of e.insert) out.push(b);
    at = e.at + e.remove;
  }
  for (let x = at; x < bytes.length; x++) out.push(bytes[x]!);
  return out;
}

export const bytesOf = (text: string): number[] => [...Buffer.from(text, "latin1")];
export const textOf = (bytes: readonly number[]): string => Buffer.from(bytes).toString("latin1");

/**
 * The modification-list entries of an edit (§IV-C), in the original sequence space starting at `isn`
 * (the sequence number of payload offset 0): an insertion at `at`, then the removal from `at`.
 */
export function modificationsOf(edit: Edit, isn: number): { pos: number; offset: number }[] {
  const pos = (isn + edit.at) >>> 0;
  return [...(edit.insert.length > 0 ? [{ pos, offset: edit.insert.length }] : []), ...(edit.remove > 0 ? [{ pos, offset: -edit.remove }] : [])];
}
