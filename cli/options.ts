/**
 * Parsing of command-line option values, each with a one-line reason that names the option and says what
 * it takes ("--cores must be an integer from 2 to 16, got "1""). The commands check their options here,
 * where they are read, so that a person never sees the config schema's own words; the schema stays the
 * check of config files.
 */
import { InputError } from "../core/model.ts";

/** What an integer option takes, in words: "an integer from 1 to 8", "positive integers". */
function range(min: number, max: number, plural = false): string {
  const [a, integer] = plural ? ["", "integers"] : ["a ", "integer"];
  if (max < Number.MAX_SAFE_INTEGER) return `${a && "an "}${integer} from ${min} to ${max}`;
  return min === 1 ? `${a}positive ${integer}` : `${a && "an "}${integer} of at least ${min}`;
}

/** Only decimal digits: Number() would also take "", " ", "0x10" and "1e3". */
function integer(text: string, min: number, max: number): number | null {
  const t = text.trim();
  const n = Number(t);
  return /^-?\d+$/.test(t) && Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

export function parseIntOption(text: string, option: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const n = integer(text, min, max);
  if (n === null) throw new InputError(`${option} must be ${range(min, max)}, got "${text}"`);
  return n;
}

export function parsePositiveInt(text: string, option: string): number {
  return parseIntOption(text, option);
}

/** "1,3" → [1, 3]. */
export function parseIntListOption(text: string, option: string, min = 1, max = Number.MAX_SAFE_INTEGER): number[] {
  const values = text.split(",").map((t) => integer(t, min, max));
  if (values.some((n) => n === null)) throw new InputError(`${option} must be a comma-separated list of ${range(min, max, true)}, got "${text}"`);
  return values as number[];
}

export function parseChoice<T extends string>(text: string, option: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw new InputError(`${option} must be one of ${allowed.join(", ")}, got "${text}"`);
  return text as T;
}

/** "1-8", "3", "1,2,4" → core counts, each from 1 to `max`. */
export function parseCores(text: string, max: number): number[] {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new InputError(`--cores: expected a list like 1-8 or 1,2,4, got "${text}"`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < 1 || hi > max || lo > hi) throw new InputError(`--cores: core counts must be between 1 and ${max}, got "${part.trim()}"`);
    for (let k = lo; k <= hi; k++) out.add(k);
  }
  return [...out].sort((a, b) => a - b);
}

/** "--shrink-time 30" → 30 000 ms. */
export function parseShrinkTime(text: string): number {
  const s = Number(text.trim().replace(/s$/, ""));
  if (!Number.isFinite(s) || s <= 0 || text.trim() === "") throw new InputError(`--shrink-time: expected a number of seconds above 0, got "${text}"`);
  return Math.round(s * 1_000);
}
