/**
 * Freeze mode, a test mode of the engine: with NFCHECK_FREEZE=1 in the environment, the explorer
 * (core/explore.ts) and the trace executor (core/run-trace.ts, which the random runs and replay use) deep-
 * freeze every state they get from `init` and `step`. The models share structure between a state and the
 * next (copy on write, e.g. models/flow/state.ts's Draft), so a step that writes into its input instead of
 * a copy would change a state the explorer has already keyed or still has to expand, and the search would
 * no longer be sound; frozen, such a write throws a TypeError (the modules are ESM, strict mode), which
 * the runners report as a `no-exception` violation at that event. The trace executor hands each step a
 * frozen copy of its event (a state may hold its event), so the caller's events are never frozen.
 *
 * What is frozen: plain objects, arrays and class instances (their own enumerable properties, through
 * Object.freeze), recursively; Maps and Sets, which Object.freeze cannot stop from changing, get their
 * own `set`/`add`, `delete` and `clear` that throw (a call through `Map.prototype.set.call(m, …)` still
 * gets through: this catches mistakes, it is no sandbox). Not frozen: typed arrays and their buffers
 * (Object.freeze refuses a typed array with elements, and a Proxy would slow and break native callers);
 * the models keep in them only data made once and never written again (the TCP model's stream bytes),
 * and a write into one goes unnoticed. Functions are left alone.
 *
 * Frozen objects stay frozen after the run: an object a model shares between configs (a constant, or
 * SCR's one initial program state per config) is frozen for the rest of the process. That is harmless for
 * correct models, which never write them; a mutant that writes into its input (such as an SCR program that
 * changes its state in place) throws in freeze mode instead of showing the property it was made for, so
 * freeze mode is for checking the engine and the built-in models, not for `nfcheck mutants`.
 */

/** The environment variable that turns freeze mode on ("1"). */
export const FREEZE_ENV = "NFCHECK_FREEZE";

/** Whether freeze mode is on: read once per run (an exploration, a trace), never per step. */
export function freezeRequested(): boolean {
  return process.env[FREEZE_ENV] === "1";
}

/**
 * A frozen object is taken as frozen with everything it reaches, so structure a state shares with an
 * earlier one is not walked again (a set of the objects frozen here, in a WeakSet, costs far more once it
 * holds millions). Only an object someone else froze shallowly, with writable objects inside, is taken
 * wrongly; no model freezes its own objects.
 */
const deeplyFrozen = (o: object): boolean => Object.isFrozen(o);

function refuse(what: string): () => never {
  return () => {
    throw new TypeError(`Cannot ${what}: the state is frozen (${FREEZE_ENV}=1); a step must copy what it changes`);
  };
}
const MAP_MUTATORS: PropertyDescriptorMap = {
  set: { value: refuse("set an entry of a Map of a state") },
  delete: { value: refuse("delete an entry of a Map of a state") },
  clear: { value: refuse("clear a Map of a state") },
};
const SET_MUTATORS: PropertyDescriptorMap = {
  add: { value: refuse("add to a Set of a state") },
  delete: { value: refuse("delete from a Set of a state") },
  clear: { value: refuse("clear a Set of a state") },
};

/**
 * A deep-frozen copy of an event (events are plain JSON values, core/model.ts), so that freezing a state
 * that holds its event leaves the caller's event as it was.
 */
export function frozenCopy<T>(event: T): T {
  return deepFreeze(structuredClone(event));
}

/** Freezes `value` and everything it reaches (see the header for what cannot be frozen); returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) freezeObject(value);
  return value;
}

function freezeObject(root: object): void {
  // An explicit stack: a state may be a long linked list (e.g. the applied histories of scr.recovery).
  // Each object is frozen before its children are walked, so a cycle ends at the object it started from.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const o = stack.pop();
    if (typeof o !== "object" || o === null || deeplyFrozen(o) || ArrayBuffer.isView(o) || o instanceof ArrayBuffer) continue;
    if (Array.isArray(o)) {
      Object.freeze(o);
      for (let i = 0; i < o.length; i++) pushUnfrozen(stack, o[i]);
    } else if (o instanceof Map) {
      Object.freeze(Object.defineProperties(o, MAP_MUTATORS));
      for (const [k, v] of o) {
        pushUnfrozen(stack, k);
        pushUnfrozen(stack, v);
      }
    } else if (o instanceof Set) {
      Object.freeze(Object.defineProperties(o, SET_MUTATORS));
      for (const v of o) pushUnfrozen(stack, v);
    } else {
      Object.freeze(o);
      const keys = Object.keys(o);
      for (let i = 0; i < keys.length; i++) pushUnfrozen(stack, (o as Record<string, unknown>)[keys[i]!]);
    }
  }
}

function pushUnfrozen(stack: unknown[], v: unknown): void {
  if (typeof v === "object" && v !== null && !deeplyFrozen(v)) stack.push(v);
}
