/**
 * A user's system (core/user-system.ts) as the engine's Model and Specs, so that the explorer, the random
 * runner, replay and the trace table run it like any built-in model.
 *
 * Every call into the user's code goes through `call`: watched (core/watchdog.ts: inside the checker's
 * worker a function that never returns is named and stopped) and named (an exception comes out as "step()
 * threw …", a violation of no-exception). Around the calls the adapter checks the contract, which the
 * engine cannot see for itself:
 * - `step` must not change its arguments: a structural hash (core/structural-hash.ts) of the state and the
 *   event before and after each call; a change is a violation of `pure-step`, with the trace that led to it
 *   — a step that changes the state it was given corrupts every state that shares it. A state's hash is
 *   kept from its first step on, so one changed by another function (a property) in between would be
 *   blamed on the next step: the other functions must not change their arguments either, but only `step`
 *   is watched (each watch is a walk of the state);
 * - `init` and `step` return plain data (core/plain-data.ts), `enabled` an array of JSON events (they are
 *   saved and replayed), `quiescent` a boolean, and each property null or a string: anything else is a
 *   ContractError (exit 2, naming the function), not a property of the system to shrink a trace for;
 * - `init` that throws is bad input (the system cannot start); `enabled` or `quiescent` that throws in a
 *   reachable state is the system's bug like a step that throws: the run gets one more event, a marker that
 *   re-calls the function (ENABLED_THREW, QUIESCENT_THREW), so the explorer and the random runner report it
 *   as no-exception with the path to that state, and a saved trace replays it.
 */
import { canonicalKey } from "./canonical.ts";
import { ContractError, DesignThrew, InputError, ModelError, namedCall, type Model } from "./model.ts";
import { dataProblem, describeKind, formatData, jsonProblem } from "./plain-data.ts";
import type { Spec } from "./spec.ts";
import { StepViolation } from "./spec.ts";
import { sameHash, structuralHash, type StructuralHash } from "./structural-hash.ts";
import { PURE_STEP, type UserSystem, type SystemConfig } from "./user-system.ts";
import { watchedCall } from "./watchdog.ts";

export type SystemModel = Model<unknown, unknown, SystemConfig>;
export type SystemSpec = Spec<unknown, unknown, SystemConfig>;

/** The key of the marker event that stands for a call of `enabled()` or `quiescent()` that threw. */
export const THREW_KEY = "nfcheck:threw";
export type ThrewMarker = { readonly [THREW_KEY]: "enabled()" | "quiescent()" };

export function threwMarker(event: unknown): ThrewMarker[typeof THREW_KEY] | null {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return null;
  const keys = Object.keys(event);
  const fn = (event as Record<string, unknown>)[THREW_KEY];
  return keys.length === 1 && (fn === "enabled()" || fn === "quiescent()") ? fn : null;
}

/** A state in messages: short enough for one line. */
const shownState = (s: unknown) => formatData(s, 100);

/** Calls a user's function as `name`: watched, and what it throws named after it. */
export function call<T>(name: string, f: () => T): T {
  return watchedCall(name, () => namedCall(name, f));
}

export interface SystemModelOptions {
  /** Refuse an event that `enabled` does not offer in the state (replaying a saved trace). */
  readonly checkEnabled?: boolean;
}

export function systemModel(system: UserSystem, o: SystemModelOptions = {}): SystemModel {
  // The explorer calls enabled() then quiescent() on each state, runTrace quiescent() then enabled() on
  // its last: one state's answers are kept, so each is computed once.
  let memo: { state: unknown; config: SystemConfig; events?: readonly unknown[]; quiet?: boolean | "threw" } | null = null;
  const memoFor = (state: unknown, config: SystemConfig) => {
    if (memo === null || memo.state !== state || memo.config !== config) memo = { state, config };
    return memo;
  };
  // Hash of each state object as last seen, so that each step hashes its state once, after the call.
  const hashes = new WeakMap<object, StructuralHash>();
  const hashOf = (s: object) => {
    let h = hashes.get(s);
    if (h === undefined) hashes.set(s, (h = structuralHash(s)));
    return h;
  };

  const userEnabled = (state: unknown, config: SystemConfig): readonly unknown[] | "threw" => {
    let events: unknown;
    try {
      events = call("enabled()", () => system.enabled(state, config));
    } catch (e) {
      if (e instanceof DesignThrew) return "threw";
      throw e;
    }
    if (!Array.isArray(events)) {
      throw new ContractError(`enabled() returned ${describeKind(events)} in the state ${shownState(state)}; it must return an array of the events possible now`);
    }
    for (const event of events) {
      const problem = jsonProblem(event);
      if (problem !== null) {
        throw new ContractError(`enabled() returned an event that is not plain JSON (${problem}) in the state ${shownState(state)}: ${formatData(event, 80)}; events are saved and replayed as JSON`);
      }
      if (threwMarker(event) !== null) throw new ContractError(`enabled() returned an event with the key "${THREW_KEY}", which nfcheck keeps for itself`);
    }
    return events;
  };
  const userQuiescent = (state: unknown, config: SystemConfig): boolean | "threw" => {
    let quiet: unknown;
    try {
      quiet = call("quiescent()", () => system.quiescent!(state, config));
    } catch (e) {
      if (e instanceof DesignThrew) return "threw";
      throw e;
    }
    if (typeof quiet !== "boolean") throw new ContractError(`quiescent() returned ${describeKind(quiet)} in the state ${shownState(state)}; it must return true or false`);
    return quiet;
  };

  const enabled = (state: unknown, config: SystemConfig): readonly unknown[] => {
    const m = memoFor(state, config);
    if (system.quiescent !== null && m.quiet === undefined) m.quiet = userQuiescent(state, config);
    if (m.quiet === "threw") return [{ [THREW_KEY]: "quiescent()" }];
    if (m.events === undefined) {
      const events = userEnabled(state, config);
      m.events = events === "threw" ? [{ [THREW_KEY]: "enabled()" }] : events;
    }
    return m.events;
  };
  const quiescent = (state: unknown, config: SystemConfig): boolean => {
    if (system.quiescent === null) {
      const events = enabled(state, config);
      return events.length === 0;
    }
    const m = memoFor(state, config);
    if (m.quiet === undefined) m.quiet = userQuiescent(state, config);
    // A quiescent() that threw is not quiescent: its marker, the one enabled event, reports it.
    return m.quiet === true;
  };

  return {
    name: system.name,
    init(config) {
      let state: unknown;
      try {
        state = call("init()", () => system.init(config));
      } catch (e) {
        if (e instanceof DesignThrew) throw new InputError(`system "${system.name}": ${e.message}`);
        throw e;
      }
      stateContract("init()", state, undefined);
      return state;
    },
    enabled,
    quiescent,
    step(state, event, config) {
      const marker = threwMarker(event);
      if (marker !== null) {
        // Re-call the function that threw in this state: it throws again, as no-exception with its message.
        if (marker === "enabled()") call(marker, () => system.enabled(state, config));
        else if (system.quiescent !== null) call(marker, () => system.quiescent!(state, config));
        throw new ModelError(`${marker} does not throw in this state`);
      }
      if (o.checkEnabled) {
        const key = canonicalKey(event);
        if (!enabled(state, config).some((e) => canonicalKey(e) === key)) {
          throw new ModelError(`the event ${formatData(event, 80)} is not among those enabled() offers in the state ${shownState(state)}`);
        }
      }
      const stateHash = typeof state === "object" && state !== null ? hashOf(state) : null;
      const eventHash = typeof event === "object" && event !== null ? structuralHash(event) : null;
      const next = call("step()", () => system.step(state, event, config));
      if (stateHash !== null) {
        const now = structuralHash(state);
        if (!sameHash(now, stateHash)) {
          hashes.set(state as object, now);
          throw new StepViolation(PURE_STEP, "step() changed the state it was given; it must leave it alone and return a new state");
        }
      }
      if (eventHash !== null && !sameHash(structuralHash(event), eventHash)) {
        throw new StepViolation(PURE_STEP, "step() changed the event it was given; it must leave it alone");
      }
      stateContract("step()", next, event);
      return next;
    },
  };
}

/** A state must be plain data: anything else would be keyed, hashed or shown wrongly. `event`: the step's. */
function stateContract(fn: "init()" | "step()", state: unknown, event: unknown): void {
  const t = typeof state;
  if (t === "number" || t === "string" || t === "boolean") return;
  const problem = state === undefined ? null : dataProblem(state, { json: false });
  if (state !== undefined && problem === null) return;
  const when = fn === "init()" ? "for its config" : `for the event ${formatData(event, 80)}`;
  if (state === undefined) throw new ContractError(`${fn} returned undefined ${when}; it must return the ${fn === "init()" ? "initial" : "next"} state`);
  throw new ContractError(`${fn} returned a state that is not plain data (${problem}) ${when}; states hold objects, arrays, numbers, strings, booleans, null, Maps and Sets`);
}

/** A property's answer: null when it holds, a string when it broke; anything else breaks the contract. */
function verdict(fn: string, answer: unknown): string | null {
  if (answer === null || typeof answer === "string") return answer;
  const what = typeof answer === "object" || typeof answer === "function" ? describeKind(answer) : String(answer);
  throw new ContractError(`${fn} returned ${what}; it must return null when the property holds, or a string saying what broke`);
}

export interface SystemSpecOptions {
  /** Only these properties (all when absent); the built-in ones are checked whatever this says. */
  readonly properties?: readonly string[];
  /**
   * Final properties as invariants that apply in quiescent states: for random walks, which pass through
   * quiescent states without ending there (the explorer checks every quiescent state it reaches anyway).
   */
  readonly finalsEverywhere?: SystemModel;
}

export function systemSpecs(system: UserSystem, o: SystemSpecOptions = {}): SystemSpec[] {
  const wanted = (name: string) => o.properties === undefined || o.properties.includes(name);
  const specs: SystemSpec[] = [];
  for (const { name, fn } of system.invariants) {
    if (!wanted(name)) continue;
    const label = `invariant ${name}`;
    specs.push({ kind: "invariant", name, check: (s, c) => verdict(label, call(label, () => fn(s, c))) });
  }
  for (const { name, fn } of system.steps) {
    if (!wanted(name)) continue;
    const label = `step property ${name}`;
    specs.push({ kind: "step", name, check: (b, e, a, c) => verdict(label, call(label, () => fn(b, e, a, c))) });
  }
  for (const { name, fn } of system.finals) {
    if (!wanted(name)) continue;
    const label = `final property ${name}`;
    const check = (s: unknown, c: SystemConfig) => verdict(label, call(label, () => fn(s, c)));
    const model = o.finalsEverywhere;
    specs.push(model ? { kind: "invariant", name, check: (s, c) => (model.quiescent(s, c) ? check(s, c) : null) } : { kind: "quiescent", name, check });
  }
  return specs;
}
