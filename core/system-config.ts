/**
 * A user system's config: its defaults, overridden field by field by `--config file.json`, then by
 * `--set field=value` (core/user-system.ts), and by a fault's own fields for that fault. An override names a
 * field the defaults have, with a value of the same JSON type (a default of null takes any value): a typo
 * or a wrong type is one line naming the field and its type, never a run of the wrong system.
 */
import { InputError } from "./model.ts";
import { jsonProblem } from "./plain-data.ts";
import type { Json, SystemConfig } from "./user-system.ts";

/** Fields to change, and how to name them in a message ("--set flows=banana", "cfg.json", "faults.x.config"). */
export interface ConfigOverride {
  readonly where: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** The message shows the value already (`--set flows=banana`): no ", got …" after it. */
  readonly valueShown?: boolean;
}

/** "a number", "a string", "a boolean", "an array", "an object", "null": a value's JSON type. */
export function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  switch (typeof v) {
    case "number": return "a number";
    case "string": return "a string";
    case "boolean": return "a boolean";
    case "object": return "an object";
    default: return typeof v;
  }
}

/**
 * `--set field=value`: the value is JSON when it parses as JSON (`4`, `true`, `"x"`, `[1,2]`), else the text
 * itself (`--set bug=reuse` sets the string "reuse").
 */
export function parseSet(text: string): ConfigOverride {
  const eq = text.indexOf("=");
  const field = eq < 0 ? "" : text.slice(0, eq).trim();
  if (eq < 0 || field === "") throw new InputError(`--set ${text}: expected field=value (e.g. --set flows=4)`);
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { where: `--set ${text}`, values: { [field]: value }, valueShown: true };
}

/** The `--config` file's content: an object of fields (read by the caller). */
export function configFileOverride(json: unknown, file: string): ConfigOverride {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InputError(`${file}: expected a JSON object of config fields, got ${jsonType(json)}`);
  }
  return { where: file, values: json as Record<string, unknown> };
}

/**
 * The defaults with each override applied in turn, deeply frozen: a user's function that tries to change
 * its config throws (modules are strict code), and is reported as such, instead of changing every run after
 * it.
 */
export function resolveConfig(defaults: SystemConfig, overrides: readonly ConfigOverride[]): SystemConfig {
  const out: Record<string, Json> = { ...defaults };
  const fields = Object.keys(defaults);
  for (const o of overrides) {
    for (const [field, value] of Object.entries(o.values)) {
      if (!(field in defaults)) {
        throw new InputError(`${o.where}: no field ${field} in the config (fields: ${fields.length > 0 ? fields.join(", ") : "none"})`);
      }
      const base = defaults[field]!;
      const got = o.valueShown ? "" : `, got ${JSON.stringify(value) ?? String(value)}`;
      if (base !== null && jsonType(value) !== jsonType(base)) {
        throw new InputError(`${o.where}: ${field} is ${jsonType(base)} (default ${JSON.stringify(base)})${got}`);
      }
      const problem = jsonProblem(value);
      if (problem !== null) throw new InputError(`${o.where}: ${field} is not a JSON value (${problem})`);
      out[field] = value as Json;
    }
  }
  return deepFreeze(structuredClone(out));
}

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
