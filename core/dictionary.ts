/**
 * The constants a user's module compares its input with — string literals, numbers, arrays of bytes, the
 * literal text of regular expressions — read from its source, as fuzzers build their dictionaries (AFL's
 * auto-dictionary, libFuzzer's -dict): a rewriter looking for "foo" or a firewall opening port 8080 is
 * reached in a few runs once "foo" and 8080 are among the values tried, where random bytes or port numbers
 * would practically never hit them.
 *
 * A small lexer, not a parser: it skips comments, reads literals and keeps the ones that can be inputs.
 * Written by hand because the one library that could read TypeScript here (typescript) is a development
 * tool, not a dependency of the command; and a dictionary entry too many costs one more value tried.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

export interface Dictionary {
  /** String literals and regular expressions' literal runs, as written (1..256 characters). */
  readonly strings: readonly string[];
  /** Numeric literals (integers, ≥ 0). */
  readonly numbers: readonly number[];
  /** Array literals of integers 0..255, at least two of them: byte patterns. */
  readonly byteArrays: readonly (readonly number[])[];
}

export const EMPTY_DICTIONARY: Dictionary = { strings: [], numbers: [], byteArrays: [] };

const MAX_ENTRIES = 512;

/** Characters after which a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set(["(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "+", "-", "*", "%", "<", ">", "~", "^", ""]);

function numberOf(text: string): number | null {
  const t = text.replace(/_/g, "").replace(/n$/, "");
  const n = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : /^0[bB]/.test(t) ? parseInt(t.slice(2), 2) : /^0[oO]/.test(t) ? parseInt(t.slice(2), 8) : Number(t);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** The literal runs of a regular expression's source: "fo+o" → "fo", "o". */
function regexRuns(source: string): string[] {
  const runs: string[] = [];
  let run = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\" && i + 1 < source.length) {
      const next = source[++i]!;
      if (/[\\/.^$|?*+()[\]{}-]/.test(next)) run += next;
      else {
        if (run) runs.push(run);
        run = "";
      }
    } else if (/[.^$|?*+()[\]{}]/.test(c)) {
      if (run) runs.push(run);
      run = "";
    } else run += c;
  }
  if (run) runs.push(run);
  return runs;
}

export function harvestLiterals(source: string): Dictionary {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  const arrays: number[][] = [];
  let i = 0;
  let last = ""; // the last significant character, for telling a regex from a division
  let array: number[] | null = null; // an array literal of numbers being read
  const n = source.length;
  while (i < n && strings.size + numbers.size + arrays.length < MAX_ENTRIES) {
    const c = source[i]!;
    if (c === "/" && source[i + 1] === "/") {
      while (i < n && source[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      let text = "";
      let j = i + 1;
      for (; j < n && source[j] !== c; j++) {
        if (source[j] === "\\" && j + 1 < n) {
          const e = source[++j]!;
          text += e === "n" ? "\n" : e === "r" ? "\r" : e === "t" ? "\t" : e === "0" ? "\0" : e;
        } else if (c === "`" && source[j] === "$" && source[j + 1] === "{") {
          // A template's parts are literals; what is interpolated is not.
          if (text) strings.add(text);
          text = "";
          let depth = 0;
          for (j += 2; j < n && !(source[j] === "}" && depth === 0); j++) depth += source[j] === "{" ? 1 : source[j] === "}" ? -1 : 0;
        } else text += source[j];
      }
      if (text.length > 0 && text.length <= 256) strings.add(text);
      array = null;
      i = j + 1;
      last = "x";
      continue;
    }
    if (c === "/" && BEFORE_REGEX.has(last)) {
      let j = i + 1;
      let inClass = false;
      for (; j < n && source[j] !== "\n" && (source[j] !== "/" || inClass); j++) {
        if (source[j] === "\\") j++;
        else if (source[j] === "[") inClass = true;
        else if (source[j] === "]") inClass = false;
      }
      for (const run of regexRuns(source.slice(i + 1, j))) if (run.length <= 256) strings.add(run);
      i = j + 1;
      while (i < n && /[a-z]/.test(source[i]!)) i++; // flags
      last = "x";
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*(\.\d+)?([eE][+-]?\d+)?)n?/.exec(source.slice(i, i + 40));
    if (num) {
      const v = numberOf(num[0]);
      if (v !== null) {
        numbers.add(v);
        if (array !== null) array.push(v);
      } else array = null;
      i += num[0].length;
      last = "0";
      continue;
    }
    if (c === "[") array = [];
    else if (c === "]") {
      if (array !== null && array.length >= 2 && array.every((b) => b <= 255)) arrays.push(array);
      array = null;
    } else if (c !== "," && array !== null) array = null;
    // An identifier or keyword: skip it whole (a digit inside a name is not a number).
    if (/[\w$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(source[j]!)) j++;
      const word = source.slice(i, j);
      last = word === "return" || word === "typeof" || word === "case" ? "" : "x";
      i = j;
      continue;
    }
    last = c;
    i++;
  }
  return { strings: [...strings], numbers: [...numbers], byteArrays: arrays };
}

/** Modules read for one dictionary at most: the user's module and what it imports by relative path. */
const MAX_MODULES = 16;

/**
 * The dictionary of a module file and of the modules it imports by a relative path ("./machine.ts"),
 * transitively, up to MAX_MODULES files; packages are not read. Unreadable files are skipped: a dictionary
 * is a help to the search, never a condition of it.
 */
export function dictionaryOfModule(path: string): Dictionary {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  const byteArrays: (readonly number[])[] = [];
  const queue = [resolve(path)];
  const read = new Set<string>();
  while (queue.length > 0 && read.size < MAX_MODULES) {
    const file = queue.shift()!;
    if (read.has(file)) continue;
    read.add(file);
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const d = harvestLiterals(source);
    for (const s of d.strings) {
      if (/^\.\.?\//.test(s)) {
        const target = [resolve(dirname(file), s), ...[".ts", ".js", ".mts", ".mjs"].map((x) => resolve(dirname(file), s + x))].find((f) => existsSync(f) && statSync(f).isFile());
        if (target !== undefined) queue.push(target);
        continue;
      }
      strings.add(s);
    }
    for (const n of d.numbers) numbers.add(n);
    byteArrays.push(...d.byteArrays);
  }
  return { strings: [...strings], numbers: [...numbers], byteArrays };
}
