/**
 * Builds compact state keys for the explorer: every integer is one 16-bit unit (larger ones three), left
 * in the buffer for a `StateSet` to hash and store without making a string at all (core/state-set.ts).
 * A writer is reused: `begin()`, then `int`/`ints`/`append`. Variable-length parts must be written with
 * their length first (`ints` does), so that different states cannot give the same key.
 */
import { grown } from "./grown.ts";

const ESCAPE = 0xffff;

export class KeyWriter {
  /** The key so far: `units[0 .. length)`. */
  units = new Uint16Array(256);
  length = 0;

  begin(): this {
    this.length = 0;
    return this;
  }

  private room(n: number): void {
    if (this.length + n > this.units.length) this.units = grown(this.units, this.length + n);
  }

  /** A non-negative integer below 2^32. */
  int(v: number): this {
    this.room(3);
    if (v >= 0 && v < ESCAPE) {
      this.units[this.length++] = v;
    } else {
      if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) throw new RangeError(`a state key holds integers 0..2^32−1, not ${v}`);
      this.units[this.length++] = ESCAPE;
      this.units[this.length++] = v & 0xffff;
      this.units[this.length++] = v >>> 16;
    }
    return this;
  }

  /** A list of integers, its length first. */
  ints(vs: ArrayLike<number>): this {
    this.int(vs.length);
    for (let x = 0; x < vs.length; x++) this.int(vs[x]!);
    return this;
  }

  /** A string, its length first, then its UTF-16 code units as they are. */
  text(s: string): this {
    return this.int(s.length).chars(s);
  }

  /** A string's UTF-16 code units as they are, without its length: for a key that is one text (core/canonical.ts). */
  chars(s: string): this {
    this.room(s.length);
    const units = this.units;
    let at = this.length;
    for (let x = 0; x < s.length; x++) units[at++] = s.charCodeAt(x);
    this.length = at;
    return this;
  }

  /** One code unit, as `chars` of a one-character string. */
  char(c: number): this {
    this.room(1);
    this.units[this.length++] = c;
    return this;
  }

  /** Units written before (a cached part of a key). */
  append(part: readonly number[]): this {
    this.room(part.length);
    const units = this.units;
    let at = this.length;
    for (let x = 0; x < part.length; x++) units[at++] = part[x]!;
    this.length = at;
    return this;
  }

  /**
   * A copy of the units written since `from`, to cache and `append` later (a plain array: the engine
   * allocates and collects small arrays far faster than small typed arrays).
   */
  since(from: number): number[] {
    const part = new Array<number>(this.length - from);
    for (let x = from; x < this.length; x++) part[x - from] = this.units[x]!;
    return part;
  }

  /** The key written so far, as a list (for tests; the explorer hashes `units` directly). */
  toArray(): number[] {
    return Array.from(this.units.subarray(0, this.length));
  }
}
