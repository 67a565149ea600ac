/**
 * Lemmas that go wrong inside their worker thread, for proofs/in-worker.test.ts: each stands for a way a
 * proof can end without a verdict. None reaches Z3's solver, so the tests stay fast.
 */
import type { Lemma, LemmaCase } from "../lemma.ts";

const lemma = (name: string, cases: () => readonly LemmaCase[]): Lemma => ({ name, statement: "—", source: "a test", cases });

const never = (): never => {
  throw new Error("not reached");
};

/**
 * As Z3 does when its WebAssembly heap cannot grow: an uncaught RuntimeError ("Aborted(…)") thrown from
 * the solver's own callbacks, not from the lemma's call, while the lemma waits for an answer that never comes.
 */
export function abortingLemma(): Lemma {
  return lemma("test-aborting", () => {
    setTimeout(() => {
      throw new (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly.RuntimeError("Aborted(Cannot enlarge memory arrays)");
    }, 0);
    // The abort comes while the case waits for Z3 to start; its query is never built.
    return [{ label: "the only case", query: never, explain: never }];
  });
}

/** A case whose formula cannot be built: an exception of the lemma's own code. */
export function throwingLemma(): Lemma {
  return lemma("test-throwing", () => [{ label: "H = 1", query: () => { throw new RangeError("no such ring"); }, explain: never }]);
}

/** A case that never returns: a solver that hangs instead of failing. */
export function hangingLemma(): Lemma {
  return lemma("test-hanging", () => [{ label: "H = 1", query: () => { for (;;) { /* never returns */ } }, explain: never }]);
}

/** A worker that ends itself before it answers (emscripten's `quit` in a thread does this). */
export function exitingLemma(): Lemma {
  return lemma("test-exiting", () => process.exit(7));
}
