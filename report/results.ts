/**
 * What every command prints with `--json`: one shape, `nfcheck.results/1`, so that a script reads `verify`,
 * `explore`, `check`, `prove` and the others the same way. An envelope (the command, nfcheck's version, the
 * exit code, the seed, a summary) around a list of checks — each as the terminal's summary row shows it,
 * with its measures, its violation and its counterexample — and `data`, what the command adds of its own
 * (`explore`: the config and the search's figures; `list`: the systems; `cost`: the cost model's report).
 *
 * The shape is an effect Schema: every command validates what it prints against it (a wrong field is a bug
 * of nfcheck, found by the tests, not a surprise for a script), and `docs/results.schema.json` is the same
 * shape as JSON Schema (generated from this file; a test keeps them equal).
 */
import { readFileSync } from "node:fs";
import { JSONSchema, Schema } from "effect";
import { CounterexampleFile } from "../core/counterexample.ts";
import type { CheckReport } from "../cli/run-checks.ts";
import { resultWord } from "../cli/run-checks.ts";

export const RESULTS_FORMAT = "nfcheck.results/1";

const optional = <S extends Schema.Schema.Any>(s: S) => Schema.optionalWith(s, { exact: true });
const Count = Schema.Int.pipe(Schema.nonNegative());

/** How much was checked: what applies to the check is present. */
export const Measures = Schema.Struct({
  runs: optional(Count).annotations({ description: "random runs (or walks) done" }),
  states: optional(Count).annotations({ description: "distinct states explored" }),
  transitions: optional(Count),
  depth: optional(Count).annotations({ description: "events from the start to the deepest state explored" }),
  cases: optional(Count).annotations({ description: "cases a Z3 lemma was proved for" }),
});

export const CheckResult = Schema.Struct({
  id: Schema.String.annotations({ description: "stable and unique in its run, e.g. scr/scr-equivalence/ddos-mitigator/k=3" }),
  system: Schema.String,
  property: Schema.String,
  expect: Schema.Literal("pass", "violation").annotations({ description: "violation: a mutant or design boundary that must be found" }),
  status: Schema.Literal("pass", "violation", "vacuous", "incomplete", "error").annotations({ description: "what the check met" }),
  ok: Schema.Boolean.annotations({ description: "it did what it expects (a pass; a mutant killed by its property)" }),
  result: Schema.String.annotations({ description: "the word the terminal prints: pass, killed, found, SURVIVED, …" }),
  work: Schema.String.annotations({ description: "for people: 100 runs, 12,345 states, 6 cases" }),
  measures: Measures,
  timeMs: Schema.Number.pipe(Schema.nonNegative()),
  seed: optional(Schema.Int),
  violation: optional(Schema.Struct({ property: Schema.String, message: Schema.String, afterEvents: Count })),
  message: optional(Schema.String),
  coverage: optional(Schema.Unknown).annotations({ description: "what the random runs exercised" }),
  counterexample: optional(CounterexampleFile).annotations({ description: "the shortest (or shrunk) trace, as a counterexample file holds it" }),
  saved: optional(Schema.String).annotations({ description: "where the counterexample was saved" }),
});
export type CheckResult = Schema.Schema.Type<typeof CheckResult>;

export const Results = Schema.Struct({
  format: Schema.Literal(RESULTS_FORMAT),
  nfcheck: Schema.String.annotations({ description: "nfcheck's version" }),
  command: Schema.String.annotations({ description: "verify, explore scr.recovery, check my-nat, …" }),
  exitCode: Schema.Int.annotations({ description: "0 all as expected, 1 a failed check, 2 bad input, 3 incomplete, 130 interrupted" }),
  seed: optional(Schema.Int),
  seedSource: optional(Schema.String),
  profile: optional(Schema.String),
  summary: Schema.Struct({
    checks: Count, passed: Count, failed: Count, vacuous: Count,
    notRun: Count.annotations({ description: "checks asked for but not run: stopped at the first failure, or Ctrl-C" }),
    timeMs: Schema.Number.pipe(Schema.nonNegative()),
  }),
  checks: Schema.Array(CheckResult),
  data: optional(Schema.Unknown).annotations({ description: "what the command adds of its own" }),
});
export type Results = Schema.Schema.Type<typeof Results>;

/** The shape as JSON Schema (`docs/results.schema.json`). */
export function resultsJsonSchema(): object {
  return JSONSchema.make(Results);
}

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** A check's report as its JSON. */
export function checkResult(r: CheckReport): CheckResult {
  const o = r.outcome;
  return {
    id: r.check.id, system: r.check.model, property: r.check.property, expect: r.check.expect, status: o.status, ok: r.asExpected,
    result: resultWord(r.check, o, r.asExpected), work: o.work, measures: o.measures ?? {}, timeMs: Math.round(o.timeMs),
    // The seed where runs were random (an exploration or a proof takes none).
    ...(o.measures?.runs !== undefined || o.counterexample?.found === "random" ? { seed: r.seed } : {}),
    ...(o.violation ? { violation: o.violation } : {}),
    ...(o.message !== undefined ? { message: o.message } : {}),
    ...(o.coverage ? { coverage: o.coverage } : {}),
    ...(o.counterexample ? { counterexample: o.counterexample } : {}),
    ...(r.saved !== undefined ? { saved: r.saved } : {}),
  };
}

export interface ResultsHead {
  readonly command: string;
  readonly exitCode: number;
  readonly seed?: { readonly seed: number; readonly source: string };
  readonly profile?: string;
  /** How many checks were asked for, when some may not have run. */
  readonly planned?: number;
  readonly data?: unknown;
}

/** The run's results, validated against the schema, as the text `--json` prints. */
export function resultsJson(head: ResultsHead, checks: readonly CheckResult[]): string {
  const failed = checks.filter((c) => !c.ok);
  const value: Results = {
    format: RESULTS_FORMAT, nfcheck: version, command: head.command, exitCode: head.exitCode,
    ...(head.seed !== undefined ? { seed: head.seed.seed, seedSource: head.seed.source } : {}),
    ...(head.profile !== undefined ? { profile: head.profile } : {}),
    summary: {
      checks: checks.length, passed: checks.length - failed.length, failed: failed.filter((c) => c.status !== "vacuous").length,
      vacuous: failed.filter((c) => c.status === "vacuous").length, notRun: Math.max(0, (head.planned ?? checks.length) - checks.length), timeMs: checks.reduce((t, c) => t + c.timeMs, 0),
    },
    checks,
    ...(head.data !== undefined ? { data: head.data } : {}),
  };
  // A JSON round trip first: what is validated is what a script will read (no undefined, no class instances).
  return JSON.stringify(Schema.validateSync(Results)(JSON.parse(JSON.stringify(value))), null, 2);
}
