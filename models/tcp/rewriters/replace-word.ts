/** Replaces every "ATTACK" with a longer string (MiddleClick §V, the "replace" function: the stream grows). */
import { bytesOf } from "../rewriter.ts";
import { patternRewriter } from "./pattern.ts";

export default patternRewriter("replace-word", bytesOf("ATTACK"), bytesOf("<b>harmful content removed</b>"));
