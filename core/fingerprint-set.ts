/**
 * Hash compaction (Holzmann, "The model checker SPIN", 1997; SPIN's -DHC): the visited set keeps a 64-bit
 * fingerprint of each state's key instead of the key. A state is then 16–23 bytes of table whatever its
 * key's length (two 32-bit words a slot, the table at most 70% full), at a price: two different states
 * with the same fingerprint count as one, and the second one's successors may go unexplored. The chance
 * that this happened anywhere in a run of n states is at most n(n − 1)/2 / 2^64 (`omissionProbability`);
 * the explorer prints it with the verdict, so a pass in this mode says how far it can be trusted.
 *
 * The two words are independent hashes of the key's units (FNV-1a and a multiply-rotate hash, each
 * finished with murmur3's avalanche), the key's length mixed into both.
 */
import type { KeyWriter } from "./key-writer.ts";
import type { VisitedKeys } from "./state-set.ts";

const MAX_LOAD = 0.7;

/** murmur3's 32-bit finaliser: every input bit moves every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** The chance that a run of `states` states in a 64-bit fingerprint set missed one: at most the chance of any collision. */
export function omissionProbability(states: number): number {
  return Math.min(1, (states * (states - 1)) / 2 / 2 ** 64);
}

export class FingerprintSet implements VisitedKeys {
  /** Slot s: words 2s and 2s + 1; (0, 0) is empty (a fingerprint (0, 0) is stored as (0, 1)). */
  private slots = new Int32Array(2 << 13);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Nothing taken over, nothing to hand on: the table is one array, in use until the end. */
  readonly reusedBytes = 0;
  release(): void {}

  add(w: KeyWriter): boolean {
    return this.addUnits(w.units, w.length);
  }

  addUnits(units: Uint16Array, n: number): boolean {
    let a = 0x811c9dc5 | 0;
    let b = 0x9747b28c | 0;
    for (let x = 0; x < n; x++) {
      const u = units[x]!;
      a = Math.imul(a ^ u, 0x01000193);
      b = Math.imul(b + u, 0x5bd1e995);
      b = (b << 13) | (b >>> 19);
    }
    a = fmix32(a ^ n);
    b = fmix32(b ^ Math.imul(n, 0x27d4eb2f));
    if (a === 0 && b === 0) b = 1;
    return this.insert(a, b);
  }

  private insert(a: number, b: number): boolean {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let at = a & mask; ; at = (at + 1) & mask) {
      const x = slots[2 * at]!;
      const y = slots[2 * at + 1]!;
      if (x === 0 && y === 0) {
        slots[2 * at] = a;
        slots[2 * at + 1] = b;
        this.count++;
        if (this.count > MAX_LOAD * (mask + 1)) this.grow();
        return true;
      }
      if (x === a && y === b) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.count = 0;
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0 || old[s + 1] !== 0) this.insert(old[s]!, old[s + 1]!);
  }
}
