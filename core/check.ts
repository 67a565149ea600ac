/**
 * A check is one thing `nfcheck verify`, `nfcheck mutants`, the design checker and `npm test` run: a
 * property of a model under one configuration, by random runs or by exhaustive exploration, or a proof.
 * Each model's suite builds its checks once; every front end runs the same list.
 */
import { makeCounterexample, type Counterexample } from "./counterexample.ts";
import { explore } from "./explore.ts";
import type { Model } from "./model.ts";
import type { Profile } from "./profile.ts";
import { runRandom } from "./random.ts";
import type { Spec, Violation } from "./spec.ts";
import type * as fc from "fast-check";
import { countOf } from "./report.ts";
import type { Table } from "./registry.ts";

export interface CheckContext {
  readonly seed: number;
  readonly profile: Profile;
  readonly progress?: (text: string) => void;
}

export type CheckStatus = "pass" | "violation" | "incomplete" | "error";

export interface CheckOutcome {
  readonly status: CheckStatus;
  /** What was done: "100 runs", "12,345 states", "64 cases". */
  readonly work: string;
  readonly timeMs: number;
  readonly violation?: Violation;
  readonly counterexample?: Counterexample;
  readonly message?: string;
  /** For a random find: time until the first failing run, before shrinking. */
  readonly firstFailureMs?: number;
  /** The counterexample step by step, for people. */
  readonly table?: Table;
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

/** A broken variant of a model that the property the check names must catch. */
export interface MutantCheck extends Check {
  readonly mutant: string;
  readonly description: string;
}

/** Did the outcome match what the check expects? A violation must be of the check's own property. */
export function outcomeAsExpected(check: Check, outcome: CheckOutcome): boolean {
  if (check.expect === "pass") return outcome.status === "pass";
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

/** The counterexample of a violation and its table, for a check's outcome. */
function found<S, E, C>(
  o: ModelCheckBase<S, E, C>, events: readonly E[], violation: Violation, how: { found: "random" | "explore"; seed?: number; path?: string },
): Pick<CheckOutcome, "counterexample" | "table"> {
  return {
    ...(o.explain ? { table: o.explain(o.config, events) } : {}),
    counterexample: makeCounterexample({ model: o.model.name, config: o.configJson, violation, events, ...how, ...(o.note !== undefined ? { note: o.note } : {}) }),
  };
}

export interface RandomCheckOptions<S, E, C> extends ModelCheckBase<S, E, C> {
  readonly arbitrary: (profile: Profile) => fc.Arbitrary<E[]>;
  /** Runs for this check, from the profile (default: the profile's `runs`). */
  readonly runs?: (profile: Profile) => number;
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
      const progress = ctx.progress;
      const result = runRandom({
        model: o.model, config: o.config, specs: o.specs, arbitrary: o.arbitrary(ctx.profile), seed: ctx.seed, runs,
        ...(progress ? { onProgress: (p: { runs: number; shrinks: number; of: number }) => progress(p.shrinks > 0 ? `shrinking (${countOf(p.shrinks, "step")})` : `${p.runs}/${p.of} runs`) } : {}),
      });
      if (result.status === "pass") return { status: "pass", work: countOf(result.runs, "run"), timeMs: result.timeMs };
      return {
        status: "violation",
        work: countOf(result.runs, "run"),
        timeMs: result.timeMs,
        firstFailureMs: result.firstFailureMs,
        violation: result.violation,
        ...found(o, result.events, result.violation, { found: "random", seed: result.seed, path: result.path }),
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
        ...(ctx.progress ? { onProgress: (p: { states: number; depth: number }) => ctx.progress!(`${countOf(p.states, "state")}, depth ${p.depth}`) } : {}),
      });
      const work = countOf(result.states, "state");
      if (result.status === "pass") return { status: "pass", work, timeMs: result.timeMs };
      if (result.status === "incomplete") return { status: "incomplete", work, timeMs: result.timeMs, message: result.reason };
      return {
        status: "violation", work, timeMs: result.timeMs, violation: result.violation,
        ...found(o, result.events, result.violation, { found: "explore" }),
      };
    },
  };
}
