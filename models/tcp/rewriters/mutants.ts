/**
 * Broken rewriters, resolvable by name like the built-in ones (models/tcp/load-rewriter.ts), for the faults
 * of the TCP system: each breaks the rewriter contract (models/tcp/rewriter.ts) the way a real one might.
 */
import type { AnyRewriter, Edit } from "../rewriter.ts";
import maskWord from "./mask-word.ts";

/**
 * Mask-word, but every chunk after the first also rewrites the byte just before it — a byte the rewriter
 * declared decided with the previous chunk (a match check that looks one byte back and "fixes" it, as a
 * rewriter written for whole buffers does when it is fed segments).
 */
const editsDecidedBytes: AnyRewriter = {
  ...maskWord,
  name: "mask-word (edits the byte before each chunk, already decided)",
  push(state, chunk, at) {
    const r = maskWord.push(state, chunk, at);
    const late: Edit[] = at > 0 ? [{ at: at - 1, remove: 1, insert: [0x2a] }] : [];
    return { ...r, edits: [...late, ...r.edits] };
  },
};

export const MUTANT_REWRITERS: Readonly<Record<string, AnyRewriter>> = {
  "edits-decided-bytes": editsDecidedBytes,
};
