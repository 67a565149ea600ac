/**
 * Streams that make a user's rewriter edit, found before the checks run, as a coverage-guided fuzzer finds
 * inputs. A rewriter with a pattern of its own ("foo") never edits the streams of the built-in words, and
 * every run would pass without checking anything; so the search starts from the constants of its module
 * (core/dictionary.ts), the user's streams (`--stream`, `--corpus`), the built-in words and short strings
 * over the bytes those contain, and mutates what did something new: a token inserted, a byte inserted,
 * replaced or removed, a chunk repeated, two streams spliced. Something new is an edit of a new shape
 * (how much it removes and inserts), a new number of edits, or a new amount of bytes held back while the
 * stream is pushed a byte at a time — a rewriter that holds "f" and then "fo" is on its way to "foo", and
 * the search follows it, byte by byte, as a fuzzer follows a comparison.
 *
 * Every stream with edits is then pushed in two pieces, split at each offset: a rewriter whose edits depend
 * on where the segments end (a match missed across a boundary) shows it here, and the split is kept — cut
 * down to the fewest bytes that still show it — for the checks to run first, as a connection whose first
 * segment ends there. Deterministic: the seed fixes every choice; the budget counts calls, not time.
 */
import { bytesOf, rewriteInPieces, rewriteWhole, textOf, type AnyRewriter, type Edit } from "../models/tcp/rewriter.ts";
import type { Dictionary } from "../core/dictionary.ts";
import { below, mulberry32 } from "../core/prng.ts";
import { removeChunks, shrinkLoop } from "../core/shrink.ts";
import { WORDS } from "./tcp-runs.ts";

export interface SplitFinding {
  /** The stream (latin-1 text) and the offset where cutting it in two changes the rewriter's edits. */
  readonly stream: string;
  readonly split: number;
}

export interface TcpDiscovery {
  /** Streams the rewriter edits, shortest first (latin-1 text). */
  readonly corpus: readonly string[];
  /** Streams whose edits change when they are pushed in two pieces. */
  readonly splits: readonly SplitFinding[];
  /** The most bytes the rewriter held back (seen but undecided) on any stream tried. */
  readonly maxHeld: number;
  /** Streams tried. */
  readonly runs: number;
}

export interface TcpDiscoveryOptions {
  readonly seed: number;
  readonly dictionary: Dictionary;
  /** The user's streams: tried first, kept when they are edited. */
  readonly streams?: readonly string[];
  readonly maxRuns?: number;
  /** Longest stream built. */
  readonly maxLength?: number;
  /** Streams kept at most. */
  readonly keep?: number;
}

/** Numbers of edits told apart: 0, 1, 2, 3, 4, a few, many. */
const bucket = (n: number) => (n <= 4 ? String(n) : n <= 16 ? "5-16" : "more");

/** What the rewriter did with a stream, as features, and the most it held back. */
function behaviour(rewriter: AnyRewriter, bytes: readonly number[]): { features: string[]; edits: readonly Edit[]; held: number } | null {
  try {
    const edits = rewriteWhole(rewriter, bytes);
    const features = [`${bucket(edits.length)} edits`, ...edits.map((e) => `an edit removing ${e.remove} and inserting ${e.insert.length} bytes`)];
    // A byte at a time: how much is held back after each byte.
    let state = rewriter.init();
    let held = 0;
    for (let at = 0; at < bytes.length; at++) {
      const r = rewriter.push(state, [bytes[at]!], at);
      state = r.state;
      const h = at + 1 - r.decided;
      held = Math.max(held, h);
      features.push(`${h} byte${h === 1 ? "" : "s"} held back`);
    }
    return { features, edits, held };
  } catch {
    // The checks will report what the rewriter does wrong; the search only looks for what it does.
    return null;
  }
}

const sameEdits = (a: readonly Edit[], b: readonly Edit[]) => JSON.stringify(a) === JSON.stringify(b);

/** The first offset where two pieces give other edits than the whole, or -1. */
function splitThatChanges(rewriter: AnyRewriter, bytes: readonly number[]): number {
  try {
    const whole = rewriteWhole(rewriter, bytes);
    for (let s = 1; s < bytes.length; s++) if (!sameEdits(rewriteInPieces(rewriter, bytes, [s]).edits, whole)) return s;
  } catch {
    return -1;
  }
  return -1;
}

export function discoverTcpStreams(rewriter: AnyRewriter, o: TcpDiscoveryOptions): TcpDiscovery {
  const maxRuns = o.maxRuns ?? 3_000;
  const maxLength = o.maxLength ?? 64;
  const keep = o.keep ?? 16;
  const next = mulberry32(o.seed);
  const latin1 = (s: string) => [...s].every((c) => c.charCodeAt(0) <= 0xff);
  const tokens = [
    ...o.dictionary.strings.filter((s) => latin1(s) && s.length <= maxLength).map(bytesOf),
    ...o.dictionary.byteArrays.filter((a) => a.length <= maxLength).map((a) => [...a]),
    ...WORDS.map(bytesOf),
  ];
  // The bytes worth trying one at a time: those of the tokens, and a few separators.
  const alphabet = [...new Set([...tokens.flat(), ...bytesOf(" x\r\n")])];
  const seen = new Set<string>();
  const edited = new Map<string, readonly number[]>();
  const pool: (readonly number[])[] = [];
  let maxHeld = 0;
  let runs = 0;
  const consider = (bytes: readonly number[]) => {
    if (bytes.length === 0 || bytes.length > maxLength) return;
    runs++;
    const b = behaviour(rewriter, bytes);
    if (b === null) return;
    maxHeld = Math.max(maxHeld, b.held);
    const fresh = b.features.filter((f) => !seen.has(f));
    for (const f of fresh) seen.add(f);
    if (fresh.length > 0) pool.push(bytes);
    if (b.edits.length > 0) {
      const text = textOf(bytes);
      if (!edited.has(text)) edited.set(text, bytes);
    }
  };
  for (const s of o.streams ?? []) consider(bytesOf(s));
  for (const t of tokens) consider(t);
  for (let i = 0; i < 64 && runs < maxRuns; i++) consider(Array.from({ length: 1 + below(next, 12) }, () => alphabet[below(next, alphabet.length)]!));
  while (runs < maxRuns && pool.length > 0) {
    consider(mutate(pool[below(next, pool.length)]!, pool[below(next, pool.length)]!, tokens, alphabet, next));
  }
  const corpus = [...edited.values()].sort((a, b) => a.length - b.length);
  const splits: SplitFinding[] = [];
  for (const bytes of corpus) {
    if (splits.length >= 4) break;
    if (splitThatChanges(rewriter, bytes) < 0) continue;
    // Cut the stream down to the fewest bytes that still show it.
    const least = shrinkLoop(bytes, {
      reducers: [removeChunks<number>()],
      fails: (candidate) => (candidate.length > 1 && splitThatChanges(rewriter, candidate) >= 0 ? candidate : null),
      stop: () => false,
    }).events;
    const finding = { stream: textOf(least), split: splitThatChanges(rewriter, least) };
    if (!splits.some((s) => s.stream === finding.stream)) splits.push(finding);
  }
  return { corpus: corpus.slice(0, keep).map(textOf), splits, maxHeld, runs };
}

function mutate(bytes: readonly number[], other: readonly number[], tokens: readonly (readonly number[])[], alphabet: readonly number[], next: () => number): number[] {
  const at = below(next, bytes.length + 1);
  const token = tokens.length > 0 ? tokens[below(next, tokens.length)]! : [];
  const byte = alphabet[below(next, alphabet.length)]!;
  switch (below(next, 6)) {
    case 0: return [...bytes.slice(0, at), ...token, ...bytes.slice(at)];
    case 1: return [...bytes.slice(0, at), byte, ...bytes.slice(at)];
    case 2: return at < bytes.length ? bytes.with(at, byte) : [...bytes, byte];
    case 3: return [...bytes.slice(0, at), ...bytes.slice(at + 1 + below(next, 3))];
    case 4: {
      const end = Math.min(bytes.length, at + 1 + below(next, 8));
      return [...bytes.slice(0, end), ...bytes.slice(at, end), ...bytes.slice(end)];
    }
    default: return [...bytes.slice(0, at), ...other.slice(below(next, other.length + 1))];
  }
}
