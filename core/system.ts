/**
 * A system: everything the engine and the command line need to know about one model, in one definition
 * (as TLC's module plus its `.cfg`, or stateright's `Model`). The model itself; its config as an effect
 * Schema whose fields carry a one-line description and a default (annotations `description`, `default`);
 * its named properties; its faults — broken variants, each a config value of the model and each killed
 * by the property it names —; its design boundaries (configurations that must break a property); its
 * explore presets; its trace table; short flags for the fields people set most. The command line, the
 * suites and the listings follow from it, so adding a system adds one file under systems/ and touches
 * nothing shared.
 *
 * Types first; then what is computed from a definition: the config's fields (for `nfcheck list` and the
 * generated options), `--set field=value`, the properties a run checks.
 */
import { Schema, SchemaAST } from "effect";
import { InputError } from "./model.ts";
import type { Check } from "./check.ts";
import type { Profile } from "./profile.ts";
import type { Plot } from "./plot.ts";
import type { ModelEntry } from "./registry.ts";
import type { SequenceView } from "./sequence.ts";
import { decodeOrThrow } from "./schema-errors.ts";
import { DEADLOCK, NO_EXCEPTION, type Spec } from "./spec.ts";

/** A broken variant of the model: a config value, and the property that must catch it. */
export interface Fault<J> {
  readonly name: string;
  /** One line: what is broken. */
  readonly description: string;
  /** The whole config the fault is checked under (the fault's own field included). */
  readonly config: J;
  /** The property that must break. */
  readonly kills: string;
}

/** A design boundary: a configuration outside the design's assumptions, the property it breaks, and why. */
export interface Boundary<J> {
  readonly name: string;
  readonly config: J;
  readonly property: string;
  /** "violation" (default): the property must break here; "pass": it must still hold (the other side of the boundary). */
  readonly expect?: "pass" | "violation";
  readonly note: string;
}

/**
 * A short command-line flag for config fields: `--slots 2` for `--set slotsPerServer=2`. With `field`,
 * the value is read as `--set field=value` reads it (a `--no-x` flag sets false); with `set`, it becomes
 * the fields returned (paths as `--set` takes them: "bounds.maxPackets").
 */
export interface ConfigFlag {
  /** Commander's syntax: "--slots <n>", "--no-tag-check". */
  readonly flags: string;
  readonly description: string;
  readonly field?: string;
  readonly set?: (value: string | boolean, cwd: string) => Promise<Readonly<Record<string, unknown>>> | Readonly<Record<string, unknown>>;
}

export interface System<S, E, C, J> extends ModelEntry<S, E, C, J> {
  /** The name the command line and counterexample files use (the model's). */
  readonly name: string;
  /** Each property the system checks (its specs' and its step properties' names), with one line on what it says. */
  readonly properties: Readonly<Record<string, string>>;
  readonly faults: readonly Fault<J>[];
  readonly boundaries: readonly Boundary<J>[];
  /** Configs `nfcheck explore <system>` starts from: `default`, and larger ones (`deep`) for `--preset`. */
  readonly presets: { readonly default: J } & Readonly<Record<string, J>>;
  /** One line: what a config explores ("4 packets of 64/400 B, window 3, …"). */
  describe(config: C): string;
  /** Short flags beyond the generated `--<field>` ones. */
  readonly flags?: readonly ConfigFlag[];
  /** The config as saved beside a counterexample in `toDir`, from one whose module paths are relative to `fromDir`. */
  rebase?(json: J, fromDir: string, toDir: string): J;
  /** The performance-cost model, when the system has one (`nfcheck cost <system>`). */
  readonly cost?: CostModel<any>;
  /** Names for several properties at once ("theorem-1": every spec), usable wherever a property is named. */
  readonly groups?: Readonly<Record<string, "all" | readonly string[]>>;
  /**
   * The checks particular to this system that `nfcheck verify` runs besides the generic ones (its
   * boundaries and faults, core/system-checks.ts): explorations of chosen configs, random-run plans.
   */
  checks?(profile?: Profile): Promise<readonly Check[]>;
  /** How a fault is checked, when not by exploring its config (e.g. random runs of a mutant program). */
  faultCheck?(fault: Fault<J>): Promise<Check>;
  /** How its traces are drawn as sequence diagrams: its actors as lanes, each event on one (default: core/sequence.ts's fallback). */
  readonly sequence?: SequenceView<S, E, C>;
}

/** A performance-cost model with the papers' parameters: a report as data (`--json`) and for people. */
export interface CostModel<R> {
  /** Options beyond `--json`, in commander's syntax ("--max-cores <k>"); their values reach `report` by camel-case name. */
  readonly options?: readonly { readonly flags: string; readonly description: string; readonly default?: string }[];
  report(options: Readonly<Record<string, unknown>>): Promise<R>;
  /** Tables and formulas for people. */
  text(report: R): string;
  /** What `--json` prints (default: the report). */
  json?(report: R): unknown;
  /** The report's figures as plots (`--report` draws them). */
  plots?(report: R): readonly Plot[];
}

// The registry holds systems of every state, event and config type; callers only pass them back in.
export type AnySystem = System<any, any, any, any>;

/** The engine's own properties, which every run checks and no system defines. */
export const BUILT_IN_PROPERTIES: Readonly<Record<string, string>> = {
  [DEADLOCK]: "a state that is not quiescent has an enabled event",
  [NO_EXCEPTION]: "no step throws",
};

// ————————————————————————————————————————— the config's fields —————————————————————————————————————————

export interface ConfigField {
  readonly name: string;
  /** What it takes, in words: "an integer from 1 to 8", "one of reserve, overwrite". */
  readonly type: string;
  readonly optional: boolean;
  readonly description: string;
  /** The model's default for an optional field (the `default` annotation), if it has one. */
  readonly default?: unknown;
  readonly kind: ValueKind;
}

/** How a command-line value is read for a field. */
export type ValueKind = "number" | "boolean" | "string" | "list" | "json";

const structOf = (schema: Schema.Schema<any, any>): SchemaAST.AST => {
  let ast = schema.ast;
  while (ast._tag === "Refinement" || ast._tag === "Transformation") ast = ast._tag === "Refinement" ? ast.from : ast.to;
  return ast;
};

const annotation = <A>(get: (a: SchemaAST.Annotated) => { _tag: "Some"; value: A } | { _tag: "None" }, ...where: SchemaAST.Annotated[]): A | undefined => {
  for (const a of where) {
    const o = get(a);
    if (o._tag === "Some") return o.value;
  }
  return undefined;
};

export function kindOf(ast: SchemaAST.AST): ValueKind {
  switch (ast._tag) {
    case "Refinement": return kindOf(ast.from);
    case "NumberKeyword": return "number";
    case "BooleanKeyword": return "boolean";
    case "StringKeyword": case "TemplateLiteral": return "string";
    case "Literal": return typeof ast.literal === "number" ? "number" : typeof ast.literal === "boolean" ? "boolean" : "string";
    case "Union": {
      // A nullable field is read as its other members are (`--set horizon=null` still gives null).
      const kinds = new Set(ast.types.filter((t) => !(t._tag === "Literal" && t.literal === null)).map(kindOf));
      return kinds.size === 1 ? [...kinds][0]! : "json";
    }
    case "TupleType": {
      const element = ast.rest[0]?.type ?? ast.elements[0]?.type;
      return element && ["number", "string", "boolean"].includes(kindOf(element)) ? "list" : "json";
    }
    default: return "json";
  }
}

/** "Int & between(1, 8)" → "an integer from 1 to 8"; literals → "one of a, b". */
export function describeType(ast: SchemaAST.AST): string {
  if (ast._tag === "Union") {
    const others = ast.types.filter((t) => !(t._tag === "Literal" && t.literal === null));
    if (others.length === 1 && others.length < ast.types.length) return `${describeType(others[0]!)}, or null`;
  }
  const text = String(ast);
  const between = /^Int & between\((-?\d+), (-?\d+)\)$/.exec(text);
  if (between) return `an integer from ${Number(between[1]).toLocaleString("en-US")} to ${Number(between[2]).toLocaleString("en-US")}`;
  const atLeast = /^Int & (greaterThanOrEqualTo|greaterThan)\((-?\d+)\)$/.exec(text);
  if (atLeast) return `an integer of at least ${Number(atLeast[2]) + (atLeast[1] === "greaterThan" ? 1 : 0)}`;
  if (ast._tag === "Union" && ast.types.every((t) => t._tag === "Literal")) return `one of ${ast.types.map((t) => String((t as SchemaAST.Literal).literal)).join(", ")}`;
  if (ast._tag === "BooleanKeyword") return "true or false";
  if (ast._tag === "TupleType") {
    const element = ast.rest[0]?.type ?? ast.elements[0]?.type;
    if (element && ["number", "string", "boolean"].includes(kindOf(element))) return `a comma-separated list of ${describeType(element).replace(/^an integer/, "integers").replace(/^one of/, "values, each one of")}`;
  }
  return text;
}

/** The top-level fields of a system's config, in the schema's order. */
export function configFields(system: AnySystem): ConfigField[] {
  return SchemaAST.getPropertySignatures(structOf(system.configSchema)).map((p) => {
    const fallback = annotation(SchemaAST.getDefaultAnnotation, p, p.type);
    return {
      name: String(p.name), type: describeType(p.type), optional: p.isOptional, kind: kindOf(p.type),
      description: annotation(SchemaAST.getDescriptionAnnotation, p) ?? ownDescription(p.type) ?? "",
      ...(fallback !== undefined ? { default: fallback } : {}),
    };
  });
}

/** A description written on the field's type, not one of effect's own ("a boolean", "a number"). */
function ownDescription(ast: SchemaAST.AST): string | undefined {
  const d = annotation(SchemaAST.getDescriptionAnnotation, ast);
  return d !== undefined && !/^an? (boolean|number|string|integer)\b/.test(d) ? d : undefined;
}

/** The schema's node at a path ("bounds.maxPackets", "connections.0.stream"), or undefined. */
function astAt(root: SchemaAST.AST, path: readonly string[]): SchemaAST.AST | undefined {
  let ast: SchemaAST.AST | undefined = root;
  for (const key of path) {
    while (ast && (ast._tag === "Refinement" || ast._tag === "Transformation")) ast = ast._tag === "Refinement" ? ast.from : ast.to;
    if (!ast) return undefined;
    if (ast._tag === "TypeLiteral") ast = ast.propertySignatures.find((p) => p.name === key)?.type;
    else if (ast._tag === "TupleType" && /^\d+$/.test(key)) ast = ast.rest[0]?.type ?? ast.elements[Number(key)]?.type;
    else return undefined;
  }
  return ast;
}

// ————————————————————————————————————————— --set field=value ————————————————————————————————————————————

/** A value as a person types it, read for a field of this kind. */
export function readValue(text: string, kind: ValueKind): unknown {
  const t = text.trim();
  if (t === "null") return null;
  switch (kind) {
    case "number": return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
    case "boolean": return t === "true" ? true : t === "false" ? false : text;
    case "string": return text;
    case "list": return t.startsWith("[") ? parseJson(t) ?? text : t.split(",").map((x) => parseJson(x.trim()) ?? x.trim());
    case "json": return parseJson(t) ?? text;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One field set from the command line: the value read for the field's type and checked against the
 * field's own schema, so that a bad one is one line naming the field and what it takes.
 */
export function setField<J>(system: AnySystem, json: J, path: string, text: string | boolean, how = `--set ${path}=${String(text)}`): J {
  const keys = path.split(".");
  const root = structOf(system.configSchema);
  const ast = astAt(root, keys);
  if (ast === undefined) {
    const fields = configFields(system).map((f) => f.name).join(", ");
    throw new InputError(`${how}: ${system.name} has no config field "${path}" (its fields: ${fields}; nfcheck list ${system.name} describes them)`);
  }
  const value = typeof text === "boolean" ? text : readValue(text, kindOf(ast));
  const decoded = Schema.decodeUnknownEither(Schema.make(ast))(value);
  if (decoded._tag === "Left") throw new InputError(`${how}: ${path} must be ${describeType(ast)}, got ${JSON.stringify(value)}`);
  return setPath(json, keys, value) as J;
}

function setPath(target: unknown, keys: readonly string[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys as [string, ...string[]];
  if (Array.isArray(target) && /^\d+$/.test(key)) {
    const copy = [...target];
    copy[Number(key)] = setPath(copy[Number(key)], rest, value);
    return copy;
  }
  const object = target !== null && typeof target === "object" ? target as Record<string, unknown> : {};
  return { ...object, [key]: setPath(object[key], rest, value) };
}

/** `--set a=1 --set b.c=x` applied in order over `json`. */
export function applySets<J>(system: AnySystem, json: J, sets: readonly string[]): J {
  let out = json;
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw new InputError(`--set takes field=value, got "${s}"`);
    out = setField(system, out, s.slice(0, eq).trim(), s.slice(eq + 1));
  }
  return out;
}

/** A whole config checked against the system's schema (cross-field rules come later, from resolveConfig). */
export function checkedConfig<J>(system: System<any, any, any, J>, json: unknown, what: string): J {
  return decodeOrThrow(system.configSchema, json, what);
}

// ——————————————————————————————————————————— properties ———————————————————————————————————————————————

/** Every property a system's runs can report: its specs', its step properties' and the engine's. */
export function propertyNames(system: AnySystem, config: unknown): string[] {
  return [...new Set([...Object.keys(system.groups ?? {}), ...system.specs(config).map((s: Spec<unknown, unknown, unknown>) => s.name), ...(system.stepProperties ?? []), ...Object.keys(BUILT_IN_PROPERTIES)])];
}

/**
 * The specs a run checks when `--property` names some: only those (a property raised from inside a step,
 * and the engine's own, cannot be turned off). An unknown name is one line listing the known ones.
 */
export function specsNamed<S, E, C>(system: System<S, E, C, any>, config: C, names: readonly string[]): readonly Spec<S, E, C>[] {
  const specs = system.specs(config);
  if (names.length === 0) return specs;
  const known = propertyNames(system, config);
  for (const n of names) {
    if (!known.includes(n)) throw new InputError(`--property ${n}: ${system.name} has no property "${n}" (its properties: ${known.join(", ")})`);
  }
  const wanted = new Set(names.flatMap((n) => {
    const group = system.groups?.[n];
    return group === undefined ? [n] : group === "all" ? specs.map((s) => s.name) : group;
  }));
  return specs.filter((s) => wanted.has(s.name));
}
