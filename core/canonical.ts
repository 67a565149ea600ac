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
      if (Array.isArray(value)) return numbersOnly(value) ? `[${value.join(",")}]` : arrayKey(value);
      if (value instanceof Map) return mapKey(value);
      if (value instanceof Set) return `S{${[...value].map(canonicalKey).sort().join(",")}}`;
      const keys = sortedFields(Object.keys(value));
      let s = "{";
      for (let i = 0; i < keys.length; i += 2) {
        s += keys[i]! + canonicalKey((value as Record<string, unknown>)[keys[i + 1]!]);
      }
      return `${s}}`;
    }
    default: return String(value);
  }
}

/** `[${value.map(canonicalKey).join(",")}]` in one pass, without the array of keys (a hole is empty, as with map). */
function arrayKey(value: readonly unknown[]): string {
  let s = "[";
  for (let i = 0; i < value.length; i++) {
    const x = value[i];
    if (i > 0) s += ",";
    if (x !== undefined || i in value) s += canonicalKey(x);
  }
  return `${s}]`;
}

/** `M{…}`: each entry's `key:value`, sorted (forEach, not the iterator: no [key, value] pair per entry). */
function mapKey(map: ReadonlyMap<unknown, unknown>): string {
  const entries: string[] = [];
  map.forEach((v, k) => entries.push(`${canonicalKey(k)}:${canonicalKey(v)}`));
  return `M{${entries.sort().join(",")}}`;
}

function numbersOnly(a: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== "number" || !(i in a)) return false;
  return true;
}

/**
 * An object's field names sorted, each after its quoted form (`,"name":`, the first without the comma), for
 * the last field list met that began with the same name. A model's objects come in a few shapes, each with
 * its fields in one order: comparing a list with the one kept (the names are the same strings, so each test
 * is a pointer comparison) costs less than sorting it again on every state. Any other list is sorted.
 */
interface Shape { readonly fields: readonly string[]; readonly sorted: readonly string[] }
const SHAPES = new Map<string, Shape>();
const MAX_SHAPES = 1_024;

function sortedFields(fields: readonly string[]): readonly string[] {
  if (fields.length === 0) return fields;
  const kept = SHAPES.get(fields[0]!);
  if (kept !== undefined && sameList(kept.fields, fields)) return kept.sorted;
  const names = [...fields].sort();
  const sorted: string[] = [];
  for (let i = 0; i < names.length; i++) sorted.push((i > 0 ? "," : "") + quoted(names[i]!), names[i]!);
  if (kept !== undefined || SHAPES.size < MAX_SHAPES) SHAPES.set(fields[0]!, { fields, sorted });
  return sorted;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
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
