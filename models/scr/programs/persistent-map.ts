/**
 * The programs' key-value dictionaries (SCR Table 1, "State: Key → Value") as immutable Maps: an update
 * returns a new Map and leaves its input alone, so a replica's state is never shared by accident.
 */
export function setEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

export function deleteEntry<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
