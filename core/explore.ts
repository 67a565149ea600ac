/**
 * The breadth-first explorer (ARCHITECTURE §3): every state reachable within the model's own bounds,
 * de-duplicated by `key`, invariants on every state, step properties on every transition, quiescence
 * properties on every quiescent state, and deadlock (a non-quiescent state with no enabled event) on
 * every state. Breadth-first order makes the first violation found a shortest one. With a model that marks
 * `local` events, only one of them is expanded where one is enabled (partial-order reduction, see
 * Model.local): end states, deadlocks and verdicts are those of the full search.
 *
 * Memory: a visited set of keys (a StateSet of 16-bit units when the model writes its keys itself, else a
 * Set of strings), and per state only its parent and the event that reached it; states
 * themselves are kept only while they wait in the frontier. A path is rebuilt by following parents.
 */
import { canonicalKey } from "./canonical.ts";
import { KeyWriter } from "./key-writer.ts";
import { StateSet } from "./state-set.ts";
import { InputError, ModelError, type Model } from "./model.ts";
import { checkQuiescent, checkState, checkStep, deadlock, exceptionViolation, stepViolation } from "./run-trace.ts";
import { StepViolation, type Spec, type Violation } from "./spec.ts";

export interface ExploreOptions<S, E, C> {
  readonly model: Model<S, E, C>;
  readonly config: C;
  readonly specs: readonly Spec<S, E, C>[];
  /** Stop after this many distinct states and report the run as incomplete (never a silent pass). */
  readonly maxStates?: number;
  /** Partial-order reduction with the model's `local` events (default true). */
  readonly reduce?: boolean;
  readonly onProgress?: (p: { states: number; transitions: number; depth: number; frontier: number }) => void;
}

export interface ExploreStats {
  readonly states: number;
  readonly transitions: number;
  /** Largest number of events from the initial state to a state explored. */
  readonly depth: number;
  readonly timeMs: number;
  readonly statesPerSecond: number;
}

export type ExploreResult<E> =
  | ({ readonly status: "pass" } & ExploreStats)
  | ({ readonly status: "incomplete"; readonly reason: string } & ExploreStats)
  | ({ readonly status: "violation"; readonly events: readonly E[]; readonly violation: Violation } & ExploreStats);

/** `seen(state)`: true the first time a state is seen. */
function visitedSet<S, E, C>(model: Model<S, E, C>, config: C): (state: S) => boolean {
  if (model.writeKey) {
    const set = new StateSet();
    const w = new KeyWriter();
    return (state) => {
      model.writeKey!(state, w.begin(), config);
      return set.add(w);
    };
  }
  const keyOf = model.key ? (s: S) => model.key!(s) : canonicalKey;
  const set = new Set<string>();
  return (state) => {
    const key = keyOf(state);
    if (set.has(key)) return false;
    set.add(key);
    return true;
  };
}

export function explore<S, E, C>(options: ExploreOptions<S, E, C>): ExploreResult<E> {
  const { model, config, specs } = options;
  const seen = visitedSet(model, config);
  const reduce = (options.reduce ?? true) && model.local !== undefined;
  const started = performance.now();
  const parent: number[] = [-1];
  const via: (E | undefined)[] = [undefined];
  let transitions = 0;
  let maxDepth = 0;
  let lastReport = started;
  let expanded = 0;

  const stats = (): ExploreStats => {
    const timeMs = performance.now() - started;
    return { states: parent.length, transitions, depth: maxDepth, timeMs, statesPerSecond: parent.length / Math.max(timeMs / 1000, 1e-9) };
  };
  const pathTo = (id: number, last?: E): E[] => {
    const events: E[] = last === undefined ? [] : [last];
    for (let at = id; parent[at]! >= 0; at = parent[at]!) events.push(via[at] as E);
    return events.reverse();
  };
  const fail = (violation: Violation, events: E[]): ExploreResult<E> => ({ status: "violation", events, violation, ...stats() });

  const init = model.init(config);
  seen(init);
  const initial = checkState(specs, init, config, 0);
  if (initial) return fail(initial, []);

  // Frontier: parallel arrays (id, state, depth) consumed from `head`, compacted now and then.
  let ids: number[] = [0];
  let states: S[] = [init];
  let depths: number[] = [0];
  let head = 0;
  while (head < ids.length) {
    const id = ids[head]!;
    const state = states[head]!;
    const depth = depths[head]!;
    head++;
    if (head > 65_536 && head * 2 > ids.length) {
      ids = ids.slice(head); states = states.slice(head); depths = depths.slice(head); head = 0;
    }
    const enabled = model.enabled(state, config);
    const quiet = model.quiescent(state, config);
    const alone = reduce && enabled.length > 1 ? enabled.find((e) => model.local!(state, e, config)) : undefined;
    const events = alone === undefined ? enabled : [alone];
    if (events.length === 0 && !quiet) {
      return fail(deadlock(model, state, config, depth), pathTo(id));
    }
    if (quiet) {
      const q = checkQuiescent(specs, state, config, depth);
      if (q) return fail(q, pathTo(id));
    }
    for (const event of events) {
      transitions++;
      let next: S;
      try {
        next = model.step(state, event, config);
      } catch (e) {
        if (e instanceof ModelError || e instanceof InputError) throw e;
        if (e instanceof StepViolation) return fail(stepViolation(e, depth + 1), pathTo(id, event));
        return fail(exceptionViolation(e, depth + 1), pathTo(id, event));
      }
      const v = checkStep(specs, state, event, next, config, depth + 1);
      if (v) return fail(v, pathTo(id, event));
      if (!seen(next)) continue;
      const nid = parent.length;
      parent.push(id);
      via.push(event);
      ids.push(nid);
      states.push(next);
      depths.push(depth + 1);
      if (depth + 1 > maxDepth) maxDepth = depth + 1;
      if (options.maxStates !== undefined && parent.length >= options.maxStates) {
        return { status: "incomplete", reason: `stopped at the state limit of ${options.maxStates}`, ...stats() };
      }
    }
    if (options.onProgress && (++expanded & 255) === 0) {
      const now = performance.now();
      if (now - lastReport > 250) {
        lastReport = now;
        options.onProgress({ states: parent.length, transitions, depth: maxDepth, frontier: ids.length - head });
      }
    }
  }
  return { status: "pass", ...stats() };
}
