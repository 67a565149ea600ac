/** The built-in rewriters, by name. */
import type { AnyRewriter } from "../rewriter.ts";
import fig11 from "./fig11.ts";
import insertHeader from "./insert-header.ts";
import maskWord from "./mask-word.ts";
import removeWord from "./remove-word.ts";
import replaceWord from "./replace-word.ts";

export const REWRITERS: Readonly<Record<string, AnyRewriter>> = {
  "remove-word": removeWord, "mask-word": maskWord, "replace-word": replaceWord, "insert-header": insertHeader, fig11,
};
