/**
 * A check is one thing `nfcheck verify`, `nfcheck mutants`, the design checker and `npm test` run: a
 * property of a model under one configuration, by random runs or by exhaustive exploration, or a proof.
 * Each model's suite builds its checks once; every front end runs the same list.
 */
import type { Coverage, CoverageReport } from "./coverage.ts";
import { makeCounterexample, type Counterexample } from "./counterexample.ts";
import { explore } from "./explore.ts";
import { formatBytes } from "./memory.ts";
import type { Model } from "./model.ts";
import type { Profile } from "./profile.ts";
import { runRandom, type DomainShrink, type Found, type RandomProgress } from "./random.ts";
import { DEFAULT_SHRINK_MS, type Reducer } from "./shrink.ts";
import type { Spec, Violation } from "./spec.ts";
import type * as fc from "fast-check";
import { countOf, formatCount } from "./report.ts";
import type { Table } from "./registry.ts";

export interface CheckContext {
  readonly seed: number;
  readonly profile: Profile;
  readonly progress?: (text: string) => void;
  /** Time budget of shrinking a counterexample (core/random.ts's default when absent). */
  readonly shrinkMs?: number;
  /** A random run failed: its counterexample, unshrunk, before shrinking starts. */
  readonly onFound?: (cx: Counterexample) => void;
  /** Shrinking found a smaller counterexample (called often). */
  readonly onSmaller?: (cx: Counterexample) => void;
}

/**
 * "vacuous": the runs passed without exercising what matters (core/coverage.ts); "incomplete": a bound or
 * Ctrl-C stopped the check before a verdict.
 */
export type CheckStatus = "pass" | "violation" | "vacuous" | "incomplete" | "error";

export interface CheckOutcome {
  readonly status: CheckStatus;
  /** What was done: "100 runs", "12,345 states", "64 cases". */
  readonly work: string;
  /** The same as numbers, for scripts (`--json`): what applies to the check. */
  readonly measures?: Measures;
  readonly timeMs: number;
  readonly violation?: Violation;
  readonly counterexample?: Counterexample;
  readonly message?: string;
  /** For a random find: time until the first failing run, before shrinking. */
  readonly firstFailureMs?: number;
  /** The counterexample step by step, for people. */
  readonly table?: Table;
  /** What the runs exercised (random checks that watch it). */
  readonly coverage?: CoverageReport;
}

export interface Measures {
  readonly runs?: number;
  readonly states?: number;
  readonly transitions?: number;
  readonly depth?: number;
  readonly cases?: number;
}

export interface Check {
  /** Unique and stable, e.g. "scr/scr-equivalence/ddos-mitigator/k=3". */
  readonly id: string;
  readonly model: string;
  readonly property: string;
  /** "violation" for a mutant or a design boundary that must be found. */
  readonly expect: "pass" | "violation";
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

/**
 * A check that has already run elsewhere (an exploration of `nfcheck explore`, a part of `nfcheck check`, a
 * lemma of `nfcheck prove`), described so that JSON, JUnit and the report read its outcome as verify's.
 */
export function ranCheck(id: string, model: string, property: string, expect: "pass" | "violation" = "pass"): Check {
  return { id, model, property, expect, run: () => Promise.reject(new Error(`${id} has already run`)) };
}

/** A broken variant of a model that the property the check names must catch. */
export interface MutantCheck extends Check {
  readonly mutant: string;
  readonly description: string;
}

/**
 * Did the outcome match what the check expects? A violation must be of the check's own property. A
 * vacuous pass is a failure unless the user allowed it (`--allow-vacuous`).
 */
export function outcomeAsExpected(check: Check, outcome: CheckOutcome, o: { readonly allowVacuous?: boolean } = {}): boolean {
  if (check.expect === "pass") return outcome.status === "pass" || (outcome.status === "vacuous" && (o.allowVacuous ?? false));
  return outcome.status === "violation" && outcome.violation?.property === check.property;
}

interface ModelCheckBase<S, E, C> {
  readonly id: string;
  readonly model: Model<S, E, C>;
  /** The config as JSON, for the counterexample file. */
  readonly configJson: unknown;
  readonly config: C;
  /** The property this check is about; `specs` are what is checked (usually that property alone). */
  readonly property: string;
  readonly specs: readonly Spec<S, E, C>[];
  readonly expect?: "pass" | "violation";
  readonly note?: string;
  /** Shows a counterexample step by step (the model's registry entry's `explain`). */
  readonly explain?: (config: C, events: readonly E[]) => Table;
}

type How = { readonly found: "random" | "explore"; readonly seed?: number; readonly path?: string; readonly shrunk?: "no" | "partly" };

function counterexampleOf<S, E, C>(o: ModelCheckBase<S, E, C>, events: readonly E[], violation: Violation, how: How): Counterexample {
  return makeCounterexample({ model: o.model.name, config: o.configJson, violation, events, ...how, ...(o.note !== undefined ? { note: o.note } : {}) });
}

/** The counterexample of a violation and its table, for a check's outcome. */
function found<S, E, C>(o: ModelCheckBase<S, E, C>, events: readonly E[], violation: Violation, how: How): Pick<CheckOutcome, "counterexample" | "table"> {
  return { ...(o.explain ? { table: o.explain(o.config, events) } : {}), counterexample: counterexampleOf(o, events, violation, how) };
}

export interface RandomCheckOptions<S, E, C> extends ModelCheckBase<S, E, C> {
  readonly arbitrary: (profile: Profile) => fc.Arbitrary<E[]>;
  /** Runs for this check, from the profile (default: the profile's `runs`). */
  readonly runs?: (profile: Profile) => number;
  /** Traces run before the generated ones: a corpus that reaches the code under check. */
  readonly examples?: (profile: Profile) => E[][];
  /** Reducers (and a generic arbitrary) for traces whose events are independent inputs (core/random.ts). */
  readonly shrink?: DomainShrink<E>;
  /** Reducers of the events after a plan's shrinking (core/random.ts, RandomOptions.polish); made for each run. */
  readonly polish?: () => readonly Reducer<E>[];
  /** What the runs exercise, and when a pass is vacuous (core/coverage.ts); made afresh for each run of the check. */
  readonly coverage?: () => Coverage<S, E, C>;
}

/** "40/100 runs", "40/100 runs, the next at event 12,288", "shrinking: 2,949 → 512 events, 41 steps, 12 s of 30 s". */
export function describeRandomProgress(p: RandomProgress): string {
  const at = p.event > 0 ? `, ${p.phase === "search" ? "the next" : "this attempt"} at event ${formatCount(p.event)}` : "";
  if (p.phase === "search") return `${formatCount(p.runs)}/${formatCount(p.of)} runs${at}`;
  return `shrinking: ${formatCount(p.from)} → ${countOf(p.length, "event")}, ${countOf(p.steps, "step")}, ${Math.floor(p.ms / 1_000)} s of ${Math.round(p.budgetMs / 1_000)} s${at}`;
}

/** What every model check says about itself. */
function header<S, E, C>(o: ModelCheckBase<S, E, C>): Omit<Check, "run"> {
  return { id: o.id, model: o.model.name, property: o.property, expect: o.expect ?? "pass" };
}

export function randomCheck<S, E, C>(o: RandomCheckOptions<S, E, C>): Check {
  return {
    ...header(o),
    async run(ctx) {
      const runs = o.runs?.(ctx.profile) ?? ctx.profile.runs;
      const { progress, onFound, onSmaller } = ctx;
      const coverage = o.coverage?.();
      const cx = (shrunk: "no" | "partly") => (f: Found<E>) => counterexampleOf(o, f.events, f.violation, { found: "random", seed: ctx.seed, shrunk });
      const result = runRandom({
        model: o.model, config: o.config, specs: o.specs, arbitrary: o.arbitrary(ctx.profile), seed: ctx.seed, runs,
        ...(o.examples ? { examples: o.examples(ctx.profile) } : {}),
        ...(o.shrink ? { shrink: o.shrink } : {}),
        ...(o.polish ? { polish: o.polish() } : {}),
        ...(ctx.shrinkMs !== undefined ? { shrinkMs: ctx.shrinkMs } : {}),
        ...(coverage ? { observer: coverage } : {}),
        ...(progress ? { onProgress: (p: RandomProgress) => progress(describeRandomProgress(p)) } : {}),
        ...(onFound ? { onFound: (f: Found<E>) => onFound(cx("no")(f)) } : {}),
        ...(onSmaller ? { onSmaller: (f: Found<E>) => onSmaller(cx("partly")(f)) } : {}),
      });
      const work = countOf(result.runs, "run");
      const measures = { runs: result.runs };
      const covered = coverage ? { coverage: coverage.report() } : {};
      if (result.status === "interrupted") return { status: "incomplete", work, measures, timeMs: result.timeMs, message: `interrupted (Ctrl-C) after ${countOf(result.runs, "run")} of ${formatCount(runs)}`, ...covered };
      if (result.status === "pass") {
        const vacuous = covered.coverage?.vacuous ?? null;
        return { status: vacuous === null ? "pass" : "vacuous", work, measures, timeMs: result.timeMs, ...(vacuous !== null ? { message: vacuous } : {}), ...covered };
      }
      const stop = result.shrinkStop === "interrupt" ? "Ctrl-C" : `its budget of ${Math.round((ctx.shrinkMs ?? DEFAULT_SHRINK_MS) / 1_000)} s`;
      return {
        status: "violation",
        work,
        measures,
        timeMs: result.timeMs,
        firstFailureMs: result.firstFailureMs,
        violation: result.violation,
        ...(result.shrunk === "partly" ? { message: `shrinking stopped by ${stop}, at ${countOf(result.events.length, "event")} of the ${formatCount(result.foundLength)} found (the best so far)` } : {}),
        ...covered,
        ...found(o, result.events, result.violation, { found: "random", seed: result.seed, path: result.path, ...(result.shrunk === "partly" ? { shrunk: "partly" as const } : {}) }),
      };
    },
  };
}

export interface ExploreCheckOptions<S, E, C> extends ModelCheckBase<S, E, C> {
  readonly maxStates?: number;
}

export function exploreCheck<S, E, C>(o: ExploreCheckOptions<S, E, C>): Check {
  return {
    ...header(o),
    async run(ctx) {
      const result = explore({
        model: o.model, config: o.config, specs: o.specs,
        ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}),
        ...(ctx.progress ? { onProgress: (p: { states: number; depth: number; memory: number }) => ctx.progress!(`${countOf(p.states, "state")}, depth ${p.depth}, ${formatBytes(p.memory)}`) } : {}),
      });
      const work = countOf(result.states, "state");
      const measures = { states: result.states, transitions: result.transitions, depth: result.depth };
      // What an exploration exercised: every state within its bounds, this many, this deep.
      const coverage = { items: [countOf(result.states, "state"), countOf(result.transitions, "transition"), `depth ${result.depth}`], vacuous: null };
      if (result.status === "pass") return { status: "pass", work, measures, timeMs: result.timeMs, coverage };
      if (result.status === "incomplete") return { status: "incomplete", work, measures, timeMs: result.timeMs, message: result.reason };
      return {
        status: "violation", work, measures, timeMs: result.timeMs, violation: result.violation,
        ...found(o, result.events, result.violation, { found: "explore" }),
      };
    },
  };
}
