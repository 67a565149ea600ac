/**
 * One Z3 session for the process (ARCHITECTURE §3): the WASM solver starts on first use (≈0.2 s), every
 * proof gets a fresh context and its own time limit (a check with no limit that never finishes is the one
 * way to keep the process alive), and nothing needs shutting down: z3-solver 5.2 detaches its workers.
 */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { init } from "z3-solver";

type Z3Api = Awaited<ReturnType<typeof init>>;
export type Z3Context = ReturnType<Z3Api["Context"]>;
type AnyExpr = ReturnType<Z3Context["Int"]["const"]> | ReturnType<Z3Context["Real"]["const"]> | ReturnType<Z3Context["Bool"]["const"]>;
type AnyBool = ReturnType<Z3Context["Bool"]["const"]>;

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

/** Runs `build` in a fresh context and checks that the negation of the claim is unsatisfiable. */
export async function checkClaim(build: (ctx: Z3Context) => Query, timeoutMs = DEFAULT_PROOF_TIMEOUT_MS, logic?: string): Promise<QueryOutcome> {
  const { Context } = await z3();
  if (++contexts % 16 === 0) {
    collect();
    await new Promise((done) => setTimeout(done, 0)); // let the finalizers run
  }
  const ctx = Context(`proof${contexts}`) as unknown as Z3Context;
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

function showValue(ctx: Z3Context, v: unknown): string {
  if (ctx.isIntVal(v)) return v.value().toString();
  if (ctx.isRealVal(v)) {
    const { numerator, denominator } = v.value();
    return denominator === 1n ? numerator.toString() : `${numerator}/${denominator}`;
  }
  if (ctx.isBitVecVal(v)) return v.value().toString();
  return String((v as { sexpr(): string }).sexpr());
}
