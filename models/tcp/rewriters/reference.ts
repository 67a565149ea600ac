/**
 * Rewriters that issue the edits of the differential test against FastClick (SOURCES.md, "Measured against
 * the reference code"), resolvable by name like the built-in ones (models/tcp/load-rewriter.ts) but not part
 * of the design's checks. Both are fixed edits (fixed-edits.ts).
 */
import { bytesOf, type AnyRewriter } from "../rewriter.ts";
import { fixedEditsRewriter } from "./fixed-edits.ts";

/**
 * "AB" at offset 0 replaced by "WXYZ", issued as two adjacent edits of one packet: an insertion of 4 bytes
 * at 0, then the removal of the 2 bytes after them (models/tcp/rewriter.ts modificationsOf gives an edit's
 * insertion first). Two elements each making one of them would issue them so; FastClick's own
 * replaceInFlow issues only the net edit.
 */
const replaceAb = fixedEditsRewriter("replace-ab", [{ at: 0, remove: 2, insert: bytesOf("WXYZ") }]);

/** "<br/>" (5 bytes) inserted before offsets 2, 4, 6 and 8: many keys in the trees, for a real prune. */
const brEvery2 = fixedEditsRewriter("br-every-2", [2, 4, 6, 8].map((at) => ({ at, remove: 0, insert: bytesOf("<br/>") })));

export const REFERENCE_REWRITERS: Readonly<Record<string, AnyRewriter>> = { "replace-ab": replaceAb, "br-every-2": brEvery2 };
