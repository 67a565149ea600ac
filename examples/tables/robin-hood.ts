/**
 * A connection table of your own, as `nfcheck table` takes one: a robin-hood hash table (linear probing
 * ordered by probe distance, backward-shift deletion) with an idle timeout. A plain module, nothing
 * imported; the state is plain data, and nfcheck passes the hash functions.
 *
 *   npx nfcheck table examples/tables/robin-hood.ts
 */
type Hash = (key: string) => number;
interface Entry { readonly key: string; readonly value: number; readonly used: number }
interface State { readonly slots: readonly (Entry | null)[]; readonly hash: Hash }

const TIMEOUT = 2;
const home = (s: State, key: string) => s.hash(key) % s.slots.length;
const distance = (s: State, e: Entry, slot: number) => (slot - home(s, e.key) + s.slots.length) % s.slots.length;
const live = (e: Entry, now: number) => now < e.used + TIMEOUT;

/** The slot of `key`, or -1: probing stops at an empty slot or an entry closer to its home than we are. */
function find(s: State, key: string): number {
  const n = s.slots.length;
  for (let d = 0; d < n; d++) {
    const slot = (home(s, key) + d) % n;
    const e = s.slots[slot];
    if (!e || distance(s, e, slot) < d) return -1;
    if (e.key === key) return slot;
  }
  return -1;
}

/** Empties a slot and shifts the run after it back by one, up to an empty slot or an entry at its home. */
function removeAt(s: State, slot: number): State {
  const slots = [...s.slots];
  const n = slots.length;
  let hole = slot;
  slots[hole] = null;
  for (let d = 1; d < n; d++) {
    const next = (slot + d) % n;
    const e = slots[next];
    if (!e || distance(s, e, next) === 0) break;
    slots[hole] = e;
    slots[next] = null;
    hole = next;
  }
  return { ...s, slots };
}

export default {
  name: "robin hood with a timeout",
  timeout: TIMEOUT,

  init: ({ capacity, hashes }: { capacity: number; hashes: readonly Hash[] }): State => ({ slots: Array.from({ length: capacity }, () => null), hash: hashes[0]! }),

  insert(s: State, key: string, value: number, now: number) {
    const at = find(s, key);
    if (at >= 0 && live(s.slots[at]!, now)) return { state: { ...s, slots: s.slots.map((e, i) => (i === at ? { key, value, used: now } : e)) }, ok: true };
    let state = at >= 0 ? removeAt(s, at) : s;
    // Expired entries are reclaimed before the table is found full.
    for (let i = 0; i < state.slots.length; i++) {
      const e = state.slots[i];
      if (e && !live(e, now)) {
        state = removeAt(state, i);
        i = -1;
      }
    }
    const slots = [...state.slots];
    let carried: Entry = { key, value, used: now };
    let d = 0;
    for (let step = 0; step < slots.length; step++) {
      const slot = (home(state, carried.key) + d) % slots.length;
      const e = slots[slot];
      if (!e) {
        slots[slot] = carried;
        return { state: { ...state, slots }, ok: true };
      }
      if (distance(state, e, slot) < d) {
        slots[slot] = carried;
        carried = e;
        d = distance(state, e, slot);
      }
      d++;
    }
    return { state: s, ok: false };
  },

  lookup(s: State, key: string, now: number) {
    const at = find(s, key);
    return at >= 0 && live(s.slots[at]!, now) ? s.slots[at]!.value : undefined;
  },

  delete(s: State, key: string) {
    const at = find(s, key);
    return at >= 0 ? { state: removeAt(s, at), ok: true } : { state: s, ok: false };
  },
};
