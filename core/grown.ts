/**
 * Growing typed arrays, as the explorer's tables and buffers do (the visited set, the trail, key writers
 * and batches): a new array of the same kind, twice as long or more, with the old elements at its start.
 */
type Growable = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/** `a`'s elements in an array of its kind at least `atLeast` long: its length doubled as often as needed. */
export function grown<T extends Growable>(a: T, atLeast = a.length + 1): T {
  let size = Math.max(1, a.length * 2);
  while (size < atLeast) size *= 2;
  const bigger = new (a.constructor as new (n: number) => T)(size);
  bigger.set(a);
  return bigger;
}
