/**
 * The explorer's visited set for models that write their state keys as 16-bit units (Model.writeKey):
 * open addressing over a 32-bit FNV-1a hash, keys stored back to back in chunks (below) and compared
 * unit by unit on a hash match, so no string is ever made for a key and the garbage collector never sees
 * one. This is how SPIN stores its state vectors; a JavaScript Set of string keys spends most of an
 * exploration hashing, flattening and collecting those strings. Exact: two states are the same only if
 * their keys are equal (no bit-state hashing).
 *
 * The keys live in chunks, new ones added as earlier ones fill, never copied: one arena of gigabytes that
 * doubles would copy itself into a second one twice its size, the process's memory jumping by gigabytes in
 * one step, past any ceiling the explorer checks between steps. A key's position is counted across the
 * chunks (bases[c] is where chunk c starts), in a Float64Array, so the keys may take more than 4 GiB.
 */
import { grown } from "./grown.ts";
import type { KeyWriter } from "./key-writer.ts";

/** Chunks grow to 32 Mi units (64 MiB); a key larger than that gets a chunk of its own size. */
const CHUNK_UNITS = 1 << 25;

/** The explorer's visited set: this exact one, or hash compaction's fingerprints (core/fingerprint-set.ts). */
export interface VisitedKeys {
  /** Adds the writer's key; true when it was not in the set. */
  add(w: KeyWriter): boolean;
  /** Adds the key `units[0 .. n)`; true when it was not in the set. */
  addUnits(units: Uint16Array, n: number): boolean;
  readonly size: number;
  /** Bytes of memory an earlier set had written that this one took over (see `spare`): not in the growth of the process. */
  readonly reusedBytes: number;
  /** The exploration is over: the set is not used again, and may hand its memory on (below). */
  release(): void;
}

/**
 * Key chunks of sets whose exploration is over, for the next sets of the process to fill, up to
 * SPARE_UNITS (128 MiB, which the process keeps meanwhile). Memory the process has written before costs
 * nothing more to write; fresh memory costs a page fault per 4 KiB at its first write, which was most of
 * what storing a key cost for the long keys of a model with no key of its own (12–25 µs a page on the
 * two-core machine). `nfcheck check` explores a system and then every fault, and `verify`, the bench and
 * the tests explore many times in one process. A set never reads a chunk beyond what it wrote itself, so
 * what an earlier set left there does not matter.
 */
const spare: Uint16Array[] = [];
let spareUnits = 0;
const SPARE_UNITS = 1 << 26;

export class StateSet implements VisitedKeys {
  private chunks: Uint16Array[];
  private bases: number[] = [0];
  /** Units used in the last chunk. */
  private fill = 0;
  /** Entry n's key: positions starts[n] .. starts[n + 1]. */
  private starts = new Float64Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private count = 0;
  /** 0: empty slot; otherwise entry number + 1. */
  private slots = new Int32Array(1 << 13);
  reusedBytes = 0;

  constructor() {
    this.chunks = [this.chunkOf(1, 1 << 16)];
  }

  get size(): number {
    return this.count;
  }

  add(w: KeyWriter): boolean {
    return this.addUnits(w.units, w.length);
  }

  addUnits(units: Uint16Array, n: number): boolean {
    let h = 0x811c9dc5 | 0;
    for (let x = 0; x < n; x++) h = Math.imul(h ^ units[x]!, 0x01000193);
    const mask = this.slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const entry = this.slots[at]! - 1;
      if (entry < 0) break;
      if (this.hashes[entry] !== h) continue;
      const start = this.starts[entry]!;
      if (this.starts[entry + 1]! - start !== n) continue;
      const c = this.chunkAt(start);
      const chunk = this.chunks[c]!;
      const from = start - this.bases[c]!;
      let same = true;
      for (let x = 0; x < n; x++) if (chunk[from + x] !== units[x]) { same = false; break; }
      if (same) return false;
    }
    this.store(units, n, h);
    return true;
  }

  /** The chunk holding position `at` (a binary search: chunks are few). */
  private chunkAt(at: number): number {
    let lo = 0;
    let hi = this.bases.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bases[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private store(units: Uint16Array, n: number, h: number): void {
    let last = this.chunks[this.chunks.length - 1]!;
    const start = this.starts[this.count]!;
    if (this.fill + n > last.length) {
      // A new chunk, twice the last one up to CHUNK_UNITS; the last one's unused end is left as it is.
      last = this.chunkOf(n, Math.max(n, Math.min(last.length * 2, CHUNK_UNITS)));
      this.chunks.push(last);
      this.bases.push(start);
      this.fill = 0;
    }
    last.set(units.subarray(0, n), this.fill);
    this.fill += n;
    if (this.count + 2 > this.starts.length) {
      this.starts = grown(this.starts, this.count + 2);
      this.hashes = grown(this.hashes, this.count + 2);
    }
    this.hashes[this.count] = h;
    this.starts[this.count + 1] = start + n;
    this.count++;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(this.count - 1);
  }

  /** A chunk of at least `units`: a spare one if there is one large enough, else a new one of `size`. */
  private chunkOf(units: number, size: number): Uint16Array {
    for (let i = spare.length - 1; i >= 0; i--) {
      const c = spare[i]!;
      if (c.length < units) continue;
      spare.splice(i, 1);
      spareUnits -= c.length;
      this.reusedBytes += c.byteLength;
      return c;
    }
    return new Uint16Array(size);
  }

  release(): void {
    for (const c of this.chunks) {
      if (spareUnits + c.length > SPARE_UNITS) continue;
      spare.push(c);
      spareUnits += c.length;
    }
    this.chunks = [];
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let at = this.hashes[entry]! & mask;
    while (this.slots[at] !== 0) at = (at + 1) & mask;
    this.slots[at] = entry + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.count; e++) this.place(e);
  }
}

