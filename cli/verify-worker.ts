/**
 * A worker thread of `nfcheck verify --jobs n` (cli/parallel-checks.ts): it builds the checks once, then
 * runs the one the main thread names, reports it, and asks for the next. Its output and progress go to the
 * main thread as messages; Ctrl-C reaches it through the shared interrupt cell.
 */
import { parentPort, workerData } from "node:worker_threads";
import { attachInterrupt } from "../core/interrupt.ts";
import { InputError } from "../core/model.ts";
import { resolveProfile } from "../core/profile.ts";
import { setProgressSink } from "../core/report.ts";
import { setOutputSink } from "./output.ts";
import { runChecks } from "./run-checks.ts";
import { allChecks } from "./suites.ts";
import type { FromWorker, ToWorker, VerifyWorkerData } from "./parallel-checks.ts";

const data = workerData as VerifyWorkerData;
const post = (m: FromWorker) => parentPort!.postMessage(m);
attachInterrupt(data.interrupt);
setOutputSink((stream, text) => post({ kind: "write", stream, text }));
setProgressSink({ update: (label, text) => post({ kind: "progress", label, text }), done: (label) => post({ kind: "progress-done", label }) });

const profile = resolveProfile(data.profile);
const checks = new Map((await allChecks(profile)).map((c) => [c.id, c]));

parentPort!.on("message", async (m: ToWorker) => {
  if (m.kind === "stop") {
    parentPort!.close();
    return;
  }
  try {
    const [r] = await runChecks([checks.get(m.id)!], { seed: data.seed, profile, ...(data.saveDir !== undefined ? { saveDir: data.saveDir } : {}), fullTraces: data.fullTraces, quiet: data.quiet });
    // The check itself stays here (it holds functions); the main thread has its own copy.
    post(r === undefined ? { kind: "skipped", id: m.id } : { kind: "report", id: m.id, seed: r.seed, outcome: r.outcome, asExpected: r.asExpected, ...(r.saved !== undefined ? { saved: r.saved } : {}) });
  } catch (e) {
    post({ kind: "failed", id: m.id, message: e instanceof Error ? e.message : String(e), input: e instanceof InputError });
  }
});
post({ kind: "ready" });
