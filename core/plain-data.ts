/**
 * Plain data: what a user's system may hold in its states and events. States are compared by canonical
 * key (core/canonical.ts), hashed to catch a step that changes its input (core/structural-hash.ts) and
 * printed; events and configs are also saved in counterexample files and read back, so they must be JSON.
 * A class instance, a function or a cycle would be keyed, hashed or saved wrongly, silently: it is refused,
 * with the path to it.
 */

export interface DataRules {
  /** JSON only (events, configs): no Map, Set, undefined or non-finite number, which JSON would not give back. */
  readonly json: boolean;
}

/** "a function", "null", "an array", "a Map", "a Date": what a value is, for messages. */
export function describeKind(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  if (x instanceof Map) return "a Map";
  if (x instanceof Set) return "a Set";
  const t = typeof x;
  if (t === "object") {
    const proto = Object.getPrototypeOf(x) as { constructor?: { name?: string } } | null;
    const name = proto?.constructor?.name;
    return proto === null || proto === Object.prototype || !name ? "an object" : `a ${name}`;
  }
  if (t === "undefined") return "undefined";
  if (t === "number") return String(x);
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/** Deeper than this is taken for a cycle: real states nest a few levels, and the walk stays cheap (no set of ancestors). */
const MAX_DEPTH = 200;

/** What is wrong and where: the path is built only on the way back from a problem, never on the way down. */
interface Problem {
  readonly what: string;
  readonly path: string[];
}

/**
 * Why `v` is not plain data under `rules` — "at mapping[2]: a function", "a Map", "at rate: Infinity",
 * "at next: a cycle" — or null when it is. It runs on every state a check reaches: a plain recursive
 * walk, with no closure made per call.
 */
export function dataProblem(v: unknown, rules: DataRules): string | null {
  const p = problemIn(v, rules.json, 0);
  if (p === null) return null;
  const path = p.path.reverse().join("").replace(/^\./, "");
  return path === "" ? p.what : `at ${path}: ${p.what}`;
}

function problemIn(x: unknown, json: boolean, depth: number): Problem | null {
  switch (typeof x) {
    case "string":
    case "boolean":
      return null;
    case "number":
      return !json || Number.isFinite(x) ? null : { what: String(x), path: [] };
    case "undefined":
      return json ? { what: "undefined", path: [] } : null;
    case "object": {
      if (x === null) return null;
      if (depth > MAX_DEPTH) return { what: `a cycle, or nesting deeper than ${MAX_DEPTH}`, path: [] };
      if (Array.isArray(x)) {
        for (let i = 0; i < x.length; i++) {
          const p = problemIn(x[i], json, depth + 1);
          if (p !== null) return (p.path.push(`[${i}]`), p);
        }
        return null;
      }
      if (x instanceof Map) {
        if (json) return { what: "a Map", path: [] };
        for (const [k, y] of x) {
          const p = problemIn(k, json, depth + 1);
          if (p !== null) return (p.path.push("(a key)"), p);
          const q = problemIn(y, json, depth + 1);
          if (q !== null) return (q.path.push(`[${typeof k === "string" ? JSON.stringify(k) : String(k)}]`), q);
        }
        return null;
      }
      if (x instanceof Set) {
        if (json) return { what: "a Set", path: [] };
        for (const y of x) {
          const p = problemIn(y, json, depth + 1);
          if (p !== null) return (p.path.push("(a member)"), p);
        }
        return null;
      }
      const proto = Object.getPrototypeOf(x) as unknown;
      if (proto !== Object.prototype && proto !== null) return { what: describeKind(x), path: [] };
      for (const k in x) {
        const p = problemIn((x as Record<string, unknown>)[k], json, depth + 1);
        if (p !== null) return (p.path.push(`.${k}`), p);
      }
      return null;
    }
    default:
      return { what: describeKind(x), path: [] };
  }
}

/** Why `v` is not a JSON value that reads back the same, or null. */
export const jsonProblem = (v: unknown): string | null => dataProblem(v, { json: true });

/**
 * Plain data in one line, as compact JSON (Maps as `Map{key: value}`, Sets as `Set[…]`, undefined as
 * `undefined`), cut to `max` characters with "…".
 */
export function formatData(v: unknown, max = Number.POSITIVE_INFINITY): string {
  const text = show(v, new Set());
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

function show(v: unknown, ancestors: Set<object>): string {
  switch (typeof v) {
    case "string": return JSON.stringify(v);
    case "number": return Object.is(v, -0) ? "0" : String(v);
    case "boolean": return String(v);
    case "undefined": return "undefined";
    case "bigint": return `${v}n`;
    case "object": {
      if (v === null) return "null";
      if (ancestors.has(v)) return "<cycle>";
      ancestors.add(v);
      try {
        if (Array.isArray(v)) return `[${v.map((x) => show(x, ancestors)).join(",")}]`;
        if (v instanceof Map) return `Map{${[...v].map(([k, x]) => `${show(k, ancestors)}: ${show(x, ancestors)}`).join(", ")}}`;
        if (v instanceof Set) return `Set[${[...v].map((x) => show(x, ancestors)).join(",")}]`;
        return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${show(x, ancestors)}`).join(",")}}`;
      } finally {
        ancestors.delete(v);
      }
    }
    default: return describeKind(v);
  }
}
