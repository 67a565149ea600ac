/**
 * The explorer's visited set for models that write their state keys as 16-bit units (Model.writeKey):
 * open addressing over a 32-bit FNV-1a hash, keys stored back to back in one growing arena and compared
 * unit by unit on a hash match, so no string is ever made for a key and the garbage collector never sees
 * one. This is how SPIN stores its state vectors; a JavaScript Set of string keys spends most of an
 * exploration hashing, flattening and collecting those strings. Exact: two states are the same only if
 * their keys are equal (no bit-state hashing).
 */
import type { KeyWriter } from "./key-writer.ts";

export class StateSet {
  private arena = new Uint16Array(1 << 16);
  private used = 0;
  /** starts[n], ends at starts[n + 1]. */
  private starts = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private count = 0;
  /** 0: empty slot; otherwise entry number + 1. */
  private slots = new Int32Array(1 << 13);

  get size(): number {
    return this.count;
  }

  /** Adds the writer's key; true when it was not in the set. */
  add(w: KeyWriter): boolean {
    const units = w.units;
    const n = w.length;
    let h = 0x811c9dc5 | 0;
    for (let x = 0; x < n; x++) h = Math.imul(h ^ units[x]!, 0x01000193);
    const mask = this.slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const entry = this.slots[at]! - 1;
      if (entry < 0) break;
      if (this.hashes[entry] !== h) continue;
      const start = this.starts[entry]!;
      if (this.starts[entry + 1]! - start !== n) continue;
      let same = true;
      for (let x = 0; x < n; x++) if (this.arena[start + x] !== units[x]) { same = false; break; }
      if (same) return false;
    }
    this.store(units, n, h);
    return true;
  }

  private store(units: Uint16Array, n: number, h: number): void {
    if (this.used + n > this.arena.length) this.arena = grow(this.arena, this.used + n);
    this.arena.set(units.subarray(0, n), this.used);
    if (this.count + 2 > this.starts.length) {
      this.starts = grow(this.starts, this.count + 2);
      this.hashes = grow(this.hashes, this.count + 2);
    }
    this.starts[this.count] = this.used;
    this.hashes[this.count] = h;
    this.used += n;
    this.starts[this.count + 1] = this.used;
    this.count++;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(this.count - 1);
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

function grow<T extends Uint16Array | Int32Array>(a: T, atLeast: number): T {
  let size = a.length * 2;
  while (size < atLeast) size *= 2;
  const bigger = new (a.constructor as new (n: number) => T)(size);
  bigger.set(a);
  return bigger;
}
