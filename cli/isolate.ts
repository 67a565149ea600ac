/**
 * Runs a command that calls into a user's design in a worker thread, so that a design that never returns
 * can be stopped: the watchdog (core/watchdog.ts) terminates the worker when one call into the design
 * makes no progress for `callTimeoutMs`, and the user is told which function and during what.
 */
import { Worker } from "node:worker_threads";
import { interruptBuffer } from "../core/interrupt.ts";
import { createWatchdogBuffer, watchWorker } from "../core/watchdog.ts";
import type { IsolatedCommand } from "./isolated.ts";
import { EXIT_BAD_INPUT, warn } from "./output.ts";

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export async function runIsolated(command: IsolatedCommand, callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<number> {
  const watchdog = createWatchdogBuffer();
  const worker = new Worker(new URL("./worker-boot.mjs", import.meta.url), { workerData: { command, watchdog, interrupt: interruptBuffer() } });
  let context = "starting";
  let code: number | undefined;
  let stuck: string | undefined;
  let failure: unknown;
  worker.on("message", (m: { kind: "context"; text: string } | { kind: "exit"; code: number }) => {
    if (m.kind === "context") context = m.text;
    else code = m.code;
  });
  worker.on("error", (e) => {
    failure = e;
  });
  const stop = watchWorker(worker, watchdog, callTimeoutMs, (name) => {
    stuck = name;
  });
  await new Promise<void>((done) => worker.once("exit", () => done()));
  stop();
  if (stuck !== undefined) {
    warn(`nfcheck: the design did not return from ${stuck} within ${callTimeoutMs} ms (${context}); stopped it. Raise --call-timeout if it is only slow.`);
    return EXIT_BAD_INPUT;
  }
  if (failure !== undefined) throw failure;
  if (code === undefined) throw new Error("the worker stopped without an exit code");
  return code;
}
