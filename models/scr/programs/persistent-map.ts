/**
 * The programs' key-value dictionaries (SCR Table 1, "State: Key → Value"): an update returns a new map and
 * leaves its input alone, so a replica's state is never shared by accident.
 *
 * The built-in programs start from core/persistent-map.ts's map (`emptyTable`), whose updates share every
 * entry they do not touch: a packet is fast-forwarded or processed once per core, and the checks compare
 * the states after each packet, so copying a few hundred entries per update — what these helpers did with
 * Maps — was about a fifth of the SCR checks' time, and comparing them more. A plain Map (a mutant's, a
 * test's) is still copied, entry by entry with forEach (a third faster than `new Map(map)`, which goes
 * through the iterator protocol and makes a [key, value] pair per entry).
 */
import { PersistentMap, type MapKey } from "../../../core/persistent-map.ts";

export function emptyTable<K extends MapKey, V>(): ReadonlyMap<K, V> {
  return PersistentMap.empty<K, V>();
}

function copyOf<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  const next = new Map<K, V>();
  map.forEach((v, k) => next.set(k, v));
  return next;
}

export function setEntry<K extends MapKey, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  if (map instanceof PersistentMap) return (map as PersistentMap<K, V>).with(key, value);
  return copyOf(map).set(key, value);
}

export function deleteEntry<K extends MapKey, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (map instanceof PersistentMap) return (map as PersistentMap<K, V>).without(key);
  if (!map.has(key)) return map;
  const next = copyOf(map);
  next.delete(key);
  return next;
}
