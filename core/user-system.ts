/**
 * A user's own network function, as a plain object (README "Model your own NF"): a config of defaults,
 * `init`, `enabled`, `step`, an optional `quiescent`, and named properties — invariants on every state,
 * step properties on every transition, final properties at quiescence — with faults, configs under which a
 * named property must break. The module that holds it imports nothing from nfcheck; `defineSystem` only
 * lends it types.
 *
 * This file is the shape and its validation: `validateSystem` turns an unknown default export into a
 * `UserSystem` or says in one line what is wrong. core/system-config.ts resolves configs, core/system-model.ts
 * turns a system into the engine's Model and Specs, core/check-system.ts checks it.
 */
import { InputError } from "./model.ts";
import { describeKind, jsonProblem } from "./plain-data.ts";
import { DEADLOCK, NO_EXCEPTION } from "./spec.ts";
import type { Placement, SequenceView } from "./sequence.ts";

/** A JSON value: what a config holds (it is saved in counterexample files). */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A system's config: named JSON values, the defaults that `--set` and `--config` override. */
export type SystemConfig = { readonly [field: string]: Json };

/** Checked on every reachable state: null when it holds, else what broke. */
export type InvariantFn<S, C> = (state: S, config: C) => string | null;
/** Checked on every transition. */
export type StepPropertyFn<S, E, C> = (before: S, event: E, after: S, config: C) => string | null;
/** Checked on every quiescent state. */
export type FinalFn<S, C> = (final: S, config: C) => string | null;

/** Name of the built-in property a step breaks by changing its arguments instead of returning a new state. */
export const PURE_STEP = "pure-step";
/** Properties every system is checked for without declaring them. */
export const ALWAYS_CHECKED = [DEADLOCK, NO_EXCEPTION, PURE_STEP] as const;
export type BuiltInProperty = (typeof ALWAYS_CHECKED)[number];

/**
 * A config's type as the functions see it: `{ on: false, n: 2 }` as `{ on: boolean, n: number }`. The
 * defaults are written as literals, and without this TypeScript would keep their literal types (a config
 * whose constraint holds primitives is inferred literally), so a fault could not set `on: true`.
 */
export type Widen<T> = T extends boolean ? boolean : T extends number ? number : T extends string ? string
  : T extends readonly (infer U)[] ? readonly Widen<U>[] : T extends object ? { readonly [K in keyof T]: Widen<T[K]> } : T;

/** The config type every function of a system gets: widened, and inferred from `config` alone (NoInfer). */
export type ConfigOf<C> = NoInfer<Widen<C>>;

/** A variant of the system that the property `kills` names must catch (a must-kill mutant). */
export interface Fault<C, P extends string> {
  /** Fields of the config this variant changes. */
  readonly config: Partial<ConfigOf<C>>;
  /** Inferred from the properties declared, never from here (NoInfer): a name here that none has is an error. */
  readonly kills: NoInfer<P> | BuiltInProperty;
  /** One line: what the variant does wrong. */
  readonly description?: string;
}

/**
 * The object a system module default-exports. `I`, `P` and `F` are the names of its invariants, step
 * properties and final properties, so that a fault's `kills` is checked by the compiler too.
 */
export interface SystemDefinition<S, E, C extends SystemConfig, I extends string = string, P extends string = never, F extends string = never> {
  readonly name: string;
  /** One line: what the system is. */
  readonly description?: string;
  /** Defaults; `--set field=value` and `--config file.json` override them, field by field, with values of the same JSON type. */
  readonly config: C;
  init(config: ConfigOf<C>): S;
  /** Every event possible in `state`: plain JSON values (they are saved and replayed). */
  enabled(state: S, config: ConfigOf<C>): readonly E[];
  /** The next state; must not change `state` or `event`. */
  step(state: S, event: E, config: ConfigOf<C>): S;
  /** Nothing left to do: final properties are checked here. Default: no event is enabled. */
  quiescent?(state: S, config: ConfigOf<C>): boolean;
  readonly invariants: { readonly [name in I]: InvariantFn<S, ConfigOf<C>> };
  readonly steps?: { readonly [name in P]: StepPropertyFn<S, E, ConfigOf<C>> };
  readonly finals?: { readonly [name in F]: FinalFn<S, ConfigOf<C>> };
  readonly faults?: { readonly [name: string]: Fault<C, I | P | F> };
  /**
   * How `--report` draws a trace as a sequence diagram: the lanes, left to right (`actors`; lanes an event
   * names beyond them are added in the order used), and where each event happens — a lane's name, or
   * `{ actor, to: [lanes it sends to], lost, label }`. Default: a lane per process the events name
   * (`process`, `node`, `core`, … with `to` for an arrow), else per event type.
   */
  readonly lanes?: Lanes<S, E, ConfigOf<C>>;
}

export interface Lanes<S, E, C> {
  actors?(config: C): readonly string[];
  place(event: E, before: S, after: S, config: C): string | Placement;
}

/**
 * Gives a system object its types, and returns it unchanged. Optional: a module that default-exports the
 * plain object is checked the same way.
 */
export function defineSystem<S, E, C extends SystemConfig, I extends string = string, P extends string = never, F extends string = never>(
  system: SystemDefinition<S, E, C, I, P, F>,
): SystemDefinition<S, E, C, I, P, F> {
  return system;
}

/** A validated system, as the engine uses it: properties as ordered lists, every name known. */
export interface UserSystem {
  readonly name: string;
  readonly description?: string;
  readonly defaults: SystemConfig;
  readonly init: (config: SystemConfig) => unknown;
  readonly enabled: (state: unknown, config: SystemConfig) => unknown;
  readonly step: (state: unknown, event: unknown, config: SystemConfig) => unknown;
  readonly quiescent: ((state: unknown, config: SystemConfig) => unknown) | null;
  readonly invariants: readonly NamedFn<InvariantFn<unknown, SystemConfig>>[];
  readonly steps: readonly NamedFn<StepPropertyFn<unknown, unknown, SystemConfig>>[];
  readonly finals: readonly NamedFn<FinalFn<unknown, SystemConfig>>[];
  readonly faults: readonly SystemFault[];
  /** Its lanes (`lanes`), checked as they are used; null: the report's fallback. */
  readonly lanes: SequenceView<unknown, unknown, SystemConfig> | null;
}

export interface NamedFn<F> {
  readonly name: string;
  readonly fn: F;
}

export interface SystemFault {
  readonly name: string;
  readonly config: SystemConfig;
  readonly kills: string;
  readonly description?: string;
}

/** The system's own property names, in declaration order (invariants, step properties, finals). */
export function ownProperties(s: UserSystem): string[] {
  return [...s.invariants, ...s.steps, ...s.finals].map((p) => p.name);
}

/** Every property a run of the system can report: its own, then the built-in ones. */
export function allProperties(s: UserSystem): string[] {
  return [...ownProperties(s), ...ALWAYS_CHECKED];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * Checks that `value` is a system and returns it validated, or throws an InputError of one line that says
 * what is wrong: `${where}: the default export is not a system: it has no step() function`. `where` names
 * the module (or "the system" for an object handed to checkSystem).
 */
export function validateSystem(value: unknown, where: string): UserSystem {
  const fail = (what: string): never => {
    throw new InputError(`${where}: ${what}`);
  };
  const notASystem = (what: string): never => fail(`the default export is not a system: ${what}`);
  if (!isRecord(value)) {
    return notASystem(`expected an object with name, config, init, enabled, step and invariants, got ${describeKind(value)}`);
  }
  const missing: string[] = [];
  if (typeof value["name"] !== "string" || value["name"] === "") missing.push("no name (a non-empty string)");
  if (!isRecord(value["config"])) missing.push(value["config"] === undefined ? "no config object (give {} if it needs none)" : `a config that is ${describeKind(value["config"])}, not an object`);
  for (const f of ["init", "enabled", "step"]) if (typeof value[f] !== "function") missing.push(`no ${f}() function`);
  if (value["quiescent"] !== undefined && typeof value["quiescent"] !== "function") missing.push(`a quiescent that is ${describeKind(value["quiescent"])}, not a function`);
  if (!isRecord(value["invariants"])) missing.push(value["invariants"] === undefined ? "no invariants object (give {} if it has none)" : `invariants that are ${describeKind(value["invariants"])}, not an object`);
  for (const k of ["steps", "finals", "faults", "lanes"]) {
    if (value[k] !== undefined && !isRecord(value[k])) missing.push(`${k} that are ${describeKind(value[k])}, not an object`);
  }
  if (missing.length > 0) notASystem(`it has ${missing.join("; ")}`);

  // A field of another name is most likely a typo ("invariant", "final"), which would leave properties unchecked.
  const known = new Set(["name", "description", "config", "init", "enabled", "step", "quiescent", "invariants", "steps", "finals", "faults", "lanes"]);
  const unknown = Object.keys(value).filter((k) => !known.has(k));
  if (unknown.length > 0) notASystem(`it has ${unknown.map((k) => `"${k}"`).join(", ")}, which a system does not have (it has name, description, config, init, enabled, step, quiescent, invariants, steps, finals, faults and lanes)`);

  const defaults = value["config"] as Record<string, unknown>;
  for (const [k, v] of Object.entries(defaults)) {
    const problem = jsonProblem(v);
    if (problem !== null) fail(`config.${k} is not a JSON value (${problem}); a config is saved with its counterexamples`);
  }

  const seen = new Map<string, string>();
  const named = <F>(group: "invariants" | "steps" | "finals"): NamedFn<F>[] => {
    const o = (value[group] ?? {}) as Record<string, unknown>;
    return Object.entries(o).map(([name, fn]) => {
      if (typeof fn !== "function") fail(`${group}.${name} is ${describeKind(fn)}, not a function`);
      if ((ALWAYS_CHECKED as readonly string[]).includes(name)) fail(`${group}.${name}: "${name}" is the name of a built-in property; call it something else`);
      const other = seen.get(name);
      if (other !== undefined) fail(`${group}.${name}: ${other} has a property of the same name; names must be unique`);
      seen.set(name, group);
      return { name, fn: fn as F };
    });
  };
  const invariants = named<InvariantFn<unknown, SystemConfig>>("invariants");
  const steps = named<StepPropertyFn<unknown, unknown, SystemConfig>>("steps");
  const finals = named<FinalFn<unknown, SystemConfig>>("finals");
  const properties = [...seen.keys(), ...ALWAYS_CHECKED];

  const faults = Object.entries((value["faults"] ?? {}) as Record<string, unknown>).map(([name, f]): SystemFault => {
    const at = `faults.${name}`;
    if (!isRecord(f)) return fail(`${at} is ${describeKind(f)}, not an object with config and kills`);
    const extra = Object.keys(f).filter((k) => k !== "config" && k !== "kills" && k !== "description");
    if (extra.length > 0) fail(`${at} has ${extra.map((k) => `"${k}"`).join(", ")}; a fault has config, kills and description`);
    if (!isRecord(f["config"])) fail(`${at}.config is ${describeKind(f["config"])}, not an object of config fields`);
    if (typeof f["kills"] !== "string") fail(`${at}.kills is ${describeKind(f["kills"])}, not the name of a property`);
    const kills = f["kills"] as string;
    if (!properties.includes(kills)) fail(`${at}.kills names "${kills}", which is no property of the system (its properties: ${properties.join(", ")})`);
    if (f["description"] !== undefined && typeof f["description"] !== "string") fail(`${at}.description is ${describeKind(f["description"])}, not a string`);
    const config = f["config"] as Record<string, unknown>;
    for (const [k, v] of Object.entries(config)) {
      if (!(k in defaults)) fail(`${at}.config.${k}: no field ${k} in the config (fields: ${Object.keys(defaults).join(", ") || "none"})`);
      const problem = jsonProblem(v);
      if (problem !== null) fail(`${at}.config.${k} is not a JSON value (${problem})`);
    }
    return { name, config: config as SystemConfig, kills, ...(typeof f["description"] === "string" ? { description: f["description"] } : {}) };
  });

  if (value["description"] !== undefined && typeof value["description"] !== "string") notASystem(`its description is ${describeKind(value["description"])}, not a string`);
  const lanes = value["lanes"] as Record<string, unknown> | undefined;
  if (lanes !== undefined && typeof lanes["place"] !== "function") fail(`lanes.place is ${describeKind(lanes["place"])}, not a function`);
  if (lanes !== undefined && lanes["actors"] !== undefined && typeof lanes["actors"] !== "function") fail(`lanes.actors is ${describeKind(lanes["actors"])}, not a function`);
  return {
    name: value["name"] as string,
    ...(typeof value["description"] === "string" ? { description: value["description"] } : {}),
    defaults: defaults as SystemConfig,
    init: value["init"] as UserSystem["init"],
    enabled: value["enabled"] as UserSystem["enabled"],
    step: value["step"] as UserSystem["step"],
    quiescent: (value["quiescent"] as UserSystem["quiescent"] | undefined) ?? null,
    invariants, steps, finals, faults,
    lanes: lanes !== undefined ? checkedLanes(lanes as unknown as Lanes<unknown, unknown, SystemConfig>) : null,
  };
}

/** A user's lanes, each answer checked: a lane's name, or a placement whose lanes are names. */
function checkedLanes(lanes: Lanes<unknown, unknown, SystemConfig>): SequenceView<unknown, unknown, SystemConfig> {
  const names = (x: unknown) => Array.isArray(x) && x.every((a) => typeof a === "string");
  return {
    actors(config) {
      const actors = lanes.actors?.(config) ?? [];
      if (!names(actors)) throw new Error(`lanes.actors returned ${describeKind(actors)}, not an array of lane names`);
      return actors;
    },
    place(event, before, after, config) {
      const p = lanes.place(event, before, after, config);
      if (typeof p === "string") return { actor: p };
      if (!isRecord(p) || typeof p.actor !== "string" || (p.to !== undefined && !names(p.to)) || (p.label !== undefined && typeof p.label !== "string")) {
        throw new Error(`lanes.place returned ${describeKind(p)} for ${JSON.stringify(event)}, not a lane's name or { actor, to: [names], lost, label }`);
      }
      return p;
    },
  };
}
