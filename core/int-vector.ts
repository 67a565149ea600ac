/**
 * An immutable array of small integers with cheap updates: chunks of 32 cells, so `set`
 * copies one chunk and the list of chunks, not the whole array, and unchanged chunks are shared between
 * versions. Written here rather than taken from an immutable-collections library because the explorer
 * keys states by these arrays' contents millions of times, and a plain chunk is written into a key far
 * faster than a general persistent list can be walked. (Plain arrays: for chunks this small, V8 copies
 * them faster than typed arrays.)
 */
import type { KeyWriter } from "./key-writer.ts";

const BITS = 5;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;
const ZERO: readonly number[] = new Array<number>(SIZE).fill(0);

export class IntVector {
  private constructor(private readonly chunks: readonly (readonly number[])[], readonly length: number) {}

  /** `length` cells, all 0. */
  static zeros(length: number): IntVector {
    return new IntVector(Array.from({ length: Math.ceil(length / SIZE) }, () => ZERO), length);
  }

  get(i: number): number {
    if (i < 0 || i >= this.length) throw new RangeError(`index ${i} outside 0..${this.length - 1}`);
    return this.chunks[i >> BITS]![i & MASK]!;
  }

  set(i: number, value: number): IntVector {
    if (this.get(i) === value) return this;
    const chunks = this.chunks.slice();
    const chunk = chunks[i >> BITS]!.slice() as number[];
    chunk[i & MASK] = value;
    chunks[i >> BITS] = chunk;
    return new IntVector(chunks, this.length);
  }

  /** Writes the contents to a state key. */
  writeKey(w: KeyWriter): void {
    w.int(this.length);
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const end = Math.min(SIZE, this.length - c * SIZE);
      for (let x = 0; x < end; x++) w.int(chunk[x]!);
    }
  }
}
