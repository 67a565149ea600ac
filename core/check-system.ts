/**
 * Checks a user's system (core/user-system.ts): a function of the system and the options that returns what
 * it found as data — no output; progress through a callback — for `nfcheck check` and for tests.
 *
 * In this order:
 * 1. exploration: every state reachable under the config, breadth first (core/explore.ts), so that a
 *    violation found is a shortest one; bounded by `maxStates` (incomplete when reached) and, if given,
 *    `maxDepth` (a pass then holds "within depth n");
 * 2. random walks: `runs` walks of up to `steps` events, each event chosen among those `enabled` offers by
 *    an index that fast-check draws (`enabled[i % enabled.length]`), from `seed`; a failing walk is shrunk
 *    by fast-check through its indices (core/random.ts), so the same seed gives the same shrunk trace. They
 *    reach depths an exploration bounded by `maxDepth` or `maxStates` does not;
 * 3. faults: each fault's config over the checked config, explored within the same bounds; it must be
 *    killed by the property it names — a pass, or a violation of another property, is a failure.
 */
import * as fc from "fast-check";
import { canonicalKey } from "./canonical.ts";
import { DEFAULT_MAX_MEMORY } from "./memory.ts";
import { explore, type ExploreLimit, type ExploreResult } from "./explore.ts";
import { interruptRequested } from "./interrupt.ts";
import { ContractError, InputError, ModelError } from "./model.ts";
import { runRandom, type Found, type RandomProgress } from "./random.ts";
import { runTrace } from "./run-trace.ts";
import { DEFAULT_SEED } from "./seed.ts";
import { DEFAULT_SHRINK_MS, removeChunks, shrinkLoop } from "./shrink.ts";
import { DEFAULT_SYSTEM_MAX_STATES, DEFAULT_WALKS, DEFAULT_WALK_STEPS } from "./system-bounds.ts";
import type { Violation } from "./spec.ts";
import { resolveConfig, type ConfigOverride } from "./system-config.ts";
import { systemModel, systemSpecs, threwMarker, type SystemModel, type SystemSpec } from "./system-model.ts";
import { allProperties, ALWAYS_CHECKED, ownProperties, validateSystem, type UserSystem, type SystemConfig } from "./user-system.ts";

export { DEFAULT_SYSTEM_MAX_STATES, DEFAULT_WALKS, DEFAULT_WALK_STEPS } from "./system-bounds.ts";

export interface CheckSystemOptions {
  /** Names the system in messages: its module's path, or "the system". */
  readonly where?: string;
  /** Overrides of the defaults, applied in order: `--config`'s file, then each `--set`. */
  readonly overrides?: readonly ConfigOverride[];
  /** Only these of the system's properties (the built-in ones are always checked). */
  readonly properties?: readonly string[];
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly maxMemory?: number;
  /**
   * Explorations (the system's and each fault's) keep a 64-bit fingerprint per state instead of its key,
   * as `nfcheck explore --hash-compaction` (core/fingerprint-set.ts): far less memory, and a state may be
   * missed, with the probability each exploration reports.
   */
  readonly hashCompaction?: boolean;
  /** Random walks (0: none); default DEFAULT_WALKS. */
  readonly runs?: number;
  /** Longest random walk; default DEFAULT_WALK_STEPS. */
  readonly steps?: number;
  readonly seed?: number;
  /** Time budget of shrinking a failing walk (core/random.ts's default when absent). */
  readonly shrinkMs?: number;
  /** Parts to run (all by default). */
  readonly explore?: boolean;
  readonly random?: boolean;
  readonly faults?: boolean;
  readonly onProgress?: (p: SystemCheckProgress) => void;
  /** A random walk failed: its trace, unshrunk, before shrinking starts (to save it at once). */
  readonly onFound?: (found: Found<unknown>) => void;
  /** Shrinking found a smaller failing walk (called often). */
  readonly onSmaller?: (found: Found<unknown>) => void;
}

export type SystemCheckProgress =
  | { readonly part: "explore"; readonly fault?: string; readonly states: number; readonly transitions: number; readonly depth: number; readonly frontier: number; readonly memory: number }
  | { readonly part: "random"; readonly progress: RandomProgress }
  /** A part starts (`fault` names the fault explored). */
  | { readonly part: "start"; readonly what: "explore" | "random" | "fault"; readonly fault?: string };

export type PartStatus = "pass" | "violation" | "incomplete";

export interface ExplorationOutcome {
  readonly status: PartStatus;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly timeMs: number;
  /** The depth bound, if any, and the states at it whose events were left unexplored. */
  readonly maxDepth: number | null;
  readonly cutAtDepth: number;
  readonly maxStates: number;
  /** With hash compaction: the probability that two states shared a fingerprint and one was missed, at most. */
  readonly omissionProbability?: number;
  /** incomplete: what stopped it. */
  readonly limit?: ExploreLimit;
  readonly reason?: string;
  /** violation: a shortest trace. */
  readonly violation?: Violation;
  readonly events?: readonly unknown[];
}

export interface RandomOutcome {
  readonly status: PartStatus;
  readonly runs: number;
  readonly steps: number;
  readonly seed: number;
  readonly timeMs: number;
  readonly reason?: string;
  readonly violation?: Violation;
  readonly events?: readonly unknown[];
  /** fast-check's path of the failing walk (with the seed, it replays the search). */
  readonly path?: string;
  /** Length of the failing walk first found, before shrinking. */
  readonly foundLength?: number;
  /** "partly": the time budget or Ctrl-C ended shrinking. */
  readonly shrunk?: "yes" | "partly";
}

export type FaultStatus =
  /** broken by the property it names: as it must be */
  | "killed"
  /** no violation: the checks cannot tell this fault from the system */
  | "survived"
  /** the first violation found is of another property */
  | "other-property"
  | "incomplete"
  /** its property is not among those checked (`properties`), or Ctrl-C came first */
  | "not-run";

export interface FaultOutcome {
  readonly name: string;
  readonly kills: string;
  readonly description?: string;
  /** The checked config with the fault's fields over it. */
  readonly config: SystemConfig;
  readonly status: FaultStatus;
  readonly exploration?: ExplorationOutcome;
  readonly reason?: string;
}

export interface SystemCheckResult {
  readonly system: string;
  /** The config checked: defaults, then the overrides. */
  readonly config: SystemConfig;
  /** The properties checked: the system's own (all, or those asked for), then the built-in ones. */
  readonly properties: readonly string[];
  readonly exploration: ExplorationOutcome | null;
  readonly random: RandomOutcome | null;
  readonly faults: readonly FaultOutcome[];
  /** violation: a part found one, or a fault was not killed by its property; incomplete: a bound or Ctrl-C stopped a part before its verdict. */
  readonly verdict: PartStatus;
  /**
   * Why a pass exercised nothing, or null: the exploration found no event enabled in the initial state, so
   * no step ran and no property was ever put to the test (the CLI and expectSystemHolds refuse such a pass).
   */
  readonly vacuous: string | null;
}

/** Systems validated here or by `prepareSystem`, so that a system is not validated twice. */
const validated = new WeakSet<UserSystem>();

/** Validates a system object (the default export of a module) once; throws an InputError of one line. */
export function prepareSystem(definition: unknown, where = "the system"): UserSystem {
  if (typeof definition === "object" && definition !== null && validated.has(definition as UserSystem)) return definition as UserSystem;
  const system = validateSystem(definition, where);
  validated.add(system);
  return system;
}

/** The checked properties: all the system's own, or those of `wanted` (each must exist), then the built-in ones. */
export function checkedProperties(system: UserSystem, wanted: readonly string[] | undefined, where = "the system"): string[] {
  if (wanted === undefined || wanted.length === 0) return allProperties(system);
  const known = allProperties(system);
  for (const p of wanted) {
    if (!known.includes(p)) throw new InputError(`--property ${p}: ${where} has no property ${p} (its properties: ${known.join(", ")})`);
  }
  return [...ownProperties(system).filter((p) => wanted.includes(p)), ...ALWAYS_CHECKED];
}

export function checkSystem(definition: unknown, o: CheckSystemOptions = {}): SystemCheckResult {
  const where = o.where ?? "the system";
  const system = prepareSystem(definition, where);
  const config = resolveConfig(system.defaults, o.overrides ?? []);
  const properties = checkedProperties(system, o.properties, where);
  const own = o.properties !== undefined && o.properties.length > 0 ? properties : undefined;
  // Every fault's config is checked before anything runs: a typo in one is bad input, not a failed check.
  const faultConfigs = system.faults.map((f) => resolveConfig(system.defaults, [...(o.overrides ?? []), { where: `faults.${f.name}.config`, values: f.config }]));
  const model = systemModel(system);
  const specs = systemSpecs(system, own !== undefined ? { properties: own } : {});
  const bounds = { maxStates: o.maxStates ?? DEFAULT_SYSTEM_MAX_STATES, maxDepth: o.maxDepth ?? null, maxMemory: o.maxMemory ?? DEFAULT_MAX_MEMORY, hashCompaction: o.hashCompaction ?? false };

  // Start the system once, outside any part: an init() that throws is bad input, whatever runs.
  model.init(config);

  let exploration: ExplorationOutcome | null = null;
  if (o.explore ?? true) {
    o.onProgress?.({ part: "start", what: "explore" });
    exploration = exploreSystem(model, config, specs, bounds, o.onProgress);
  }

  let random: RandomOutcome | null = null;
  const runs = o.runs ?? DEFAULT_WALKS;
  if ((o.random ?? true) && runs > 0 && !interruptRequested()) {
    o.onProgress?.({ part: "start", what: "random" });
    const randomSpecs = systemSpecs(system, { ...(own !== undefined ? { properties: own } : {}), finalsEverywhere: model });
    random = walkSystem(model, config, randomSpecs, { ...o, runs, steps: o.steps ?? DEFAULT_WALK_STEPS, seed: o.seed ?? DEFAULT_SEED });
  }

  const faults: FaultOutcome[] = [];
  if (o.faults ?? true) {
    for (const [i, f] of system.faults.entries()) {
      const head = { name: f.name, kills: f.kills, ...(f.description !== undefined ? { description: f.description } : {}), config: faultConfigs[i]! };
      if (!properties.includes(f.kills)) {
        faults.push({ ...head, status: "not-run", reason: `it must break ${f.kills}, which is not among the properties checked` });
        continue;
      }
      if (interruptRequested()) {
        faults.push({ ...head, status: "not-run", reason: "interrupted (Ctrl-C)" });
        continue;
      }
      o.onProgress?.({ part: "start", what: "fault", fault: f.name });
      const e = exploreSystem(model, head.config, specs, bounds, o.onProgress, f.name);
      const status: FaultStatus = e.status === "incomplete" ? "incomplete" : e.status === "pass" ? "survived" : e.violation!.property === f.kills ? "killed" : "other-property";
      faults.push({ ...head, status, exploration: e });
    }
  }

  const parts = [exploration?.status, random?.status];
  const failed = parts.includes("violation") || faults.some((f) => f.status === "survived" || f.status === "other-property");
  const incomplete = parts.includes("incomplete") || faults.some((f) => f.status === "incomplete" || (f.status === "not-run" && interruptRequested()));
  return {
    system: system.name, config, properties, exploration, random, faults,
    verdict: failed ? "violation" : incomplete ? "incomplete" : "pass",
    vacuous: exploration?.status === "pass" && exploration.transitions === 0
      ? "no event is enabled in the initial state: the system never takes a step, so no property was put to the test"
      : null,
  };
}

function exploreSystem(
  model: SystemModel, config: SystemConfig, specs: readonly SystemSpec[],
  bounds: { readonly maxStates: number; readonly maxDepth: number | null; readonly maxMemory: number; readonly hashCompaction: boolean },
  onProgress: CheckSystemOptions["onProgress"], fault?: string,
): ExplorationOutcome {
  const r: ExploreResult<unknown> = explore({
    model, config, specs, maxStates: bounds.maxStates, maxMemory: bounds.maxMemory, hashCompaction: bounds.hashCompaction,
    ...(bounds.maxDepth !== null ? { maxDepth: bounds.maxDepth } : {}),
    ...(onProgress ? { onProgress: (p: { states: number; transitions: number; depth: number; frontier: number; memory: number }) => onProgress({ part: "explore", ...(fault !== undefined ? { fault } : {}), ...p }) } : {}),
  });
  const stats = {
    states: r.states, transitions: r.transitions, depth: r.depth, timeMs: r.timeMs, maxDepth: bounds.maxDepth, cutAtDepth: r.cutAtDepth, maxStates: bounds.maxStates,
    ...(r.omissionProbability !== undefined ? { omissionProbability: r.omissionProbability } : {}),
  };
  switch (r.status) {
    case "pass": return { status: "pass", ...stats };
    case "incomplete": return { status: "incomplete", ...stats, limit: r.limit, reason: r.reason };
    case "violation": return { status: "violation", ...stats, violation: r.violation, events: r.events };
  }
}

/**
 * The walk that `choices` picks: from the initial state, event `enabled[i % enabled.length]` for each
 * index `i`, until the indices run out, no event is enabled, or a step throws (that event is the walk's
 * last: the runner sees it throw again).
 */
export function walkOf(model: SystemModel, config: SystemConfig, choices: readonly number[]): unknown[] {
  const events: unknown[] = [];
  let state = model.init(config);
  for (const i of choices) {
    const enabled = model.enabled(state, config);
    if (enabled.length === 0) break;
    const event = enabled[i % enabled.length];
    events.push(event);
    if (threwMarker(event) !== null) break;
    try {
      state = model.step(state, event, config);
    } catch (e) {
      if (e instanceof InputError || e instanceof ModelError) throw e;
      break;
    }
  }
  return events;
}

function walkSystem(
  model: SystemModel, config: SystemConfig, specs: readonly SystemSpec[],
  o: { readonly runs: number; readonly steps: number; readonly seed: number } & Pick<CheckSystemOptions, "shrinkMs" | "onProgress" | "onFound" | "onSmaller">,
): RandomOutcome {
  // fast-check draws the indices and shrinks them (shorter walks, then earlier choices: index 0 is the
  // first event `enabled` offers); the walk they pick is the trace the runner checks.
  const arbitrary = fc.array(fc.nat(), { maxLength: o.steps, size: "max" }).map((choices) => walkOf(model, config, choices));
  const onProgress = o.onProgress;
  const started = performance.now();
  // fast-check takes smaller indices as simpler, and index 0 may pick an event that makes the walk longer:
  // the result is the shortest failing walk met, first found or shrunk, which is as deterministic as the
  // shrinking itself.
  let shortest: Found<unknown> | null = null;
  const keep = (f: Found<unknown>) => {
    if (shortest === null || f.events.length < shortest.events.length) shortest = f;
  };
  const r = deterministic(() => runRandom({
    model, config, specs, arbitrary, seed: o.seed, runs: o.runs,
    ...(o.shrinkMs !== undefined ? { shrinkMs: o.shrinkMs } : {}),
    ...(onProgress ? { onProgress: (progress: RandomProgress) => onProgress({ part: "random", progress }) } : {}),
    onFound: (f) => {
      keep(f);
      o.onFound?.(f);
    },
    onSmaller: (f) => {
      keep(f);
      o.onSmaller?.(f);
    },
  }));
  const head = { runs: r.runs, steps: o.steps, seed: r.seed, timeMs: r.timeMs };
  switch (r.status) {
    case "pass": return { status: "pass", ...head };
    case "interrupted": return { status: "incomplete", ...head, reason: `interrupted (Ctrl-C) after ${r.runs} of ${o.runs} walks` };
    case "violation": {
      // Of equal lengths, fast-check's last: its indices are the smallest, its events the first enabled.
      const met = shortest as Found<unknown> | null; // assigned in the callbacks above
      let best: Found<unknown> = met !== null && met.events.length < r.events.length ? met : r;
      let shrunk = r.shrunk;
      if (shrunk === "yes") {
        const budgetMs = Math.max(0, (o.shrinkMs ?? DEFAULT_SHRINK_MS) - (r.timeMs - r.firstFailureMs));
        const cut = removeEvents(model, config, specs, best, budgetMs, (f) => {
          best = f;
          o.onSmaller?.(f);
        });
        if (!cut) shrunk = "partly";
      }
      return { status: "violation", ...head, timeMs: performance.now() - started, violation: best.violation, events: best.events, path: r.path, foundLength: r.foundLength, shrunk };
    }
  }
}

/**
 * The random runner replays the trace it shrank and throws when it does not fail the same way: with a
 * user's system, that is the system's fault — it is not a function of its arguments — and bad input.
 */
function deterministic<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof Error && !(e instanceof InputError) && /not deterministic/.test(e.message)) {
      throw new ContractError("the system is not deterministic: a walk that failed does not fail the same way when run again (do init, enabled and step depend on anything but their arguments?)");
    }
    throw e;
  }
}

/**
 * After fast-check: events removed from the failing walk, chunks then single ones (core/shrink.ts's
 * ddmin), as long as what is left is still a walk — every event among those `enabled` offers where it
 * comes — and still breaks the same property. fast-check shrinks the indices, and removing one index
 * changes what every later one picks; this cuts the events themselves (a no-op reply in the middle of a
 * walk goes). False when the time budget or Ctrl-C stopped it first.
 */
function removeEvents(model: SystemModel, config: SystemConfig, specs: readonly SystemSpec[], found: Found<unknown>, budgetMs: number, onSmaller: (f: Found<unknown>) => void): boolean {
  const start = performance.now();
  const property = found.violation.property;
  let last: Found<unknown> | null = null;
  const result = shrinkLoop(found.events, {
    reducers: [removeChunks()],
    stop: () => interruptRequested() || performance.now() - start >= budgetMs,
    fails: (events) => {
      if (!isWalk(model, config, events)) return null;
      const out = runTrace(model, config, specs, events);
      if (out.violation === null || out.violation.property !== property) return null;
      last = { events: events.slice(0, out.applied), violation: out.violation };
      return last.events;
    },
    onSmaller: () => onSmaller(last!),
  });
  return result.complete;
}

/** Is each event among those `enabled` offers where it comes (up to a step that throws, where the run stops)? */
function isWalk(model: SystemModel, config: SystemConfig, events: readonly unknown[]): boolean {
  let state = model.init(config);
  for (const event of events) {
    const key = canonicalKey(event);
    if (!model.enabled(state, config).some((e) => canonicalKey(e) === key)) return false;
    try {
      state = model.step(state, event, config);
    } catch (e) {
      if (e instanceof InputError || e instanceof ModelError) throw e;
      return true;
    }
  }
  return true;
}
