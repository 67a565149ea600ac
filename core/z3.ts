/**
 * One Z3 session (ARCHITECTURE §3): the WASM solver starts on first use (≈0.2 s) and again before a
 * lemma once a module has served many claims (`freshZ3`), every proof gets a fresh context and its own
 * time limit (a check with no limit that never finishes is the one way to keep the process alive), and
 * nothing needs shutting down: z3-solver 5.2 detaches its workers.
 */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { init } from "z3-solver";

type Z3Api = Awaited<ReturnType<typeof init>>;
export type Z3Context = ReturnType<Z3Api["Context"]>;
type AnyExpr = ReturnType<Z3Context["Int"]["const"]> | ReturnType<Z3Context["Real"]["const"]> | ReturnType<Z3Context["Bool"]["const"]>;
type AnyBool = ReturnType<Z3Context["Bool"]["const"]>;
type AnyArith = ReturnType<Z3Context["Int"]["const"]> | ReturnType<Z3Context["Real"]["const"]>;

let api: Promise<Z3Api> | undefined;
let contexts = 0;

/**
 * z3-solver frees a context only when the garbage collector finalizes it, and the WASM heap is capped at
 * 2 GiB: a run of a few hundred proofs (verify, prove) outgrows it before the collector gets round to the
 * contexts of earlier proofs. So every 16 claims the collector is asked to run (node's `gc`, exposed here
 * through V8's flags), and the finalizers free the contexts nothing refers to any more.
 */
v8.setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** Claims proved on the current Z3 module. */
let claimsOnModule = 0;

/** A module that has served this many claims is replaced before the next lemma (see `freshZ3`). */
export const CLAIMS_PER_MODULE = 64;

/**
 * Called before each lemma (proofs/lemma.ts). Contexts freed by the collector do not give their WASM
 * memory back in practice: the 192 queries of ring-order leave the module's 2 GiB heap so full that the
 * lemmas after it abort with "Cannot enlarge memory arrays" (an abort leaves the thread waiting forever:
 * `nfcheck prove` and `verify` run each lemma in a worker of its own, proofs/in-worker.ts, which sees it). So a module that has served `CLAIMS_PER_MODULE` claims is dropped and the next query makes a
 * new one (about 0.2 s). Only long runs of lemmas (verify, prove) get there; replacing the module after
 * every lemma once made a test process with several short lemmas abort in a new module's thread, so it is
 * done as rarely as the heap allows. No collection here: the contexts are collected every 16 claims
 * (`freshContext`), and one before every lemma as well cost a test process that proves many short lemmas
 * among much else seconds (a whole collection of a large heap, twice, per lemma: 3 s of the 38 s of the
 * recovery BMC's tests run alone).
 */
export async function freshZ3(): Promise<void> {
  if (claimsOnModule >= CLAIMS_PER_MODULE) {
    api = undefined;
    claimsOnModule = 0;
  }
}

function z3(): Promise<Z3Api> {
  return (api ??= init());
}

export const DEFAULT_PROOF_TIMEOUT_MS = 20_000;

/** A query: the constraints whose satisfiability refutes the claim, and the terms to show if they are. */
export interface Query {
  /** Claim is proved when these are unsatisfiable together. */
  readonly negation: readonly AnyBool[];
  /** Named terms evaluated in a counterexample. */
  readonly show: Readonly<Record<string, AnyExpr>>;
}

export type QueryOutcome =
  | { readonly status: "proved"; readonly timeMs: number }
  | { readonly status: "refuted"; readonly counterexample: Readonly<Record<string, string>>; readonly timeMs: number }
  | { readonly status: "unknown"; readonly reason: string; readonly timeMs: number };

/** A fresh context for one proof (and, every 16 of them, a garbage collection: see `collect`). */
async function freshContext(): Promise<Z3Context> {
  const { Context } = await z3();
  claimsOnModule++;
  if (++contexts % 16 === 0) {
    collect();
    await new Promise((done) => setTimeout(done, 0)); // let the finalizers run
  }
  return Context(`proof${contexts}`) as unknown as Z3Context;
}

/** Runs `build` in a fresh context and checks that the negation of the claim is unsatisfiable. */
export async function checkClaim(build: (ctx: Z3Context) => Query, timeoutMs = DEFAULT_PROOF_TIMEOUT_MS, logic?: string): Promise<QueryOutcome> {
  const ctx = await freshContext();
  const started = performance.now();
  const query = build(ctx);
  const solver = logic ? new ctx.Solver(logic) : new ctx.Solver();
  // The solver is freed at once rather than left to the garbage collector (see `collect`).
  try {
    solver.set("timeout", timeoutMs);
    for (const c of query.negation) solver.add(c);
    const answer = await solver.check();
    const timeMs = performance.now() - started;
    if (answer === "unsat") return { status: "proved", timeMs };
    if (answer === "unknown") return { status: "unknown", reason: solver.reasonUnknown(), timeMs };
    const model = solver.model();
    const counterexample: Record<string, string> = {};
    for (const [name, term] of Object.entries(query.show)) counterexample[name] = showValue(ctx, model.eval(term as never, true));
    model.release();
    return { status: "refuted", counterexample, timeMs };
  } finally {
    solver.release();
  }
}

/** A minimisation: constraints, the term to minimise, and named terms to read off an optimal model. */
export interface Minimization {
  readonly constraints: readonly AnyBool[];
  readonly objective: AnyArith;
  readonly show: Readonly<Record<string, AnyExpr>>;
}

export type MinimizationOutcome =
  | { readonly status: "optimal"; readonly value: string; readonly values: Readonly<Record<string, string>>; readonly timeMs: number }
  | { readonly status: "infeasible"; readonly timeMs: number }
  | { readonly status: "unknown"; readonly reason: string; readonly timeMs: number };

/**
 * Runs `build` in a fresh context and asks Z3's Optimize for the least value of the objective under the
 * constraints, with the shown terms in a model that attains it. An unbounded objective is reported as
 * "unknown" (every use here is bounded below).
 */
export async function minimize(build: (ctx: Z3Context) => Minimization, timeoutMs = DEFAULT_PROOF_TIMEOUT_MS): Promise<MinimizationOutcome> {
  const ctx = await freshContext();
  const started = performance.now();
  const problem = build(ctx);
  const optimize = new ctx.Optimize();
  // Freed at once, like the Solver in `checkClaim`.
  try {
    optimize.set("timeout", timeoutMs);
    for (const c of problem.constraints) optimize.add(c);
    const handle = optimize.minimize(problem.objective);
    const answer = await optimize.check();
    const timeMs = performance.now() - started;
    if (answer === "unsat") return { status: "infeasible", timeMs };
    if (answer === "unknown") return { status: "unknown", reason: optimize.reasonUnknown(), timeMs };
    const lower = optimize.getLower(handle);
    if (!ctx.isIntVal(lower) && !ctx.isRealVal(lower)) return { status: "unknown", reason: `objective unbounded (${lower.sexpr()})`, timeMs };
    const model = optimize.model();
    const values: Record<string, string> = {};
    for (const [name, term] of Object.entries(problem.show)) values[name] = showValue(ctx, model.eval(term as never, true));
    const value = showValue(ctx, model.eval(problem.objective as never, true));
    model.release();
    // At an optimum the model attains the bound; a model above it (a search cut short) is no answer.
    if (value !== showValue(ctx, lower)) return { status: "unknown", reason: `model gives ${value}, the bound is ${showValue(ctx, lower)}`, timeMs };
    return { status: "optimal", value, values, timeMs };
  } finally {
    optimize.release();
  }
}

function showValue(ctx: Z3Context, v: unknown): string {
  if (ctx.isIntVal(v)) return v.value().toString();
  if (ctx.isRealVal(v)) {
    const { numerator, denominator } = v.value();
    return denominator === 1n ? numerator.toString() : `${numerator}/${denominator}`;
  }
  if (ctx.isBitVecVal(v)) return v.value().toString();
  return String((v as { sexpr(): string }).sexpr());
}
