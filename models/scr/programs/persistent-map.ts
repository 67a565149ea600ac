/**
 * The programs' key-value dictionaries (SCR Table 1, "State: Key → Value") as immutable Maps: an update
 * returns a new Map and leaves its input alone, so a replica's state is never shared by accident.
 *
 * The copy is made entry by entry with forEach rather than with `new Map(map)`: the same Map, in the same
 * insertion order, about a third faster on the few hundred entries a run's state holds (the constructor
 * goes through the iterator protocol and makes a [key, value] pair per entry). Copies are a large part of
 * what the SCR checks spend (about a fifth, more with their garbage): a packet is fast-forwarded or
 * processed once per core.
 */
function copyOf<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  const next = new Map<K, V>();
  map.forEach((v, k) => next.set(k, v));
  return next;
}

export function setEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  return copyOf(map).set(key, value);
}

export function deleteEntry<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const next = copyOf(map);
  next.delete(key);
  return next;
}
