/**
 * The worker side of proofs/in-worker.ts: makes the lemma named by its reference, proves the cases it is
 * given with its own Z3 module, and reports each case (with the lemma's number of cases) and the result
 * to the thread that started it. A Z3 abort here ends or stalls this thread only; the starting thread's
 * watchdog sees it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { describeError } from "../core/run-trace.ts";
import { proveLemma, type CaseRange, type Lemma } from "./lemma.ts";
import type { LemmaRef, WorkerReport } from "./in-worker.ts";

const { ref, timeoutMs, range } = workerData as { readonly ref: LemmaRef; readonly timeoutMs: number | undefined; readonly range: CaseRange };
const report = (m: WorkerReport) => parentPort!.postMessage(m);

try {
  const make = (await import(ref.module) as Record<string, unknown>)[ref.export];
  if (typeof make !== "function") throw new Error(`${ref.module} exports no lemma factory "${ref.export}"`);
  const lemma = make(...(ref.args ?? [])) as Lemma;
  const result = await proveLemma(lemma, timeoutMs, (done, of) => report({ kind: "case", done, of }), range);
  report({ kind: "result", result });
} catch (e) {
  report({ kind: "error", message: describeError(e) });
}
