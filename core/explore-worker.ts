/**
 * One worker thread of the parallel explorer (core/parallel-explore.ts): it holds part of the frontier and
 * owns part of the visited set — the keys whose `ownerOf` is its index. The main thread drives it level by
 * level with the requests below; it answers each with one message.
 *
 * - `expand`: expand every state it holds at this depth (core/expand.ts, as the sequential explorer does).
 *   A successor whose key it owns is looked up at once and, if new, kept for the next level; the keys of the
 *   others go into one batch per owner, and of those successors only the parent and event index are kept.
 * - `dedupe`: add the keys of the other workers' batches for it to its visited set, sources in a fixed
 *   order after itself (so a state found by its owner stays with its owner); a flag per key: new or not.
 * - `commit`: make again, from their parents, the successors whose keys the owners flagged new, and add
 *   them to the next level's frontier.
 * - `give` / `take`: move frontier states to a worker that has fewer, as their event paths from the start:
 *   the taker replays each path (the model is deterministic) and records it in its own trail.
 * - `path`: the event indices that lead to one of its states.
 *
 * Before them, `start` makes the run's model from its target; a worker of a pool (ExplorerPool) gets one
 * `start` per run, and its module cache makes the second one cheap.
 */
import { parentPort, workerData } from "node:worker_threads";
import { eventsToExplore, Expander, replayIndices } from "./expand.ts";
import { deepFreeze } from "./freeze.ts";
import { keyWriterOf, visitedKeys } from "./explore.ts";
import { attachInterrupt } from "./interrupt.ts";
import { KeyWriter } from "./key-writer.ts";
import { Lookout, type LimitStop } from "./lookout.ts";
import type { Model } from "./model.ts";
import {
  buffersOf, KeyBatch, ownerOf, type ExploreSetup, type ExploreTargetValue, type FoundInWorker, type ToMain, type ToWorker,
} from "./parallel-explore.ts";
import { checkState as checkInvariants } from "./run-trace.ts";
import { Trail } from "./trail.ts";

const port = parentPort!;
const reply = (m: ToMain, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const fail = (e: unknown, run?: number) =>
  reply({ kind: "error", name: e instanceof Error ? e.name : "Error", message: e instanceof Error ? e.message : String(e), ...(run !== undefined ? { run } : {}) });

attachInterrupt((workerData as { interrupt: SharedArrayBuffer }).interrupt);
/** The exploration this worker takes part in: made anew by each `start`, so a pool's workers serve one run after another. */
let session: ((m: ToWorker) => void) | undefined;
port.on("message", (m: ToWorker) => {
  if (m.kind === "start") {
    session = undefined;
    start(m.setup).then((s) => { session = s; reply({ kind: "started", run: m.run }); }, (e) => fail(e, m.run));
    return;
  }
  try {
    if (!session) throw new Error(`"${m.kind}" before "start"`);
    session(m);
  } catch (e) {
    fail(e);
  }
});
reply({ kind: "loaded" });

async function start(setup: ExploreSetup): Promise<(m: ToWorker) => void> {
  const mod = (await import(setup.target.module)) as Record<string, (...args: unknown[]) => ExploreTargetValue | Promise<ExploreTargetValue>>;
  const make = mod[setup.target.export];
  if (typeof make !== "function") throw new Error(`${setup.target.module} exports no function ${setup.target.export}`);
  return serve(setup, await make(...(setup.target.args ?? [])));
}

function serve<S, E, C>(setup: ExploreSetup, { model, config, specs }: { model: Model<S, E, C>; config: C; specs: ExploreTargetValue["specs"] }): (m: ToWorker) => void {
  const me = setup.index;
  const workers = setup.workers;
  const expander = new Expander(model, config, specs as never, setup.reduce, setup.freeze, setup.maxDepth ?? Number.POSITIVE_INFINITY);
  const writeKey = keyWriterOf(model, config);
  const w = new KeyWriter();
  const visited = visitedKeys(setup.hashCompaction);
  const trail = new Trail();
  const root = trail.add(-1, 0);
  let frontier: S[] = [];
  let frontierIds: number[] = [];
  /** The next level's frontier as it grows: own successors during `expand`, then the others at `commit`. */
  let nextStates: S[] = [];
  let nextIds: number[] = [];
  /** Successors of the level, per owner, in the order of their keys in that owner's batch. */
  let pending: { at: number[]; indices: number[] }[] = [];
  /** The level being expanded, kept until `commit` makes the successors whose keys were new again from them. */
  let expanding: S[] = [];
  let expandingIds: number[] = [];

  const lookout = new Lookout(setup.maxMemory);

  const handle = (m: ToWorker): void => {
    switch (m.kind) {
      case "init": {
        const init = model.init(config);
        writeKey(init, w);
        if (ownerOf(w.units, w.length, workers) !== me) return reply({ kind: "ready", owner: false });
        visited.add(w);
        frontier = [init];
        frontierIds = [root];
        const violation = checkInvariants(specs as never, init, config, 0);
        return reply({ kind: "ready", owner: true, ...(violation ? { violation } : {}) });
      }
      case "expand": {
        const depth = m.depth;
        const batches = Array.from({ length: workers }, () => new KeyBatch());
        pending = Array.from({ length: workers }, () => ({ at: [], indices: [] }));
        expanding = frontier;
        expandingIds = frontierIds;
        let found: FoundInWorker | undefined;
        let stopped: LimitStop | undefined;
        for (let k = 0; k < frontier.length && stopped === undefined; k++) {
          const state = frontier[k]!;
          const id = frontierIds[k]!;
          if (found !== undefined) {
            // A transition of this level broke a property (a run of depth + 1 events): only a property of a
            // state of this level (depth events) can still give a shorter run.
            const own = expander.checkState(state, depth, eventsToExplore(model, state, config, expander.reduce));
            if (own) { found = { violation: own, id }; break; }
            continue;
          }
          const r = expander.expand(state, depth, (next, index) => {
            writeKey(next, w);
            const owner = ownerOf(w.units, w.length, workers);
            if (owner === me) {
              // Its own keys at once (the owner's own successors come first in the dedupe order anyway): a
              // duplicate is garbage while young, not held until the level ends.
              if (visited.add(w)) {
                nextStates.push(next);
                nextIds.push(trail.add(id, index));
              }
            } else {
              // Another's key: the successor is made again at `commit` if it is new. Held until then, every
              // one of them would outlive the young generation, duplicates and all, for the collector to move.
              batches[owner]!.push(w.units, w.length);
              const p = pending[owner]!;
              p.at.push(k);
              p.indices.push(index);
            }
            stopped = lookout.look(visited.size);
            return stopped === undefined;
          });
          if (r !== "done" && r !== "stopped") {
            found = r.eventIndex === undefined ? { violation: r.violation, id } : { violation: r.violation, id, eventIndex: r.eventIndex };
            if (r.eventIndex === undefined) break;
          }
        }
        frontier = nextStates;
        frontierIds = nextIds;
        nextStates = [];
        nextIds = [];
        const sealed = batches.map((b) => b.seal());
        return reply(
          { kind: "expanded", transitions: expander.transitions, cut: expander.cutAtDepth, batches: sealed, peak: lookout.peak, ...(found ? { found } : {}), ...(stopped ? { stopped } : {}) },
          buffersOf(sealed),
        );
      }
      case "dedupe": {
        const flags = m.batches.map((b) => new Uint8Array(b.count));
        // Its own successors were added during `expand`; then the other workers', in order after it.
        for (let o = 1; o < workers; o++) {
          const source = (me + o) % workers;
          const b = m.batches[source]!;
          const f = flags[source]!;
          for (let x = 0, at = 0; x < b.count; x++) {
            const n = b.lengths[x]!;
            if (visited.addUnits(b.units.subarray(at, at + n), n)) f[x] = 1;
            at += n;
          }
        }
        return reply({ kind: "deduped", flags }, flags.map((f) => f.buffer as ArrayBuffer));
      }
      case "commit": {
        for (let owner = 0; owner < workers; owner++) {
          const p = pending[owner]!;
          const f = m.flags[owner]!;
          let last = -1;
          let events: readonly unknown[] = [];
          for (let x = 0; x < f.length; x++) {
            if (f[x] === 0) continue;
            const k = p.at[x]!;
            const parent = expanding[k]!;
            if (k !== last) { events = eventsToExplore(model, parent, config, expander.reduce); last = k; }
            const next = model.step(parent, events[p.indices[x]!] as never, config);
            if (setup.freeze) deepFreeze(next);
            frontier.push(next);
            frontierIds.push(trail.add(expandingIds[k]!, p.indices[x]!));
          }
        }
        pending = [];
        expanding = [];
        expandingIds = [];
        return reply({ kind: "committed", frontier: frontier.length });
      }
      case "give": {
        // The last `count` states of the frontier, as their paths, one after another.
        const given = frontierIds.splice(frontierIds.length - m.count, m.count);
        frontier.length -= m.count;
        const paths = new KeyBatch();
        for (const id of given) {
          const path = trail.indicesTo(id);
          paths.push(Uint16Array.from(path), path.length);
        }
        const sealed = paths.seal();
        return reply({ kind: "given", paths: sealed }, buffersOf([sealed]));
      }
      case "take": {
        const b = m.paths;
        for (let x = 0, at = 0; x < b.count; x++) {
          const n = b.lengths[x]!;
          const path = b.units.subarray(at, at + n);
          const { state } = replayIndices(model, config, expander.reduce, path, true);
          if (setup.freeze) deepFreeze(state);
          frontier.push(state);
          frontierIds.push(trail.addPath(root, path));
          at += n;
        }
        return reply({ kind: "taken", frontier: frontier.length });
      }
      case "path":
        return reply({ kind: "path", indices: trail.indicesTo(m.id) });
    }
  };

  return handle;
}
