/**
 * `nfcheck verify --jobs n`: the checks shared out over n worker threads, each taking the next check from
 * one queue as soon as it is free (the slowest first: the Z3 proofs, one at a time). A check's outcome does not depend on
 * where it runs — its seed is derived from the run's seed and its id —, so the verdicts, the counterexamples
 * and the summary (in the checks' order) are those of one thread; only the order of the lines as checks end
 * differs.
 */
import { Worker } from "node:worker_threads";
import type { Check, CheckOutcome } from "../core/check.ts";
import { interruptBuffer, interruptRequested } from "../core/interrupt.ts";
import { InputError } from "../core/model.ts";
import { TerminalProgress } from "../core/report.ts";
import { WORKER_RESOURCE_LIMITS } from "../core/young-generation.ts";
import type { CheckReport } from "./run-checks.ts";

export interface VerifyWorkerData {
  /** Which worker cli/worker-boot.mjs starts. */
  readonly entry: "verify";
  readonly profile: string;
  readonly seed: number;
  readonly saveDir?: string;
  readonly fullTraces: boolean;
  /** Print nothing (the run prints JSON only). */
  readonly quiet: boolean;
  readonly interrupt: SharedArrayBuffer;
}

export type ToWorker = { readonly kind: "run"; readonly id: string } | { readonly kind: "stop" };
export type FromWorker =
  | { readonly kind: "ready" }
  | { readonly kind: "report"; readonly id: string; readonly seed: number; readonly outcome: CheckOutcome; readonly asExpected: boolean; readonly saved?: string }
  | { readonly kind: "skipped"; readonly id: string }
  | { readonly kind: "failed"; readonly id: string; readonly message: string; readonly input: boolean }
  | { readonly kind: "write"; readonly stream: "stdout" | "stderr"; readonly text: string }
  | { readonly kind: "progress"; readonly label: string; readonly text: string }
  | { readonly kind: "progress-done"; readonly label: string };

const isProof = (c: Check) => c.id.startsWith("proof/");

/**
 * Where in the queue a free thread's next check is: the first one, unless a proof runs elsewhere and it
 * is a proof too (then the first that is not); "wait" when only proofs are left and one runs; "stop" when
 * the queue is empty.
 */
export function nextCheck(queue: readonly Check[], proving: boolean): number | "wait" | "stop" {
  if (queue.length === 0) return "stop";
  const at = queue.findIndex((c) => !(proving && isProof(c)));
  return at < 0 ? "wait" : at;
}

/** Proofs first: each is one long Z3 run that the other threads can work around. */
const queueOrder = (checks: readonly Check[]) => [...checks.filter(isProof), ...checks.filter((c) => !isProof(c))];

export async function runChecksInParallel(checks: readonly Check[], jobs: number, data: Omit<VerifyWorkerData, "interrupt" | "entry">): Promise<CheckReport[]> {
  const queue = queueOrder(checks);
  const byId = new Map(checks.map((c) => [c.id, c]));
  const reports = new Map<string, CheckReport>();
  const progress = new TerminalProgress();
  let failure: Error | undefined;
  const ticker = setInterval(() => progress.tick(), 1_000);
  /**
   * One proof at a time: a Z3 worker holds 0.5–0.7 GB (proofs/in-worker.ts), and two side by side took
   * verify past 1 GB. While one runs, a thread that is free takes the next check that is not a proof; with
   * only proofs left, it waits for the running one to end.
   */
  let proving = false;
  const waiting: (() => void)[] = [];
  const wake = () => { for (const w of waiting.splice(0)) w(); };
  const one = () => new Promise<void>((done, fail) => {
    const worker = new Worker(new URL("./worker-boot.mjs", import.meta.url), { workerData: { ...data, entry: "verify", interrupt: interruptBuffer() } satisfies VerifyWorkerData, resourceLimits: WORKER_RESOURCE_LIMITS });
    let mine: Check | undefined;
    const next = () => {
      if (mine !== undefined && isProof(mine)) { proving = false; wake(); }
      mine = undefined;
      const take = failure !== undefined || interruptRequested() ? "stop" : nextCheck(queue, proving);
      if (take === "wait") { waiting.push(next); return; }
      const check = take === "stop" ? undefined : queue.splice(take, 1)[0]!;
      if (check !== undefined && isProof(check)) proving = true;
      mine = check;
      worker.postMessage(check === undefined ? ({ kind: "stop" } satisfies ToWorker) : ({ kind: "run", id: check.id } satisfies ToWorker));
    };
    worker.on("message", (m: FromWorker) => {
      switch (m.kind) {
        case "ready": next(); break;
        case "report": reports.set(m.id, { check: byId.get(m.id)!, seed: m.seed, outcome: m.outcome, asExpected: m.asExpected, ...(m.saved !== undefined ? { saved: m.saved } : {}) }); next(); break;
        case "skipped": next(); break;
        case "failed": failure ??= m.input ? new InputError(m.message) : new Error(`${m.id}: ${m.message}`); next(); break;
        case "write": progress.clearLine(); process[m.stream].write(m.text); break;
        case "progress": progress.update(m.label, m.text); break;
        case "progress-done": progress.done(m.label); break;
      }
    });
    worker.on("error", fail);
    worker.once("exit", () => done());
  });
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, checks.length)) }, one));
  } finally {
    clearInterval(ticker);
    progress.clearLine();
  }
  if (failure !== undefined) throw failure;
  return checks.flatMap((c) => (reports.has(c.id) ? [reports.get(c.id)!] : []));
}
