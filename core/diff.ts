/** Where two values first differ, in a few words: the explanation attached to a state mismatch. */

const MAX_SHOWN = 80;

/** A value for people: strings as they are, everything else as JSON (Maps and Sets summarised). */
export function formatValue(v: unknown): string {
  const text = typeof v === "string" ? v : show(v);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function show(v: unknown): string {
  if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, 4).map(([k, x]) => `${show(k)} => ${show(x)}`).join(", ")}${v.size > 4 ? ", …" : ""}}`;
  if (v instanceof Set) return `Set(${v.size})`;
  if (typeof v === "bigint") return `${v}n`;
  if (v === undefined) return "undefined";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** "at key 3: 5 vs 6", or null when no difference is found. */
export function describeDifference(a: unknown, b: unknown, path = ""): string | null {
  if (Object.is(a, b)) return null;
  const here = path === "" ? "" : `at ${path}: `;
  if (a instanceof Map && b instanceof Map) {
    for (const [k, v] of a) {
      if (!b.has(k)) return `${here}key ${show(k)} is ${formatValue(v)} in one and absent in the other`;
      const d = describeDifference(v, b.get(k), `${path}[${show(k)}]`);
      if (d) return d;
    }
    for (const [k, v] of b) if (!a.has(k)) return `${here}key ${show(k)} is absent in one and ${formatValue(v)} in the other`;
    return null;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = describeDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return a.length === b.length ? null : `${here}length ${a.length} vs ${b.length}`;
  }
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null && !(a instanceof Map) && !(b instanceof Map)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = describeDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path === "" ? k : `${path}.${k}`);
      if (d) return d;
    }
    return Object.getPrototypeOf(a) === Object.getPrototypeOf(b) ? null : `${here}objects of different classes`;
  }
  return `${here}${formatValue(a)} vs ${formatValue(b)}`;
}
