/**
 * The breadth-first explorer (ARCHITECTURE §3): every state reachable within the model's own bounds,
 * de-duplicated by `key`, invariants on every state, step properties on every transition, quiescence
 * properties on every quiescent state, and deadlock (a non-quiescent state with no enabled event) on
 * every state. Breadth-first order makes the first violation found a shortest one. With a model that marks
 * `local` events, only one of them is expanded where one is enabled (partial-order reduction, see
 * Model.local): end states, deadlocks and verdicts are those of the full search.
 *
 * Memory: a visited set of keys (a StateSet of 16-bit units: the units the model writes itself, else the
 * code units of its text key; or, with hash compaction, a 64-bit fingerprint of each), and per state only
 * its parent's number and the index of the event that reached it (core/trail.ts); states themselves are
 * kept only while they wait in the frontier. A path is rebuilt by following parents and replaying the
 * indices (core/expand.ts). core/parallel-explore.ts runs the same search on worker threads.
 *
 * Bounds: every exploration stops — reported incomplete, never as a pass — at a number of states, at a
 * memory ceiling, near V8's heap limit, or on Ctrl-C; each has a default, so none grows without bound. About
 * every millisecond the explorer looks up: Ctrl-C and memory (core/lookout.ts), progress every PROGRESS_MS,
 * however slow a single step of a model with huge states is.
 */
import { writeCanonicalKey } from "./canonical.ts";
import { eventsAlong, Expander } from "./expand.ts";
import { FingerprintSet, omissionProbability } from "./fingerprint-set.ts";
import { deepFreeze, freezeRequested } from "./freeze.ts";
import { KeyWriter } from "./key-writer.ts";
import { StateSet, type VisitedKeys } from "./state-set.ts";
import { Lookout } from "./lookout.ts";
import { DEFAULT_MAX_MEMORY, memoryInUse } from "./memory.ts";
import type { Model } from "./model.ts";
import { formatCount } from "./report.ts";
import { checkState } from "./run-trace.ts";
import type { Spec, Violation } from "./spec.ts";
import { Trail } from "./trail.ts";

export interface ExploreOptions<S, E, C> {
  readonly model: Model<S, E, C>;
  readonly config: C;
  readonly specs: readonly Spec<S, E, C>[];
  /** Stop after this many distinct states and report the run as incomplete (never a silent pass). Default DEFAULT_MAX_STATES. */
  readonly maxStates?: number;
  /** Stop, as incomplete, when the process holds this many bytes (default DEFAULT_MAX_MEMORY), or when V8's heap is nearly full. */
  readonly maxMemory?: number;
  /**
   * Expand no state this many events from the initial state (default: no depth bound). States at the bound
   * are still checked (invariants, quiescence, deadlock); a pass then says "within depth n", and
   * `cutAtDepth` counts the states whose successors were not explored.
   */
  readonly maxDepth?: number;
  /** Partial-order reduction with the model's `local` events (default true). */
  readonly reduce?: boolean;
  /**
   * Hash compaction (core/fingerprint-set.ts): keep a 64-bit fingerprint per state instead of its key.
   * Default false: exact. The result then carries the probability that a state was missed.
   */
  readonly hashCompaction?: boolean;
  /** Deep-freeze every state (core/freeze.ts); default: NFCHECK_FREEZE=1 in the environment. */
  readonly freeze?: boolean;
  /** About every PROGRESS_MS; `memory`: bytes resident, as last measured. */
  readonly onProgress?: (p: { states: number; transitions: number; depth: number; frontier: number; memory: number }) => void;
}

/**
 * 50 million: far above every exploration of the repository (the deep profile's largest, flow with a pool
 * of 3 over 14 s, has 2.5 million states and peaks at 2 GB resident), so it stops none of them, while a
 * runaway of small states still stops within minutes. Runaways of large states meet the memory ceiling
 * first (core/memory.ts).
 */
export const DEFAULT_MAX_STATES = 50_000_000;

const PROGRESS_MS = 250;

/** What stopped an incomplete run: the state limit, the memory ceiling, V8's heap limit or Ctrl-C. */
export type ExploreLimit = "states" | "memory" | "heap" | "interrupt";

export interface ExploreStats {
  readonly states: number;
  readonly transitions: number;
  /** Largest number of events from the initial state to a state explored. */
  readonly depth: number;
  readonly timeMs: number;
  readonly statesPerSecond: number;
  /** States at `maxDepth` that had events left unexplored (0 without a depth bound, or when none did). */
  readonly cutAtDepth: number;
  /** The most memory the process held during the run (resident set, as sampled), bytes. */
  readonly peakMemory: number;
  /** What the run added to the process's memory at its peak, per state (visited set, frontier, parents). */
  readonly bytesPerState: number;
  /** With hash compaction: at most this probability that two states shared a fingerprint and one was missed. */
  readonly omissionProbability?: number;
  /** The parallel explorer: states one worker handed to another to even out their frontiers. */
  readonly moved?: number;
  /** The parallel explorer: time to start its workers and load the model in each, ms (part of `timeMs`). */
  readonly startMs?: number;
}

export type ExploreResult<E> =
  | ({ readonly status: "pass" } & ExploreStats)
  | ({ readonly status: "incomplete"; readonly limit: ExploreLimit; readonly reason: string } & ExploreStats)
  | ({ readonly status: "violation"; readonly events: readonly E[]; readonly violation: Violation } & ExploreStats);

/** Writes a state's key into `w`: the model's own units, else the code units of its text key. */
export function keyWriterOf<S, E, C>(model: Model<S, E, C>, config: C): (state: S, w: KeyWriter) => KeyWriter {
  if (model.writeKey) return (state, w) => { model.writeKey!(state, w.begin(), config); return w; };
  // A text key is stored as its code units, in the same kind of set: a Set of the strings themselves kept
  // every key alive for the collector to walk, and hashed each one again as it flattened it.
  if (model.key) return (state, w) => w.begin().text(model.key!(state));
  return (state, w) => { writeCanonicalKey(state, w.begin()); return w; };
}

/** The visited set: exact keys, or 64-bit fingerprints with hash compaction. */
export const visitedKeys = (hashCompaction: boolean): VisitedKeys => (hashCompaction ? new FingerprintSet() : new StateSet());

export function explore<S, E, C>(options: ExploreOptions<S, E, C>): ExploreResult<E> {
  const set = visitedKeys(options.hashCompaction ?? false);
  try {
    return exploreWith(set, options);
  } finally {
    set.release();
  }
}

function exploreWith<S, E, C>(set: VisitedKeys, options: ExploreOptions<S, E, C>): ExploreResult<E> {
  const { model, config, specs } = options;
  const hashCompaction = options.hashCompaction ?? false;
  const writeKey = keyWriterOf(model, config);
  const w = new KeyWriter();
  const seen = (state: S) => set.add(writeKey(state, w));
  const reduce = options.reduce ?? true;
  const freeze = options.freeze ?? freezeRequested();
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const maxMemory = options.maxMemory ?? DEFAULT_MAX_MEMORY;
  const expander = new Expander(model, config, specs, reduce, freeze, options.maxDepth ?? Number.POSITIVE_INFINITY);
  const started = performance.now();
  const baseline = memoryInUse().rss;
  let peak = baseline;
  const trail = new Trail();
  let maxDepth = 0;

  const stats = (): ExploreStats => {
    peak = Math.max(peak, memoryInUse().rss);
    const counts = { states: trail.size, transitions: expander.transitions, depth: maxDepth, cutAtDepth: expander.cutAtDepth };
    return runStats(counts, { started, baseline: baseline - set.reusedBytes, peak, hashCompaction });
  };
  const pathTo = (id: number, last?: number): E[] =>
    eventsAlong(model, config, expander.reduce, last === undefined ? trail.indicesTo(id) : [...trail.indicesTo(id), last]);
  const fail = (violation: Violation, events: E[]): ExploreResult<E> => ({ status: "violation", events, violation, ...stats() });
  const stop = (limit: ExploreLimit, reason: string): ExploreResult<E> => ({ status: "incomplete", limit, reason, ...stats() });

  const init = model.init(config);
  if (freeze) deepFreeze(init);
  seen(init);
  trail.add(-1, 0);
  const initial = checkState(specs, init, config, 0);
  if (initial) return fail(initial, []);

  // Frontier: parallel arrays (id, state, depth) consumed from `head`, compacted now and then.
  let ids: number[] = [0];
  let states: (S | undefined)[] = [init];
  let depths: number[] = [0];
  let head = 0;

  const lookout = new Lookout(maxMemory);
  let lastReport = started;
  /** Called once per expansion and per transition: a reason to stop now, if there is one. */
  const look = (): ExploreResult<E> | undefined => {
    const limit = lookout.look(trail.size);
    peak = Math.max(peak, lookout.peak);
    if (limit) return stop(limit.limit, limit.reason);
    const now = lookout.now;
    if (now !== undefined && options.onProgress && now - lastReport >= PROGRESS_MS) {
      lastReport = now;
      options.onProgress({ states: trail.size, transitions: expander.transitions, depth: maxDepth, frontier: ids.length - head, memory: lookout.memory });
    }
    return undefined;
  };

  let stopped: ExploreResult<E> | undefined;
  while (head < ids.length) {
    stopped = look();
    if (stopped) return stopped;
    const id = ids[head]!;
    const state = states[head]!;
    const depth = depths[head]!;
    // Let the collector have an expanded state now, not at the next compaction: states may be huge.
    states[head] = undefined;
    head++;
    if (head > 65_536 && head * 2 > ids.length) {
      ids = ids.slice(head); states = states.slice(head); depths = depths.slice(head); head = 0;
    }
    const found = expander.expand(state, depth, (next, index) => {
      if (seen(next)) {
        ids.push(trail.add(id, index));
        states.push(next);
        depths.push(depth + 1);
        if (depth + 1 > maxDepth) maxDepth = depth + 1;
        if (trail.size >= maxStates) {
          stopped = stop("states", `state limit of ${formatCount(maxStates)} reached`);
          return false;
        }
      }
      stopped = look();
      return stopped === undefined;
    });
    if (found === "stopped") return stopped!;
    if (found !== "done") return fail(found.violation, pathTo(id, found.eventIndex));
  }
  return { status: "pass", ...stats() };
}

/** What an explorer counts as it goes. */
export interface RunCounts {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly cutAtDepth: number;
}

/** A run's figures from its counts: time and speed since `started`, and memory at its `peak` above the `baseline` it started from. */
export function runStats(c: RunCounts, run: { readonly started: number; readonly baseline: number; readonly peak: number; readonly hashCompaction: boolean }): ExploreStats {
  const timeMs = performance.now() - run.started;
  return {
    states: c.states, transitions: c.transitions, depth: c.depth, timeMs, statesPerSecond: c.states / Math.max(timeMs / 1000, 1e-9), cutAtDepth: c.cutAtDepth,
    peakMemory: run.peak, bytesPerState: Math.max(0, run.peak - run.baseline) / c.states,
    ...(run.hashCompaction ? { omissionProbability: omissionProbability(c.states) } : {}),
  };
}
