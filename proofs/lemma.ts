/**
 * A lemma: a statement the designs rely on, proved with Z3 for every case it names. A refuted lemma comes
 * back with the case and a concrete counterexample, explained in the model's own terms.
 */
import { checkClaim, freshZ3, type Query, type Z3Context } from "../core/z3.ts";

export interface LemmaCase {
  /** "H = 7 (read)". */
  readonly label: string;
  readonly query: (ctx: Z3Context) => Query;
  /** Turns a counterexample's values into a sentence about the model. */
  readonly explain: (values: Readonly<Record<string, string>>) => string;
}

export interface Lemma {
  readonly name: string;
  readonly statement: string;
  /** Where the fact comes from, e.g. "SCR §3.3.2, App. C". */
  readonly source: string;
  cases(): readonly LemmaCase[];
}

export type LemmaResult =
  | { readonly status: "proved"; readonly cases: number; readonly timeMs: number }
  | { readonly status: "refuted"; readonly case: string; readonly counterexample: Readonly<Record<string, string>>; readonly explanation: string; readonly timeMs: number }
  | { readonly status: "unknown"; readonly case: string; readonly reason: string; readonly timeMs: number };

/** Cases `from` up to (not including) `to` of a lemma's list. */
export interface CaseRange {
  readonly from: number;
  readonly to: number;
}

/** Proves the lemma's cases (those of `range` only, when given: `cases` then counts those). */
export async function proveLemma(lemma: Lemma, timeoutMs?: number, onCase?: (done: number, of: number) => void, range?: CaseRange): Promise<LemmaResult> {
  await freshZ3();
  const started = performance.now();
  const all = lemma.cases();
  const from = range?.from ?? 0;
  const cases = all.slice(from, range?.to ?? all.length);
  for (const [i, c] of cases.entries()) {
    onCase?.(from + i, all.length);
    const outcome = await checkClaim(c.query, timeoutMs);
    if (outcome.status === "refuted") {
      return { status: "refuted", case: c.label, counterexample: outcome.counterexample, explanation: c.explain(outcome.counterexample), timeMs: performance.now() - started };
    }
    if (outcome.status === "unknown") return { status: "unknown", case: c.label, reason: outcome.reason, timeMs: performance.now() - started };
  }
  return { status: "proved", cases: cases.length, timeMs: performance.now() - started };
}
