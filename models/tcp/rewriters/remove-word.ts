/** Removes every "ATTACK" from the stream (MiddleClick §V, the "remove" function). */
import { bytesOf } from "../rewriter.ts";
import { patternRewriter } from "./pattern.ts";

export default patternRewriter("remove-word", bytesOf("ATTACK"), []);
