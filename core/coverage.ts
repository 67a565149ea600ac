/**
 * What the runs of a check exercised, so that a pass says what it rests on. A design checker that passes
 * a user's code which never did the thing that matters — a rewriter that never edited a byte, a program
 * whose state never changed — has checked nothing; such a pass is *vacuous*, a status of its own.
 *
 * A model's suite gives a random check a Coverage: it watches every step of the generated runs (not the
 * shrinking attempts, core/random.ts) and says at the end what it saw and, if it applies, what was never
 * exercised.
 */
import type { StepObserver } from "./run-trace.ts";

export interface CoverageReport {
  /** What the runs exercised, each a short phrase: "41,230 packets", "verdicts PASS 38,000 · DROP 3,230". */
  readonly items: readonly string[];
  /** When what matters was never exercised: a sentence saying what (the check is then vacuous). */
  readonly vacuous: string | null;
}

export interface Coverage<S, E, C> extends StepObserver<S, E, C> {
  report(): CoverageReport;
}

/** "exercised: a; b; c". */
export function formatCoverage(c: CoverageReport): string {
  return `exercised: ${c.items.join("; ")}`;
}
