/**
 * A model's state as JSON for the report: Maps become objects (or lists of [key, value] pairs when a key
 * is not a string or a number), Sets and typed arrays lists, bigints strings, undefined null. Models keep
 * their own representations (they read like the papers); the report shows them all the same way.
 */
export type Plain = null | boolean | number | string | readonly Plain[] | { readonly [k: string]: Plain };

export function toPlain(x: unknown, seen: Set<object> = new Set()): Plain {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case "boolean": case "string": return x;
    case "number": return Number.isFinite(x) ? x : String(x);
    case "bigint": return `${x}n`;
    case "function": return "(a function)";
    case "symbol": return String(x);
  }
  const o = x as object;
  if (seen.has(o)) return "(a cycle)";
  seen.add(o);
  try {
    if (ArrayBuffer.isView(o) && !(o instanceof DataView)) return Array.from(o as unknown as ArrayLike<number | bigint>, (v) => toPlain(v, seen));
    if (Array.isArray(o)) return o.map((v) => toPlain(v, seen));
    if (o instanceof Set) return [...o].map((v) => toPlain(v, seen));
    if (o instanceof Map) {
      const entries = [...o];
      if (entries.every(([k]) => typeof k === "string" || typeof k === "number")) return Object.fromEntries(entries.map(([k, v]) => [String(k), toPlain(v, seen)]));
      return entries.map(([k, v]) => [toPlain(k, seen), toPlain(v, seen)]);
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toPlain(v, seen)]));
  } finally {
    seen.delete(o);
  }
}
