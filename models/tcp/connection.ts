/**
 * One connection of the end-to-end model (models/tcp/system.ts): the sender's initial sequence number, the
 * original byte stream, and what the receiver must end up with, `rewrite(original)` — the whole stream
 * through the rewriter in one piece. This is the ground truth the specs compare against; the middlebox
 * itself only ever sees the stream in segments.
 *
 * A stream is written in a trace either as its text (latin-1) or, for long streams, as a length and a seed
 * from which `generateStream` builds words deterministically: a vocabulary with the rewriters' patterns,
 * their prefixes (so that a pattern may straddle segments or almost match) and plain words.
 */
import { mulberry32 } from "../../core/prng.ts";
import { applyEdits, bytesOf, rewriteWhole, RewriterContractError, type AnyRewriter, type Edit } from "./rewriter.ts";

export type StreamSpec = string | { readonly length: number; readonly seed: number };

export interface Connection {
  /** The sender's ISN: the sequence number of the first payload byte (the handshake is not modelled). */
  readonly isn: number;
  readonly stream: StreamSpec;
  /** The original bytes, L of them; the FIN takes sequence number isn + L. */
  readonly bytes: Uint8Array;
  /** The rewriter's edits on the whole stream. */
  readonly edits: readonly Edit[];
  /** rewrite(original): M bytes. */
  readonly expected: Uint8Array;
  /**
   * image[o], o = 0..L: how many bytes of the rewritten stream belong to original bytes before o (the
   * kept bytes, and the bytes inserted before each of them). An insertion at o belongs to byte o.
   */
  readonly image: Int32Array;
}

const VOCABULARY = [
  "ATTACK", "ATTACK", "ATTAC", "ATTA", "ATT", "AT", "A", "TACK", "ACK", "GET", "/index.html", "HTTP/1.1", "Host:", "example.org",
  "hello", "world", "the", "quick", "brown", "fox", "\r\n", "\r\n\r\n", "X", "Y", "Z", "CD", "ABCDEFGH",
].map(bytesOf);

/** Words from the vocabulary, separated by spaces or not, until `length` bytes (mulberry32 as the generator). */
export function generateStream(length: number, seed: number): Uint8Array {
  // Not fast-check's generator: the bytes must stay the same for every version of fast-check, since saved
  // traces name a stream only by its length and seed.
  const next = mulberry32(seed);
  const out = new Uint8Array(length);
  let at = 0;
  while (at < length) {
    const word = VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
    for (let x = 0; x < word.length && at < length; x++) out[at++] = word[x]!;
    if (at < length && next() < 0.7) out[at++] = 0x20;
  }
  return out;
}

export function streamBytes(stream: StreamSpec): Uint8Array {
  return typeof stream === "string" ? Uint8Array.from(bytesOf(stream)) : generateStream(stream.length, stream.seed);
}

/** "ABCDEFGH" (8 B), or "generated, 1 048 576 B, seed 7". */
export function describeStream(stream: StreamSpec): string {
  if (typeof stream === "string") return `${JSON.stringify(stream.length > 40 ? `${stream.slice(0, 37)}...` : stream)} (${stream.length} B)`;
  return `generated, ${stream.length.toLocaleString("en-US")} B, seed ${stream.seed}`;
}

export function openConnection(isn: number, stream: StreamSpec, rewriter: AnyRewriter): Connection {
  const bytes = streamBytes(stream);
  const edits = rewriteWhole(rewriter, Array.from(bytes));
  let expected: Uint8Array;
  try {
    expected = Uint8Array.from(applyEdits(Array.from(bytes), edits));
  } catch (e) {
    // Edits out of order, overlapping or past the end: the rewriter's fault, on the whole stream already.
    if (e instanceof RangeError) throw new RewriterContractError(`${rewriter.name} on the whole stream in one piece: ${e.message}`);
    throw e;
  }
  const image = new Int32Array(bytes.length + 1);
  let e = 0;
  let size = 0;
  for (let o = 0; o < bytes.length; o++) {
    image[o] = size;
    // An edit at o: its inserted bytes belong to byte o. Edits are in order and do not overlap, so the last
    // edit at or before o is the only one whose removal can cover o.
    for (; e < edits.length && edits[e]!.at === o; e++) size += edits[e]!.insert.length;
    const last = edits[e - 1];
    if (last === undefined || last.at + last.remove <= o) size++;
  }
  image[bytes.length] = size;
  return { isn: isn >>> 0, stream, bytes, edits, expected, image };
}
