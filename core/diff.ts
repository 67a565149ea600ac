/** Where two values first differ, in a few words: the explanation attached to a state mismatch. */

const MAX_SHOWN = 80;

export interface DiffOptions {
  /** What the two values are, for the message ("fastForward(s, extract(p))", "process(s, p).state"). */
  readonly names?: readonly [a: string, b: string];
  /** How to show a number the reader knows as something else (an IP address as 10.0.0.1); undefined: as it is. */
  readonly number?: (n: number) => string | undefined;
}

/** A value for people: strings as they are, everything else as JSON (Maps and Sets summarised). */
export function formatValue(v: unknown, o: DiffOptions = {}): string {
  const text = typeof v === "string" ? v : show(v, o);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function show(v: unknown, o: DiffOptions): string {
  if (typeof v === "number") return o.number?.(v) ?? String(v);
  if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, 4).map(([k, x]) => `${show(k, o)} => ${show(x, o)}`).join(", ")}${v.size > 4 ? ", …" : ""}}`;
  if (v instanceof Set) return `Set(${v.size})`;
  if (typeof v === "bigint") return `${v}n`;
  if (v === undefined) return "undefined";
  try {
    const number = o.number;
    return JSON.stringify(v, number ? (_k, x: unknown) => (typeof x === "number" ? (number(x) ?? x) : x) : undefined) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * "at [7].n: 1 vs 2", or with names "at [7].n, a has 1 and b has 2"; null when no difference is found.
 * Map keys, array indices and field names make the path.
 */
export function describeDifference(a: unknown, b: unknown, o: DiffOptions = {}, path = ""): string | null {
  if (Object.is(a, b)) return null;
  const here = path === "" ? "" : `at ${path}`;
  const [na, nb] = o.names ?? [null, null];
  const absent = (k: unknown, v: unknown, inA: boolean) => {
    const key = `${here === "" ? "" : `${here}: `}key ${show(k, o)}`;
    if (na === null) return inA ? `${key} is ${formatValue(v, o)} in one and absent in the other` : `${key} is absent in one and ${formatValue(v, o)} in the other`;
    return inA ? `${key} is ${formatValue(v, o)} in ${na} and absent from ${nb}` : `${key} is absent from ${na} and ${formatValue(v, o)} in ${nb}`;
  };
  if (a instanceof Map && b instanceof Map) {
    for (const [k, v] of a) {
      if (!b.has(k)) return absent(k, v, true);
      const d = describeDifference(v, b.get(k), o, `${path}[${show(k, o)}]`);
      if (d) return d;
    }
    for (const [k, v] of b) if (!a.has(k)) return absent(k, v, false);
    return null;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = describeDifference(a[i], b[i], o, `${path}[${i}]`);
      if (d) return d;
    }
    return a.length === b.length ? null : values(here, "length", a.length, b.length, o);
  }
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null && !(a instanceof Map) && !(b instanceof Map)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = describeDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], o, path === "" ? k : `${path}.${k}`);
      if (d) return d;
    }
    return Object.getPrototypeOf(a) === Object.getPrototypeOf(b) ? null : `${here === "" ? "" : `${here}: `}objects of different classes`;
  }
  return values(here, "", a, b, o);
}

function values(here: string, what: string, a: unknown, b: unknown, o: DiffOptions): string {
  const [x, y] = [formatValue(a, o), formatValue(b, o)];
  if (o.names === undefined) return `${here === "" ? "" : `${here}: `}${what === "" ? "" : `${what} `}${x} vs ${y}`;
  const [na, nb] = o.names;
  const of = what === "" ? "" : ` ${what}`;
  return `${here === "" ? "" : `${here}, `}${na} has${of} ${x} and ${nb} has${of} ${y}`;
}
