/**
 * Builds compact state keys for the explorer: every integer is one UTF-16 code unit (larger ones three),
 * and the key comes out as one flat string. A key made by concatenating decimal text is several times
 * longer and a rope until first hashed; with millions of states, the visited set's hashing dominates.
 * A writer is reused: `begin()`, then `int`/`ints`, then `end()`. Variable-length parts must be written
 * with their length first (`ints` does), so that different states cannot give the same key.
 */
const ESCAPE = 0xffff;

export class KeyWriter {
  private buffer = new Uint16Array(256);
  private length = 0;

  begin(): this {
    this.length = 0;
    return this;
  }

  /** A non-negative integer below 2^32. */
  int(v: number): this {
    if (this.length + 3 > this.buffer.length) {
      const bigger = new Uint16Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    if (v >= 0 && v < ESCAPE) {
      this.buffer[this.length++] = v;
    } else {
      if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) throw new RangeError(`a state key holds integers 0..2^32−1, not ${v}`);
      this.buffer[this.length++] = ESCAPE;
      this.buffer[this.length++] = v & 0xffff;
      this.buffer[this.length++] = v >>> 16;
    }
    return this;
  }

  /** A list of integers, its length first. */
  ints(vs: ArrayLike<number>): this {
    this.int(vs.length);
    for (let x = 0; x < vs.length; x++) this.int(vs[x]!);
    return this;
  }

  end(): string {
    let text = "";
    // fromCharCode over chunks: one call per 4 096 units keeps clear of the engine's argument limit.
    for (let at = 0; at < this.length; at += 4_096) {
      text += String.fromCharCode.apply(null, this.buffer.subarray(at, Math.min(this.length, at + 4_096)) as unknown as number[]);
    }
    return text;
  }
}
