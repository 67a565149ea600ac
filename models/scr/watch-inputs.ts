/**
 * The no-input-mutation check (specs/scr.ts): an SCR program's calls watched for changes to their inputs.
 * It lives with the model because a config turns it on (`watchInputs`, read by toScrConfig), and a change
 * is raised from inside the step, as a StepViolation.
 */
import { StepViolation } from "../../core/spec.ts";
import { sameHash, structuralHash, type StructuralHash } from "../../core/structural-hash.ts";
import type { Packet } from "./packet.ts";
import type { CoreEnv, ScrProgram } from "./program.ts";

export const NO_INPUT_MUTATION = "no-input-mutation";

/**
 * Watching a call costs two walks of its inputs (before and after). Calls are all watched while their
 * inputs are small; calls with larger inputs are watched until the walks of this check have visited
 * WATCH_NODES nodes, then no more — deterministic, so the same seed watches the same calls, and bounded, so
 * a state of a million entries does not turn a check of seconds into hours. A program that writes through
 * its input does so from the first packets it sees.
 */
const LARGE_INPUT_NODES = 10_000;
const WATCH_NODES = 20_000_000;

export interface InputWatchStats {
  calls: number;
  watched: number;
  /** The largest input seen, in nodes (core/structural-hash.ts). */
  largest: number;
}

const watchStats = new WeakMap<object, InputWatchStats>();

/** How many calls of a watched program were watched (for coverage), or undefined if it is not watched. */
export function inputWatchStats(program: object): InputWatchStats | undefined {
  return watchStats.get(program);
}

/**
 * The initial state for the runs of a watched program: init() once, kept with its structural hash, and
 * handed out again while the hash is unchanged. A run whose program wrote into the kept state (a write the
 * watch reported, or one it did not watch) leaves a different hash, and the next run starts from a fresh
 * init(), so every run starts from what init() gives, as if it were called for each — without building a
 * state of a million entries for every run (one walk of it instead).
 */
export function keptWhileUnchanged<S>(init: () => S): () => S {
  let kept: { readonly state: S; readonly hash: StructuralHash } | null = null;
  return () => {
    if (kept === null || !sameHash(structuralHash(kept.state), kept.hash)) {
      const state = init();
      kept = { state, hash: structuralHash(state) };
    }
    return kept.state;
  };
}

/**
 * The program, with its calls watched: a structural hash of each argument is taken before the call and
 * compared after it. A change is reported as a `no-input-mutation` violation at the packet being handled.
 */
export function watchInputs<S, M, V>(program: ScrProgram<S, M, V>): ScrProgram<S, M, V> {
  const stats: InputWatchStats = { calls: 0, watched: 0, largest: 0 };
  let walked = 0;
  let lastSize = 0;
  const watch = <T>(what: string, args: readonly [name: string, value: unknown][], call: () => T): T => {
    stats.calls++;
    if (lastSize > LARGE_INPUT_NODES && walked >= WATCH_NODES) return call();
    stats.watched++;
    const before = args.map(([, v]) => structuralHash(v));
    const result = call();
    lastSize = 0;
    args.forEach(([name, v], i) => {
      const after = structuralHash(v);
      lastSize += after.nodes;
      if (!sameHash(after, before[i]!)) throw new StepViolation(NO_INPUT_MUTATION, `${what} mutated its input ${name}`);
    });
    walked += 2 * lastSize;
    stats.largest = Math.max(stats.largest, lastSize);
    return result;
  };
  const watched: ScrProgram<S, M, V> = {
    name: program.name,
    metaBytes: program.metaBytes,
    init: () => program.init(),
    extract: (p: Packet) => watch("extract(p)", [["packet", p]], () => program.extract(p)),
    fastForward: (s: S, m: M) => watch("fastForward(s, m)", [["state", s], ["history entry", m]], () => program.fastForward(s, m)),
    process: (s: S, p: Packet, env?: CoreEnv) => watch("process(s, p)", [["state", s], ["packet", p]], () => program.process(s, p, env)),
  };
  watchStats.set(watched, stats);
  return watched;
}
