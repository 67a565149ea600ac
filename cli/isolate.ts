/**
 * Runs a command that calls into a user's design in a worker thread, so that a design that never returns
 * can be stopped: the watchdog (core/watchdog.ts) terminates the worker when one call into the design
 * makes no progress for `callTimeoutMs`, and the user is told which function and during what.
 *
 * The main thread also does the talking: the worker sends it its output and progress as messages (a busy
 * worker's own stdout would reach the terminal only when it is idle), and a timer redraws the progress
 * every second with the call the worker is in — so that a design busy in one long call (an `init` that
 * builds a million entries) is never silent. Ctrl-C sets a flag the worker reads (core/interrupt.ts).
 */
import { Worker } from "node:worker_threads";
import { handleSigint, interruptBuffer } from "../core/interrupt.ts";
import { formatDuration, TerminalProgress } from "../core/report.ts";
import { createWatchdogBuffer, watchWorker } from "../core/watchdog.ts";
import { WORKER_RESOURCE_LIMITS } from "../core/young-generation.ts";
import type { IsolatedCommand } from "./isolated.ts";
import { EXIT_BAD_INPUT, warn } from "./output.ts";

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

/** What the worker sends (cli/worker.ts). */
export type WorkerMessage =
  | { readonly kind: "context"; readonly text: string }
  | { readonly kind: "write"; readonly stream: "stdout" | "stderr"; readonly text: string }
  | { readonly kind: "progress"; readonly label: string; readonly text: string }
  | { readonly kind: "progress-done"; readonly label: string }
  | { readonly kind: "exit"; readonly code: number };

/** A call into the design shown in the progress line once it has lasted this long. */
const SHOW_CALL_AFTER_MS = 2_000;

let inThisThread = false;

/**
 * Runs the commands in the calling thread instead, unwatched: for the tests of what a command prints and
 * returns, where the worker's start (a second or more: it loads the models again) is not what they test.
 * The tests of the watchdog, Ctrl-C and progress keep the worker (cli/test/run-cli.ts).
 */
export function runIsolatedInThisThread(on: boolean): void {
  inThisThread = on;
}

export async function runIsolated(command: IsolatedCommand, callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<number> {
  if (inThisThread) return (await import("./isolated.ts")).runIsolatedCommand(command, () => {});
  const watchdog = createWatchdogBuffer();
  const worker = new Worker(new URL("./worker-boot.mjs", import.meta.url), { workerData: { command, watchdog, interrupt: interruptBuffer() }, resourceLimits: WORKER_RESOURCE_LIMITS });
  const progress = new TerminalProgress();
  let context = "starting";
  let code: number | undefined;
  let stuck: string | undefined;
  let failure: unknown;
  worker.on("message", (m: WorkerMessage) => {
    switch (m.kind) {
      case "context":
        context = m.text;
        progress.update("nfcheck", context);
        break;
      case "write":
        progress.clearLine();
        process[m.stream].write(m.text);
        break;
      case "progress":
        progress.update(m.label, m.text);
        break;
      case "progress-done":
        progress.done(m.label);
        break;
      case "exit":
        code = m.code;
        break;
    }
  });
  worker.on("error", (e) => {
    failure = e;
  });
  const watch = watchWorker(worker, watchdog, callTimeoutMs, (name) => {
    stuck = name;
  });
  const ticker = setInterval(() => {
    const call = watch.current();
    progress.tick(call !== null && call.ms >= SHOW_CALL_AFTER_MS ? ` (in ${call.name} for ${formatDuration(call.ms)})` : "");
  }, 1_000);
  const unhook = handleSigint(() => {
    progress.clearLine();
    warn("nfcheck: stopping at the next step and keeping what was found (Ctrl-C again quits now)");
  });
  await new Promise<void>((done) => worker.once("exit", () => done()));
  clearInterval(ticker);
  unhook();
  watch.stop();
  progress.clearLine();
  if (stuck !== undefined) {
    warn(`nfcheck: the design did not return from ${stuck} within ${callTimeoutMs} ms (${context}); stopped it. Raise --call-timeout if it is only slow.`);
    return EXIT_BAD_INPUT;
  }
  if (failure !== undefined) throw failure;
  if (code === undefined) throw new Error("the worker stopped without an exit code");
  return code;
}
