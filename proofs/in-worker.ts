/**
 * Proves a lemma in a worker thread of its own (proofs/lemma-worker.ts), for `nfcheck prove` and the proof
 * checks of `nfcheck verify`. Z3 runs as WebAssembly with a heap of at most 2 GiB; a lemma that outgrows
 * it aborts inside the solver, and an abort there used to leave the whole process waiting forever. In a
 * worker, an abort or any other crash ends that thread: the worker's `error` or `exit` says so at once,
 * and a watchdog stops a worker that has answered nothing for longer than Z3's own time limit allows (a
 * solver that hangs instead of failing). Either way the caller gets a LemmaCrashed naming the lemma, not a
 * hang; and each lemma's Z3 memory is given back when its worker ends, so a lemma no longer inherits the
 * heap the lemmas before it filled (nor, batch by batch, a lemma of many cases its own: CASES_PER_WORKER).
 */
import { Worker } from "node:worker_threads";
import { DEFAULT_PROOF_TIMEOUT_MS } from "../core/z3.ts";
import type { CaseRange, LemmaResult } from "./lemma.ts";

/**
 * A lemma as a worker thread can make it again: the module that exports its factory (a file URL), the
 * factory's name, and its arguments (plain data: they are copied to the worker).
 */
export interface LemmaRef {
  readonly module: string;
  readonly export: string;
  readonly args?: readonly unknown[];
}

/** What the worker sends: a case started (and the lemma's number of cases), the result, or an exception of the lemma's own code. */
export type WorkerReport =
  | { readonly kind: "case"; readonly done: number; readonly of: number }
  | { readonly kind: "result"; readonly result: LemmaResult }
  | { readonly kind: "error"; readonly message: string };

/** A lemma whose worker crashed, aborted, threw or hung: no verdict. The message is one line naming the lemma. */
export class LemmaCrashed extends Error {
  override readonly name = "LemmaCrashed";
}

/**
 * How long a worker may go without a word: Z3's limit per query twice over (it overshoots it a little), and
 * time to start a worker, load the modules and Z3, and build a case's formulas on a busy machine.
 */
export const stallLimitMs = (timeoutMs: number) => 2 * timeoutMs + 60_000;

export interface InWorkerOptions {
  /** Z3's time limit per query (default DEFAULT_PROOF_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  readonly onCase?: (done: number, of: number) => void;
  /** The watchdog: a worker silent this long is stopped (default `stallLimitMs(timeoutMs)`). */
  readonly stallMs?: number;
  /** Cases one worker proves before the next takes over (default CASES_PER_WORKER). */
  readonly casesPerWorker?: number;
}

/**
 * Freed contexts do not give their WASM memory back (core/z3.ts): a worker's heap grows with every query
 * it answers, to 1.9 GB over ring-order's 192 in one worker. So a lemma's cases are proved 32 at a time,
 * each batch in a worker of its own that ends with it: `nfcheck prove` then peaks at about 0.56 GB, for a
 * second or so more per batch (to start a worker; 48 a batch: 0.70 GB, 64: 0.84 GB). `nfcheck verify`
 * runs one proof at a time (cli/parallel-checks.ts), so it stays under 1 GB with its check threads.
 */
export const CASES_PER_WORKER = 32;

export async function proveInWorker(name: string, ref: LemmaRef, o: InWorkerOptions = {}): Promise<LemmaResult> {
  const per = o.casesPerWorker ?? CASES_PER_WORKER;
  const started = performance.now();
  let proved = 0;
  for (let from = 0; ; from += per) {
    const { result, of } = await inOneWorker(name, ref, { from, to: from + per }, o);
    if (result.status !== "proved") return { ...result, timeMs: performance.now() - started };
    proved += result.cases;
    if (from + per >= of) return { status: "proved", cases: proved, timeMs: performance.now() - started };
  }
}

/** Cases `range` of the lemma in a worker of their own; `of`: how many cases the lemma has. */
async function inOneWorker(name: string, ref: LemmaRef, range: CaseRange, o: InWorkerOptions): Promise<{ result: LemmaResult; of: number }> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_PROOF_TIMEOUT_MS;
  const stallMs = o.stallMs ?? stallLimitMs(timeoutMs);
  const worker = new Worker(new URL("./lemma-worker-boot.mjs", import.meta.url), { workerData: { ref, timeoutMs, range } });
  let at = range.from === 0 ? "before its first case" : `before case ${range.from + 1}`;
  let of = 0;
  let lastWord = performance.now();
  let outcome: { result: LemmaResult } | { failure: string } | undefined;
  const settle = (o: typeof outcome) => {
    outcome ??= o;
    // Ends the worker, and with it its Z3 module and memory, whatever it was doing.
    void worker.terminate();
  };
  worker.on("message", (m: WorkerReport) => {
    lastWord = performance.now();
    switch (m.kind) {
      case "case":
        of = m.of;
        at = `in case ${m.done + 1}/${m.of}`;
        o.onCase?.(m.done, m.of);
        break;
      case "result":
        settle({ result: m.result });
        break;
      case "error":
        settle({ failure: `threw ${m.message} (${at})` });
        break;
    }
  });
  // An uncaught exception in the worker: a WebAssembly abort of Z3 ("RuntimeError: Aborted(...)") is one.
  worker.on("error", (e) => settle({ failure: `the Z3 worker crashed ${at}: ${e.name}: ${e.message}` }));
  const watchdog = setInterval(() => {
    const silent = performance.now() - lastWord;
    if (silent > stallMs) settle({ failure: `no answer from the Z3 worker ${at} for ${Math.round(silent / 1000)} s (Z3's limit per query is ${timeoutMs / 1000} s): stopped it` });
  }, Math.min(1_000, Math.max(10, stallMs / 4)));
  const code = await new Promise<number>((done) => worker.once("exit", done));
  clearInterval(watchdog);
  if (outcome === undefined) outcome = { failure: `the Z3 worker stopped ${at} (exit code ${code}) without an answer` };
  if ("failure" in outcome) throw new LemmaCrashed(`lemma ${name}: ${oneLine(outcome.failure)}`);
  return { result: outcome.result, of };
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
