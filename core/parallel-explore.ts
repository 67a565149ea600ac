/**
 * The explorer on worker threads: the same breadth-first search as core/explore.ts, level by level
 * (level-synchronous), so that a violation found is still a shortest one, with the visited set partitioned
 * between the workers by a hash of the key (`ownerOf`). Each level:
 *
 *   1. every worker expands the states it holds at depth d (core/explore-worker.ts) and sorts the
 *      successors' keys by owner; the successors stay with it;
 *   2. every owner adds the keys sent to it to its part of the visited set, and flags the new ones;
 *   3. every worker keeps its successors whose keys were new: the frontier at depth d + 1;
 *   4. a worker with more than its share gives states to one with fewer, as event paths (below).
 *
 * States never cross threads as objects (a structured clone would lose the classes they are made of:
 * persistent maps, int vectors); a state moved in step 4 is sent as the indices of the events that reach
 * it, and replayed there. Only keys, flags and paths cross, in transferred typed arrays.
 *
 * Same results as the sequential explorer: the visited set is the same set of keys, split in parts, so a
 * passing run has the same states, transitions, depth and states cut at a depth bound; a violation is
 * found at the same depth (the shortest), and when several runs of that length break properties, the one
 * reported is chosen by a fixed rule (lowest worker, then that worker's order), so a run is reproducible
 * for a given number of workers. The state limit is looked at between levels: a run stopped by it may
 * hold up to one level more than the limit.
 */
import { Worker } from "node:worker_threads";
import { eventsAlong } from "./expand.ts";
import type { ExploreLimit, ExploreOptions, ExploreResult, ExploreStats } from "./explore.ts";
import { DEFAULT_MAX_STATES, runStats } from "./explore.ts";
import { fmix32 } from "./fingerprint-set.ts";
import { freezeRequested } from "./freeze.ts";
import { grown } from "./grown.ts";
import { interruptBuffer, interruptRequested } from "./interrupt.ts";
import { memoryStopReason, type LimitStop } from "./lookout.ts";
import { DEFAULT_MAX_MEMORY, memoryInUse, memoryLimitReached } from "./memory.ts";
import { InputError, ModelError, type Model } from "./model.ts";
import { formatCount } from "./report.ts";
import type { Spec, Violation } from "./spec.ts";

/** What a worker builds the model from: a module's exported function (a file URL), and its arguments (plain data). */
export interface ExploreTarget {
  readonly module: string;
  readonly export: string;
  readonly args?: readonly unknown[];
}

/** What that function returns: the model, its config and the specs to check. */
export interface ExploreTargetValue {
  readonly model: Model<any, any, any>;
  readonly config: unknown;
  readonly specs: readonly Spec<any, any, any>[];
}

export interface ParallelExploreOptions<S, E, C> extends Omit<ExploreOptions<S, E, C>, "specs"> {
  /** How each worker makes the same model, config and specs (`model` and `config` here replay the path found). */
  readonly target: ExploreTarget;
  /** Worker threads (at least 1), started for this run and ended with it; or `pool`'s. */
  readonly workers?: number;
  /** Workers already started, kept for the next run (ExplorerPool). */
  readonly pool?: ExplorerPool;
}

/** What a worker is told at the start of a run. */
export interface ExploreSetup {
  readonly target: ExploreTarget;
  readonly index: number;
  readonly workers: number;
  readonly reduce: boolean;
  readonly freeze: boolean;
  readonly maxDepth: number | null;
  readonly maxMemory: number;
  readonly hashCompaction: boolean;
}

/** Keys (or paths) one after another, with their lengths; grows as it is written, sealed to be sent. */
export class KeyBatch {
  units = new Uint16Array(1 << 10);
  lengths = new Uint32Array(1 << 6);
  count = 0;
  fill = 0;

  push(units: Uint16Array, n: number): void {
    if (this.fill + n > this.units.length) this.units = grown(this.units, this.fill + n);
    this.units.set(units.subarray(0, n), this.fill);
    this.fill += n;
    if (this.count === this.lengths.length) this.lengths = grown(this.lengths);
    this.lengths[this.count++] = n;
  }

  seal(): SealedBatch {
    return { units: this.units, lengths: this.lengths, count: this.count };
  }
}

/** The buffers of sealed batches, to transfer with the message that carries them. */
export const buffersOf = (batches: readonly SealedBatch[]) => batches.flatMap((b) => [b.units.buffer as ArrayBuffer, b.lengths.buffer as ArrayBuffer]);

export interface SealedBatch {
  readonly units: Uint16Array;
  readonly lengths: Uint32Array;
  readonly count: number;
}

/**
 * The worker that owns a key: a hash of its units other than the visited set's own (whose low bits pick
 * a slot), passed through murmur3's finaliser, so each part of the set still spreads over all its slots.
 */
export function ownerOf(units: Uint16Array, n: number, workers: number): number {
  if (workers === 1) return 0;
  let h = 0x2c1b3c6d | 0;
  for (let x = 0; x < n; x++) h = Math.imul(h ^ units[x]!, 0x01000193);
  return (fmix32(h ^ n) >>> 0) % workers;
}

export type FoundInWorker = { readonly violation: Violation; readonly id: number; readonly eventIndex?: number };

export type ToWorker =
  | { readonly kind: "start"; readonly run: number; readonly setup: ExploreSetup }
  | { readonly kind: "init" }
  | { readonly kind: "expand"; readonly depth: number }
  | { readonly kind: "dedupe"; readonly batches: readonly SealedBatch[] }
  | { readonly kind: "commit"; readonly flags: readonly Uint8Array[] }
  | { readonly kind: "give"; readonly count: number }
  | { readonly kind: "take"; readonly paths: SealedBatch }
  | { readonly kind: "path"; readonly id: number };

export type ToMain =
  | { readonly kind: "loaded" }
  | { readonly kind: "started"; readonly run: number }
  | { readonly kind: "ready"; readonly owner: boolean; readonly violation?: Violation }
  | {
      readonly kind: "expanded"; readonly transitions: number; readonly cut: number; readonly batches: readonly SealedBatch[];
      /** The most memory the process held while this worker expanded the level, as it sampled it. */
      readonly peak: number;
      readonly found?: FoundInWorker; readonly stopped?: LimitStop;
    }
  | { readonly kind: "deduped"; readonly flags: readonly Uint8Array[] }
  | { readonly kind: "committed"; readonly frontier: number }
  | { readonly kind: "given"; readonly paths: SealedBatch }
  | { readonly kind: "taken"; readonly frontier: number }
  | { readonly kind: "path"; readonly indices: readonly number[] }
  | { readonly kind: "error"; readonly name: string; readonly message: string; readonly run?: number };

/** A worker thread and its one outstanding request. */
class ExploreWorker {
  private readonly worker: Worker;
  private waiting: { resolve: (m: ToMain) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private readonly queue: ToMain[] = [];

  constructor(private readonly index: number) {
    this.worker = new Worker(new URL("./explore-worker-boot.mjs", import.meta.url), { workerData: { interrupt: interruptBuffer() } });
    this.worker.on("message", (m: ToMain) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w.resolve(m);
      } else this.queue.push(m);
    });
    this.worker.on("error", (e) => this.fail(new Error(`explorer worker ${index} crashed: ${e.message}`)));
    this.worker.on("exit", (code) => this.fail(new Error(`explorer worker ${index} stopped (exit code ${code})`)));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(this.failure);
  }

  /** The next message from the worker. */
  next(): Promise<ToMain> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => { this.waiting = { resolve, reject }; });
  }

  /** Sends `m` and waits for its answer; an error the worker reports (its model's, or a bug) is thrown here. */
  async ask<K extends ToMain["kind"]>(m: ToWorker, expect: K, transfer: ArrayBuffer[] = []): Promise<Extract<ToMain, { kind: K }>> {
    this.worker.postMessage(m, transfer);
    for (;;) {
      const answer = await this.next();
      // A run that ended early (another worker's error) may leave answers behind; a worker of a pool
      // answers them before the next run's `start`, whose answers carry its number.
      const stale = m.kind === "start" && (answer.kind === "started" || answer.kind === "error" ? answer.run !== m.run : true);
      if (stale) continue;
      if (answer.kind === expect) return answer as Extract<ToMain, { kind: K }>;
      if (answer.kind === "error") {
        throw answer.name === "InputError" ? new InputError(answer.message) : answer.name === "ModelError" ? new ModelError(answer.message)
          : new Error(`explorer worker ${this.index}: ${answer.name}: ${answer.message}`);
      }
      throw new Error(`explorer worker ${this.index}: expected "${expect}", got "${answer.kind}"`);
    }
  }

  terminate(): Promise<number> {
    this.worker.removeAllListeners("exit");
    return this.worker.terminate();
  }
}

/**
 * Worker threads kept between explorations: starting one takes about a second (it loads the explorer
 * and, at its first run, the model), so a caller that explores many configs — a test file, a benchmark —
 * starts them once. Each run still sets every worker up afresh.
 */
export class ExplorerPool {
  private constructor(readonly workers: readonly ExploreWorker[]) {}

  static async start(size: number): Promise<ExplorerPool> {
    if (!Number.isInteger(size) || size < 1 || size > 255) throw new InputError(`the number of explorer workers must be 1 to 255, not ${size}`);
    const workers = Array.from({ length: size }, (_, i) => new ExploreWorker(i));
    const pool = new ExplorerPool(workers);
    try {
      await Promise.all(workers.map((w) => w.next().then((m) => { if (m.kind !== "loaded") throw new Error(`explorer worker: expected "loaded", got "${m.kind}"`); })));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}


/** Runs started in this thread: a worker's answers to a `start` carry the run's number. */
let runs = 0;

/** Move states between workers when the frontiers differ by more than this share of the level (and by more than 1). */
const IMBALANCE = 0.05;

export async function exploreInParallel<S, E, C>(options: ParallelExploreOptions<S, E, C>): Promise<ExploreResult<E>> {
  const { model, config } = options;
  const hashCompaction = options.hashCompaction ?? false;
  const reduce = (options.reduce ?? true) && model.local !== undefined;
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const maxMemory = options.maxMemory ?? DEFAULT_MAX_MEMORY;
  const started = performance.now();
  const baseline = memoryInUse().rss;
  let peak = baseline;
  let states = 1;
  let transitions = 0;
  let cutAtDepth = 0;
  let depth = 0;
  const balance = { moved: 0 };
  let startMs = 0;

  const stats = (): ExploreStats => {
    peak = Math.max(peak, memoryInUse().rss);
    return { ...runStats({ states, transitions, depth, cutAtDepth }, { started, baseline, peak, hashCompaction }), moved: balance.moved, startMs };
  };
  const stop = (limit: ExploreLimit, reason: string): ExploreResult<E> => ({ status: "incomplete", limit, reason, ...stats() });
  const fail = (violation: Violation, events: E[]): ExploreResult<E> => ({ status: "violation", violation, events, ...stats() });

  const own = options.pool === undefined ? await ExplorerPool.start(options.workers ?? 1) : undefined;
  const pool = (options.pool ?? own!).workers;
  const count = pool.length;
  const all = <T>(f: (w: ExploreWorker, i: number) => Promise<T>) => Promise.all(pool.map(f));
  try {
    const run = ++runs;
    await all((w, index) => w.ask({
      kind: "start", run,
      setup: {
        target: options.target, index, workers: count, reduce, freeze: options.freeze ?? freezeRequested(),
        maxDepth: options.maxDepth ?? null, maxMemory, hashCompaction,
      },
    }, "started"));
    startMs = performance.now() - started;
    const ready = await all((w) => w.ask({ kind: "init" }, "ready"));
    const initial = ready.find((r) => r.owner)?.violation;
    if (initial) return fail(initial, []);

    for (let level = 0; ; level++) {
      const expanded = await all((w) => w.ask({ kind: "expand", depth: level }, "expanded"));
      peak = Math.max(peak, ...expanded.map((e) => e.peak));
      transitions = expanded.reduce((t, e) => t + e.transitions, 0);
      cutAtDepth = expanded.reduce((t, e) => t + e.cut, 0);
      const stopped = expanded.find((e) => e.stopped)?.stopped;
      if (stopped) return stop(stopped.limit, stopped.reason);
      // The shortest: a property of a state of this level before one of a transition from it; then the lowest worker.
      const found = expanded
        .map((e, worker) => ({ found: e.found, worker }))
        .filter((f): f is { found: FoundInWorker; worker: number } => f.found !== undefined)
        .sort((a, b) => a.found.violation.afterEvents - b.found.violation.afterEvents || a.worker - b.worker)[0];
      if (found) {
        const { indices } = await pool[found.worker]!.ask({ kind: "path", id: found.found.id }, "path");
        const path = found.found.eventIndex === undefined ? indices : [...indices, found.found.eventIndex];
        return fail(found.found.violation, eventsAlong(model, config, reduce, path));
      }
      // Each owner gets every worker's batch for it; each worker gets back every owner's flags for its successors.
      const deduped = await all((w, owner) => {
        const batches = expanded.map((e) => e.batches[owner]!);
        return w.ask({ kind: "dedupe", batches }, "deduped", buffersOf(batches));
      });
      const committed = await all((w, source) => {
        const flags = deduped.map((d) => d.flags[source]!);
        return w.ask({ kind: "commit", flags }, "committed", flags.map((f) => f.buffer as ArrayBuffer));
      });
      const frontier = committed.map((c) => c.frontier);
      const added = frontier.reduce((a, b) => a + b, 0);
      if (added === 0) break;
      states += added;
      depth = level + 1;
      if (states >= maxStates) return stop("states", `state limit of ${formatCount(maxStates)} reached`);
      if (interruptRequested()) return stop("interrupt", "interrupted (Ctrl-C)");
      const use = memoryInUse();
      peak = Math.max(peak, use.rss);
      const limit = memoryLimitReached(use, maxMemory);
      if (limit) return stop(limit, memoryStopReason(limit, use, maxMemory, states));
      options.onProgress?.({ states, transitions, depth, frontier: added, memory: use.rss });
      await rebalance(pool, frontier, balance);
    }
    return { status: "pass", ...stats() };
  } finally {
    await own?.close();
  }
}

/** Moves frontier states from the worker with the most to the one with the fewest, while they differ by more than IMBALANCE. */
async function rebalance(pool: readonly ExploreWorker[], frontier: readonly number[], balance: { moved: number }): Promise<void> {
  const total = frontier.reduce((a, b) => a + b, 0);
  const sizes = [...frontier];
  for (let round = 0; round < pool.length; round++) {
    let big = 0;
    let small = 0;
    sizes.forEach((n, i) => { if (n > sizes[big]!) big = i; if (n < sizes[small]!) small = i; });
    const gap = sizes[big]! - sizes[small]!;
    if (gap < 2 || gap <= IMBALANCE * total) break;
    const move = Math.floor(gap / 2);
    const { paths } = await pool[big]!.ask({ kind: "give", count: move }, "given");
    const { frontier: now } = await pool[small]!.ask({ kind: "take", paths }, "taken", buffersOf([paths]));
    balance.moved += move;
    sizes[big] = sizes[big]! - move;
    sizes[small] = now;
  }
}
