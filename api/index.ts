/**
 * nfcheck as a library: `import { … } from "nfcheck"`. What a user's own code needs to check a system of
 * its own (defineSystem, checkSystem), explore a model, and read, write and replay counterexamples; the
 * test helpers are in `nfcheck/vitest` (api/vitest.ts).
 *
 * A consumer imports dist/api/index.mjs, which api/build.mjs generates: it loads this file through a scoped
 * TypeScript loader (api/load.mjs says why) and re-exports every name exported here. A name exported here
 * is public: the package's declarations (dist/api/index.d.ts) are emitted from this file.
 */
import { dirname, resolve } from "node:path";
import { CounterexampleFile, type Counterexample } from "../core/counterexample.ts";
import { replayCounterexample, type ReplayResult } from "../core/replay.ts";
import { prepareSystem } from "../core/check-system.ts";
import type { AnyModelEntry } from "../core/registry.ts";
import { decodeOrThrow } from "../core/schema-errors.ts";
import { systemEntry, systemEntryOf } from "../core/system-entry.ts";
import { loadCounterexample } from "../core/store.ts";
import { systemNamed } from "../systems/registry.ts";

export { defineSystem } from "../core/user-system.ts";
export type { SystemDefinition, SystemConfig, Json, Fault, InvariantFn, StepPropertyFn, FinalFn, Lanes } from "../core/user-system.ts";
export type { Placement } from "../core/sequence.ts";
export { checkSystem, DEFAULT_SYSTEM_MAX_STATES, DEFAULT_WALKS, DEFAULT_WALK_STEPS } from "../core/check-system.ts";
export type {
  CheckSystemOptions, SystemCheckResult, SystemCheckProgress, ExplorationOutcome, RandomOutcome, FaultOutcome, FaultStatus, PartStatus,
} from "../core/check-system.ts";
export type { ConfigOverride } from "../core/system-config.ts";
export { explore, DEFAULT_MAX_STATES } from "../core/explore.ts";
export type { ExploreOptions, ExploreResult, ExploreStats, ExploreLimit } from "../core/explore.ts";
export type { Model } from "../core/model.ts";
export { ModelError, InputError } from "../core/model.ts";
export type { Spec, Invariant, StepProperty, QuiescenceProperty, Violation } from "../core/spec.ts";
export { StepViolation, DEADLOCK, NO_EXCEPTION } from "../core/spec.ts";
export { COUNTEREXAMPLE_SCHEMA, CounterexampleFile, makeCounterexample } from "../core/counterexample.ts";
export type { Counterexample } from "../core/counterexample.ts";
export type { ReplayResult, ReplayVerdict } from "../core/replay.ts";
export type { Table } from "../core/registry.ts";
export { formatTable } from "../core/report.ts";
export { loadCounterexample, saveCounterexample } from "../core/store.ts";

/** A counterexample file's contents, validated (an InputError says what is wrong). */
export function decodeCounterexample(json: unknown): Counterexample {
  return decodeOrThrow(CounterexampleFile, json, "counterexample");
}

export interface ReplayOptions {
  /**
   * Where the paths in the counterexample are relative to — a user system's `module`, a design's module in
   * a built-in model's config (default: the file's folder; for an object, the working directory).
   */
  readonly baseDir?: string;
  /** Replay against this system object (a `defineSystem` value) instead of the module the counterexample names. */
  readonly system?: unknown;
}

/**
 * Runs a saved counterexample again — a file's path or its parsed contents — and says whether it still does
 * what it records (`verdict: "as-expected"`: its violation reproduces word for word, or its passing run
 * still passes), with the violation it met, if any. A user system's counterexample (written by `nfcheck
 * check`) names the system's module, which is loaded (TypeScript too); a built-in model's names the model.
 */
export async function replay(counterexample: unknown, options: ReplayOptions = {}): Promise<ReplayResult> {
  const file = typeof counterexample === "string" ? counterexample : undefined;
  const cx = file !== undefined ? await loadCounterexample(file) : decodeCounterexample(counterexample);
  const baseDir = options.baseDir ?? (file !== undefined ? dirname(resolve(file)) : process.cwd());
  const entry: AnyModelEntry = options.system !== undefined
    ? systemEntry(prepareSystem(options.system))
    : cx.module !== undefined ? await systemEntryOf({ ...cx, module: cx.module }, baseDir) : await systemNamed(cx.model);
  return replayCounterexample(cx, entry, baseDir);
}
