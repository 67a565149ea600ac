/** Header injection: inserts a line at a fixed stream offset (here after the first 16 bytes). */
import { bytesOf } from "../rewriter.ts";
import { fixedEditsRewriter } from "./fixed-edits.ts";

export const HEADER_OFFSET = 16;
export default fixedEditsRewriter("insert-header", [{ at: HEADER_OFFSET, remove: 0, insert: bytesOf("X-Inspected: nfcheck\r\n") }]);
