/**
 * A 64-bit hash of a value's structure — fields, Map entries, Set members, array items, in their
 * iteration order — for telling whether a call changed its input: hash before, hash after. It builds no
 * string (canonicalKey, its exact cousin, sorts and concatenates: a second or more for a state of a
 * million entries), and counts the nodes it visited, so that a caller can budget the work.
 *
 * Two different values may share a hash with probability about 2^-64 per comparison: a missed mutation,
 * never a false one.
 */

export interface StructuralHash {
  /** Two independent 32-bit lanes. */
  readonly hi: number;
  readonly lo: number;
  /** Values visited (containers and leaves). */
  readonly nodes: number;
}

// The walk's state lives at module level, and its helpers are plain functions: a closure made per call
// costs more than hashing a small state (checkers hash a state on every step of an exploration).
let a = 0;
let b = 0;
let nodes = 0;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function mix(x: number): void {
  a = Math.imul(a ^ x, 0x01000193);
  b = Math.imul(b ^ x, 0x5bd1e995) ^ (b >>> 15);
}

function str(s: string): void {
  mix(s.length);
  for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
}

function visitEntry(x: unknown, k: unknown): void {
  visit(k);
  visit(x);
}

function visit(v: unknown): void {
  nodes++;
  switch (typeof v) {
    case "number":
      mix(1);
      f64[0] = Object.is(v, -0) ? 0 : v;
      mix(u32[0]!);
      mix(u32[1]!);
      return;
    case "string": mix(2); str(v); return;
    case "boolean": mix(v ? 3 : 4); return;
    case "undefined": mix(5); return;
    case "bigint": mix(6); str(v.toString()); return;
    case "symbol": mix(7); str(v.toString()); return;
    case "function": mix(8); return;
    case "object": {
      if (v === null) return mix(9);
      if (Array.isArray(v)) {
        mix(10);
        mix(v.length);
        for (const x of v) visit(x);
        return;
      }
      if (v instanceof Map) {
        mix(11);
        mix(v.size);
        // forEach, not for…of: no [key, value] pair per entry (and a persistent map's forEach walks its
        // levels directly, where its iterator is a generator).
        v.forEach(visitEntry);
        return;
      }
      if (v instanceof Set) {
        mix(12);
        mix(v.size);
        for (const x of v) visit(x);
        return;
      }
      if (ArrayBuffer.isView(v)) {
        mix(13);
        const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        mix(bytes.length);
        for (const x of bytes) mix(x);
        return;
      }
      mix(14);
      for (const k of Object.keys(v)) {
        str(k);
        visit((v as Record<string, unknown>)[k]);
      }
      return;
    }
  }
}

export function structuralHash(value: unknown): StructuralHash {
  // Saved and restored: a getter met on the way could hash something itself.
  const [sa, sb, sn] = [a, b, nodes];
  a = 0x811c9dc5 | 0;
  b = 0x9e3779b9 | 0;
  nodes = 0;
  try {
    visit(value);
    return { hi: a >>> 0, lo: b >>> 0, nodes };
  } finally {
    [a, b, nodes] = [sa, sb, sn];
  }
}

export const sameHash = (x: StructuralHash, y: StructuralHash): boolean => x.hi === y.hi && x.lo === y.lo;
