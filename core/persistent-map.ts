/**
 * A persistent map: `with` and `without` return a new map that shares every part the update did not touch
 * with the map it came from (a hash array mapped trie, 32 ways per level), so an update costs a few small
 * arrays instead of a copy of every entry, and two maps that share parts are compared without walking them.
 *
 * The SCR checks update a program's dictionary once per packet on each core and on the reference, and
 * compare the results after every packet (specs/scr.ts): with Maps copied on each update, copies and
 * comparisons were most of what those checks spent. Immutable.js and the like share structure too, but
 * compare entry by entry; the comparison of shared parts by identity is what this file is written for
 * (a hand-written trie of about three hundred lines, for that reason).
 *
 * It is a Map to every reader — `instanceof Map`, `get`, `has`, `size`, iteration, `forEach` — so that the
 * code that keys, hashes, prints, diffs and freezes states treats it as one; of that code only
 * core/deep-equal.ts asks for it by name (node's deep equality looks at a Map's own storage, which this one
 * leaves empty, and the levels found equal are remembered: see `equal`). Its
 * writers `set`, `delete` and `clear` throw: a state is never changed in place.
 *
 * Keys are strings, numbers, booleans, bigints, undefined or null, compared as a Map compares them (NaN is
 * NaN, -0 is 0). Entries come out in the order of their keys' hashes, the same for two maps with the same
 * keys whatever order they were added in: the trie's shape depends only on the keys it holds (a level is
 * added only where two keys' hashes agree so far, and removed when a removal leaves one entry under it).
 */

/** An entry: its key's hash, the key, the value. */
class Leaf<K, V> {
  constructor(readonly hash: number, readonly key: K, readonly value: V) {}
}

/** Keys whose 32-bit hashes are equal, in the order of the keys (keyOrder). */
class Collision<K, V> {
  constructor(readonly hash: number, readonly leaves: readonly Leaf<K, V>[]) {}
}

/** A level: bit i of `bitmap` set when slot i (5 bits of the hash) holds something; the slots, in bit order. */
class Branch<K, V> {
  constructor(readonly bitmap: number, readonly slots: readonly Slot<K, V>[]) {}
}

type Slot<K, V> = Leaf<K, V> | Collision<K, V> | Branch<K, V>;

const BITS = 5;
const MASK = 31;

export type MapKey = string | number | boolean | bigint | undefined | null;

/** The key's 32-bit hash: murmur3's finaliser over the number, or over a string's characters. */
export function hashKey(key: unknown): number {
  let h: number;
  if (typeof key === "number" && ((key | 0) === key || (key >>> 0) === key)) h = key | 0;
  else if (typeof key === "string") h = stringHash(key, 0x9747b28c);
  else if (typeof key === "object" || typeof key === "function" || typeof key === "symbol") {
    throw new TypeError(`a persistent map's keys are strings, numbers or other primitives, not ${typeof key === "symbol" ? "symbols" : "objects"}`);
  } else h = stringHash(`${typeof key}:${String(key)}`, 0x1b873593);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function stringHash(s: string, seed: number): number {
  let h = seed ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Map's key equality (SameValueZero). */
const sameKey = (a: unknown, b: unknown): boolean => a === b || (a !== a && b !== b);

/** A total order of keys, for the leaves of a collision: by type, then by value. */
function keyOrder(a: unknown, b: unknown): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (ta === "number" && (a !== a || b !== b)) return a !== a ? (b !== b ? 0 : 1) : -1;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
};

const chunk = (hash: number, shift: number): number => (hash >>> shift) & MASK;

function find<K, V>(node: Slot<K, V>, hash: number, key: unknown, shift: number): Leaf<K, V> | undefined {
  for (;;) {
    if (node instanceof Branch) {
      const bit = 1 << chunk(hash, shift);
      if ((node.bitmap & bit) === 0) return undefined;
      node = node.slots[popcount(node.bitmap & (bit - 1))]!;
      shift += BITS;
    } else if (node instanceof Leaf) {
      return sameKey(node.key, key) ? node : undefined;
    } else {
      if (node.hash !== hash) return undefined;
      for (const l of node.leaves) if (sameKey(l.key, key)) return l;
      return undefined;
    }
  }
}

/** Two slots that hash apart from `shift` on, under as many levels as their hashes agree. */
function pair<K, V>(a: Leaf<K, V> | Collision<K, V>, b: Leaf<K, V>, shift: number): Branch<K, V> {
  const ca = chunk(a.hash, shift);
  const cb = chunk(b.hash, shift);
  if (ca === cb) return new Branch(1 << ca, [pair(a, b, shift + BITS)]);
  return new Branch((1 << ca) | (1 << cb), ca < cb ? [a, b] : [b, a]);
}

function withLeaf<K, V>(node: Slot<K, V>, leaf: Leaf<K, V>, shift: number): Slot<K, V> {
  if (node instanceof Branch) {
    const bit = 1 << chunk(leaf.hash, shift);
    const at = popcount(node.bitmap & (bit - 1));
    if ((node.bitmap & bit) === 0) return new Branch(node.bitmap | bit, node.slots.toSpliced(at, 0, leaf));
    const child = node.slots[at]!;
    const next = withLeaf(child, leaf, shift + BITS);
    return next === child ? node : new Branch(node.bitmap, node.slots.with(at, next));
  }
  if (node instanceof Leaf) {
    if (sameKey(node.key, leaf.key)) return Object.is(node.value, leaf.value) ? node : leaf;
    if (node.hash === leaf.hash) return new Collision(leaf.hash, [node, leaf].sort((a, b) => keyOrder(a.key, b.key)));
    return pair(node, leaf, shift);
  }
  if (node.hash !== leaf.hash) return pair(node, leaf, shift);
  const i = node.leaves.findIndex((l) => sameKey(l.key, leaf.key));
  if (i >= 0) return Object.is(node.leaves[i]!.value, leaf.value) ? node : new Collision(node.hash, node.leaves.with(i, leaf));
  return new Collision(node.hash, [...node.leaves, leaf].sort((a, b) => keyOrder(a.key, b.key)));
}

/** The slot without `key`: the same slot when it has no such key, undefined when nothing is left. */
function withoutKey<K, V>(node: Slot<K, V>, hash: number, key: unknown, shift: number): Slot<K, V> | undefined {
  if (node instanceof Branch) {
    const bit = 1 << chunk(hash, shift);
    if ((node.bitmap & bit) === 0) return node;
    const at = popcount(node.bitmap & (bit - 1));
    const child = node.slots[at]!;
    const next = withoutKey(child, hash, key, shift + BITS);
    if (next === child) return node;
    if (next === undefined) {
      if (node.slots.length === 1) return undefined;
      const rest = node.slots.toSpliced(at, 1);
      // A level below the root left with one entry (or collision) is that entry: the shape stays canonical.
      if (shift > 0 && rest.length === 1 && !(rest[0] instanceof Branch)) return rest[0];
      return new Branch(node.bitmap & ~bit, rest);
    }
    if (shift > 0 && node.slots.length === 1 && !(next instanceof Branch)) return next;
    return new Branch(node.bitmap, node.slots.with(at, next));
  }
  if (node instanceof Leaf) return sameKey(node.key, key) ? undefined : node;
  if (node.hash !== hash) return node;
  const rest = node.leaves.filter((l) => !sameKey(l.key, key));
  if (rest.length === node.leaves.length) return node;
  return rest.length === 1 ? rest[0] : new Collision(node.hash, rest);
}

function each<K, V>(node: Slot<K, V>, f: (leaf: Leaf<K, V>) => void): void {
  if (node instanceof Branch) for (const s of node.slots) each(s, f);
  else if (node instanceof Leaf) f(node);
  else for (const l of node.leaves) f(l);
}

function* leavesOf<K, V>(node: Slot<K, V>): Generator<Leaf<K, V>> {
  if (node instanceof Branch) for (const s of node.slots) yield* leavesOf(s);
  else if (node instanceof Leaf) yield node;
  else yield* node.leaves;
}

function count<K, V>(node: Slot<K, V>): number {
  if (node instanceof Branch) {
    let n = 0;
    for (const s of node.slots) n += count(s);
    return n;
  }
  return node instanceof Leaf ? 1 : node.leaves.length;
}

/**
 * Levels found equal before, under one equality of values: a level of the first map → the level of the
 * second it equals. Levels never change once made, so an equality found stays true — provided the values
 * under them do not change either, which is what a state's values promise (no-input-mutation checks the
 * programs that use these maps, and freeze mode every model).
 */
export type EqualLevels = WeakMap<object, object>;

/** Whether two slots at the same place hold the same keys with equal values; shared slots are equal at once. */
function sameSlots<K, V>(a: Slot<K, V>, b: Slot<K, V>, shift: number, equalValues: (x: V, y: V) => boolean, known: EqualLevels | undefined): boolean {
  if (a === b) return true;
  if (a instanceof Branch && b instanceof Branch && a.bitmap === b.bitmap) {
    if (known !== undefined && (known.get(a) === b || known.get(b) === a)) return true;
    for (let i = 0; i < a.slots.length; i++) if (!sameSlots(a.slots[i]!, b.slots[i]!, shift + BITS, equalValues, known)) return false;
    known?.set(a, b);
    return true;
  }
  if (a instanceof Leaf && b instanceof Leaf) return sameKey(a.key, b.key) && equalValues(a.value, b.value);
  // Shapes differ: by the header, the keys differ too; looked up one by one all the same, so that an answer
  // never rests on the shape alone.
  if (count(a) !== count(b)) return false;
  for (const l of leavesOf(a)) {
    const other = find(b, l.hash, l.key, shift);
    if (other === undefined || !equalValues(l.value, other.value)) return false;
  }
  return true;
}

function refuse(what: string): never {
  throw new TypeError(`cannot ${what} of a persistent map in place: it returns a new map from with() and without()`);
}

export class PersistentMap<K extends MapKey, V> extends Map<K, V> {
  readonly #root: Branch<K, V> | null;
  readonly #size: number;

  private constructor(root: Branch<K, V> | null, size: number) {
    super();
    this.#root = root;
    this.#size = size;
  }

  static empty<K extends MapKey, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>(null, 0);
  }

  static of<K extends MapKey, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    let m = PersistentMap.empty<K, V>();
    for (const [k, v] of entries) m = m.with(k, v);
    return m;
  }

  /** This map with `key` set to `value` (this very map when it already holds that value there). */
  with(key: K, value: V): PersistentMap<K, V> {
    // -0 is kept as 0, as a Map keeps it.
    const leaf = new Leaf(hashKey(key), (Object.is(key, -0) ? 0 : key) as K, value);
    const root = this.#root ?? new Branch<K, V>(0, []);
    const next = withLeaf(root, leaf, 0) as Branch<K, V>;
    if (next === root) return this;
    return new PersistentMap(next, this.#root !== null && find(this.#root, leaf.hash, key, 0) !== undefined ? this.#size : this.#size + 1);
  }

  /** This map without `key` (this very map when it has no such key). */
  without(key: K): PersistentMap<K, V> {
    if (this.#root === null) return this;
    const next = withoutKey(this.#root, hashKey(key), key, 0) as Branch<K, V> | undefined;
    if (next === this.#root) return this;
    return new PersistentMap(next ?? null, this.#size - 1);
  }

  /**
   * Same keys, and values equal by `equalValues`; parts the two maps share are not walked, nor, with
   * `known` (kept by the caller for one `equalValues`), parts found equal in an earlier comparison. The SCR
   * checks compare a core's state with the reference's after each of the core's packets: both sides have
   * changed only along the paths of the keys of the packets since, and only those are walked.
   */
  static equal<K extends MapKey, V>(a: PersistentMap<K, V>, b: PersistentMap<K, V>, equalValues: (x: V, y: V) => boolean, known?: EqualLevels): boolean {
    if (a === b) return true;
    if (a.#size !== b.#size) return false;
    if (a.#root === null || b.#root === null) return a.#root === b.#root;
    return sameSlots(a.#root, b.#root, 0, equalValues, known);
  }

  override get(key: K): V | undefined {
    return this.#root === null ? undefined : find(this.#root, hashKey(key), key, 0)?.value;
  }

  override has(key: K): boolean {
    return this.#root !== null && find(this.#root, hashKey(key), key, 0) !== undefined;
  }

  override forEach(f: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    if (this.#root !== null) each(this.#root, (l) => f.call(thisArg, l.value, l.key, this));
  }

  override *entries(): MapIterator<[K, V]> {
    if (this.#root !== null) for (const l of leavesOf(this.#root)) yield [l.key, l.value];
  }

  override *keys(): MapIterator<K> {
    if (this.#root !== null) for (const l of leavesOf(this.#root)) yield l.key;
  }

  override *values(): MapIterator<V> {
    if (this.#root !== null) for (const l of leavesOf(this.#root)) yield l.value;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override get size(): number {
    return this.#size;
  }

  override set(_key: K, _value: V): this {
    return refuse("set an entry");
  }

  override delete(_key: K): boolean {
    return refuse("delete an entry");
  }

  override clear(): void {
    refuse("clear the entries");
  }

  /** How node prints it (a test's failure, a debugger): as the Map of its entries. */
  [Symbol.for("nodejs.util.inspect.custom")](_depth: number, options: object, inspect: (v: unknown, o: object) => string): string {
    return `PersistentMap ${inspect(new Map(this), options)}`;
  }
}
