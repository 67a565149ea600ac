/** Masks every "ATTACK" with as many stars (MiddleClick §V, the "mask" function: same length). */
import { bytesOf } from "../rewriter.ts";
import { patternRewriter } from "./pattern.ts";

export default patternRewriter("mask-word", bytesOf("ATTACK"), bytesOf("******"));
