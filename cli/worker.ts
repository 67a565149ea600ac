/**
 * The worker thread that runs a command calling into a user's design (cli/isolate.ts starts it). Calls into
 * the design are watched through shared memory; the exit code and what the command is doing go back to
 * the main thread as messages; output goes to the process's own stdout and stderr.
 */
import { parentPort, workerData } from "node:worker_threads";
import { attachInterrupt } from "../core/interrupt.ts";
import { InputError } from "../core/model.ts";
import { attachWatchdog } from "../core/watchdog.ts";
import { runIsolatedCommand, type IsolatedCommand } from "./isolated.ts";
import { EXIT_BAD_INPUT, warn } from "./output.ts";

const { command, watchdog, interrupt } = workerData as { command: IsolatedCommand; watchdog: SharedArrayBuffer; interrupt: SharedArrayBuffer };
attachWatchdog(watchdog);
attachInterrupt(interrupt);
let code: number;
try {
  code = await runIsolatedCommand(command, (text) => parentPort!.postMessage({ kind: "context", text }));
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  warn(`nfcheck: ${e.message}`);
  code = EXIT_BAD_INPUT;
}
parentPort!.postMessage({ kind: "exit", code });
