/**
 * Shrinking a failing trace by whole domain-sized cuts, before fast-check's generic shrinking takes over
 * (core/random.ts). fast-check shrinks a value element by element through the arbitrary that made it; on a
 * trace of thousands of packets where the bug needs hundreds of one flow, that takes hours. A model that
 * knows its traces offers *reducers* instead — keep only one flow's packets, drop a whole flow, cut runs
 * of one key in half, simplify one field in every packet at once — each a few runs of the model.
 *
 * The loop is greedy and deterministic: candidates are tried in the reducers' order, the first that still
 * fails (the same property, checked by `fails`) becomes the new trace and the reducers start again from
 * the top; it ends when no reducer finds a smaller failing trace, or when `stop()` says the time budget is
 * spent or Ctrl-C was pressed — then the best trace so far is the result. fast-check has no hook for this:
 * its shrinkers live inside arbitraries, and a trace cut down by a reducer has no arbitrary's context left.
 */

/** Default time budget of shrinking one counterexample (core/random.ts). */
export const DEFAULT_SHRINK_MS = 30_000;

/** Candidates for a smaller trace, most promising (biggest cut) first; generated lazily. */
export type Reducer<E> = (events: readonly E[]) => Iterable<readonly E[]>;

export interface ShrinkLoopOptions<E> {
  readonly reducers: readonly Reducer<E>[];
  /** Does this candidate still fail the way the original did? The trace up to the failure if so (a run stops where it breaks), else null. */
  readonly fails: (events: readonly E[]) => readonly E[] | null;
  /** Checked before every candidate: true to stop now (budget spent, Ctrl-C). */
  readonly stop: () => boolean;
  /** A smaller failing trace was found. */
  readonly onSmaller?: (events: readonly E[], steps: number) => void;
}

export interface ShrinkLoopResult<E> {
  readonly events: readonly E[];
  /** Candidates run. */
  readonly steps: number;
  /** False when `stop()` ended it before no reducer could do better. */
  readonly complete: boolean;
}

export function shrinkLoop<E>(start: readonly E[], o: ShrinkLoopOptions<E>): ShrinkLoopResult<E> {
  let best = start;
  let steps = 0;
  for (;;) {
    let smaller = false;
    passes: for (const reduce of o.reducers) {
      for (const candidate of reduce(best)) {
        if (o.stop()) return { events: best, steps, complete: false };
        if (!isSmaller(candidate, best)) continue;
        steps++;
        const failing = o.fails(candidate);
        if (failing !== null) {
          best = failing;
          smaller = true;
          o.onSmaller?.(best, steps);
          break passes;
        }
      }
    }
    if (!smaller) return { events: best, steps, complete: true };
  }
}

/** Shorter, or as long with different content (a field simplified): a reducer must not go in circles. */
function isSmaller<E>(candidate: readonly E[], best: readonly E[]): boolean {
  return candidate.length < best.length || (candidate.length === best.length && candidate !== best);
}

/**
 * Delta debugging's chunk removal (Zeller's ddmin, complement steps only): remove halves, then quarters,
 * and so on down to single events, sweeping through the trace at each size. A sweep that removes a chunk
 * goes on from the same position in the shorter trace, so a pass costs O(n log n) runs, not O(n²).
 * As a reducer it yields one candidate per chunk; the loop restarts after each success, so the sweep
 * position is kept in the closure between calls on the trace it produced.
 */
export function removeChunks<E>(): Reducer<E> {
  let resume: { readonly trace: readonly E[]; readonly size: number; readonly at: number } | null = null;
  return function* (events) {
    let size = Math.max(1, events.length >> 1);
    let at = 0;
    if (resume !== null && resume.trace === events) ({ size, at } = resume);
    for (; size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1), at = 0) {
      for (; at < events.length; at += size) {
        const candidate = [...events.slice(0, at), ...events.slice(at + size)];
        // If it fails, the loop comes back with `candidate` as the trace: resume at the same position.
        resume = { trace: candidate, size, at };
        yield candidate;
      }
    }
    resume = null;
  };
}

/** The same events with one reducer applied per group (e.g. per key), each group's cut on its own. */
export function groupedBy<E>(key: (e: E) => string, reducer: (group: readonly number[], events: readonly E[]) => Iterable<readonly E[]>): Reducer<E> {
  return function* (events) {
    const groups = new Map<string, number[]>();
    events.forEach((e, i) => {
      const k = key(e);
      const g = groups.get(k);
      if (g) g.push(i);
      else groups.set(k, [i]);
    });
    // Biggest groups first: their cuts shorten the trace most.
    for (const indices of [...groups.values()].sort((a, b) => b.length - a.length)) yield* reducer(indices, events);
  };
}

/** `events` without the events at `drop` (sorted indices). */
export function without<E>(events: readonly E[], drop: ReadonlySet<number>): E[] {
  return events.filter((_, i) => !drop.has(i));
}
