/**
 * A canonical text key for a state: equal states give equal keys whatever the insertion order of their
 * object fields, Map entries or Set members. The explorer's default state key.
 *
 * It runs on every transition of an exploration of a system without a key of its own, so two shortcuts,
 * each giving the plain definition's key (core/test/small.test.ts holds it to that definition): an array
 * of numbers is joined as it is (String(-0) is "0" too), and field names are quoted once.
 */
export function canonicalKey(value: unknown): string {
  switch (typeof value) {
    case "number": return Object.is(value, -0) ? "0" : String(value);
    case "string": return JSON.stringify(value);
    case "boolean": return value ? "t" : "f";
    case "undefined": return "u";
    case "bigint": return `${value}n`;
    case "object": {
      if (value === null) return "n";
      if (Array.isArray(value)) return numbersOnly(value) ? `[${value.join(",")}]` : `[${value.map(canonicalKey).join(",")}]`;
      if (value instanceof Map) return `M{${[...value].map(([k, v]) => `${canonicalKey(k)}:${canonicalKey(v)}`).sort().join(",")}}`;
      if (value instanceof Set) return `S{${[...value].map(canonicalKey).sort().join(",")}}`;
      const keys = Object.keys(value).sort();
      let s = "{";
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        s += (i > 0 ? "," : "") + quoted(k) + canonicalKey((value as Record<string, unknown>)[k]);
      }
      return `${s}}`;
    }
    default: return String(value);
  }
}

function numbersOnly(a: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== "number" || !(i in a)) return false;
  return true;
}

/** `"name":` by field name; the names of a model's fields are few, a dictionary's keys may not be. */
const QUOTED = new Map<string, string>();
const MAX_QUOTED = 4_096;

function quoted(name: string): string {
  let q = QUOTED.get(name);
  if (q === undefined) {
    q = `${JSON.stringify(name)}:`;
    if (QUOTED.size < MAX_QUOTED) QUOTED.set(name, q);
  }
  return q;
}
