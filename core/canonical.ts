import type { KeyWriter } from "./key-writer.ts";

/**
 * A canonical text key for a state: equal states give equal keys whatever the insertion order of their
 * object fields, Map entries or Set members. The explorer's default state key.
 *
 * It runs on every transition of an exploration of a system without a key of its own (written as its
 * units, `writeCanonicalKey`), so two shortcuts, each giving the plain definition's key
 * (core/test/small.test.ts holds it to that definition): an array of numbers is joined as it is
 * (String(-0) is "0" too), and field names are quoted once.
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

/**
 * Writes exactly the UTF-16 code units of `canonicalKey(value)` into `w`, without making the string: the
 * explorer's key for a state of a model with no key of its own. The string was built from a rope of
 * concatenations, flattened, copied into the writer and dropped, per transition; here the units go
 * straight into the writer (Maps, Sets and bigints, whose parts are sorted as strings, still go through
 * canonicalKey). Same units, same states told apart: core/test/small.test.ts holds it to canonicalKey.
 */
export function writeCanonicalKey(value: unknown, w: KeyWriter): void {
  switch (typeof value) {
    case "number": writeNumber(value, w); return;
    case "string": w.chars(JSON.stringify(value)); return;
    case "boolean": w.char(value ? T : F); return;
    case "undefined": w.char(U); return;
    case "object": {
      if (value === null) { w.char(N); return; }
      if (Array.isArray(value)) {
        w.char(OPEN_ARRAY);
        for (let i = 0; i < value.length; i++) {
          if (i > 0) w.char(COMMA);
          const x = value[i];
          if (x !== undefined || i in value) writeCanonicalKey(x, w);
        }
        w.char(CLOSE_ARRAY);
        return;
      }
      if (value instanceof Map || value instanceof Set) break;
      const keys = sortedFields(Object.keys(value));
      w.char(OPEN_OBJECT);
      for (let i = 0; i < keys.length; i += 2) {
        w.chars(keys[i]!);
        writeCanonicalKey((value as Record<string, unknown>)[keys[i + 1]!], w);
      }
      w.char(CLOSE_OBJECT);
      return;
    }
  }
  w.chars(canonicalKey(value));
}

const [T, F, U, N, COMMA, MINUS, ZERO] = ["t", "f", "u", "n", ",", "-", "0"].map((c) => c.charCodeAt(0)) as [number, number, number, number, number, number, number];
const [OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = ["[", "]", "{", "}"].map((c) => c.charCodeAt(0)) as [number, number, number, number];

/** String(v) (of −0: "0"), written digit by digit for the integers a state mostly holds. */
function writeNumber(v: number, w: KeyWriter): void {
  if (!(Number.isInteger(v) && v > -1e9 && v < 1e9)) {
    w.chars(Object.is(v, -0) ? "0" : String(v));
    return;
  }
  let n = v;
  if (n < 0) {
    w.char(MINUS);
    n = -n;
  }
  let power = 1;
  while (power * 10 <= n) power *= 10;
  for (; power >= 1; power /= 10) w.char(ZERO + (Math.floor(n / power) % 10));
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
