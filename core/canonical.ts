/**
 * A canonical text key for a state: equal states give equal keys whatever the insertion order of their
 * object fields, Map entries or Set members. The explorer's default state key.
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
      if (Array.isArray(value)) return `[${value.map(canonicalKey).join(",")}]`;
      if (value instanceof Map) return `M{${[...value].map(([k, v]) => `${canonicalKey(k)}:${canonicalKey(v)}`).sort().join(",")}}`;
      if (value instanceof Set) return `S{${[...value].map(canonicalKey).sort().join(",")}}`;
      const keys = Object.keys(value).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalKey((value as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    default: return String(value);
  }
}
