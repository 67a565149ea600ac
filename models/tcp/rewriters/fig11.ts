/** MiddleClick Fig. 11: "CD" (2 bytes) removed at position 2, "XYZ" inserted at position 5 (before F). */
import { bytesOf } from "../rewriter.ts";
import { fixedEditsRewriter } from "./fixed-edits.ts";

export default fixedEditsRewriter("fig11", [{ at: 2, remove: 2, insert: [] }, { at: 5, remove: 0, insert: bytesOf("XYZ") }]);
