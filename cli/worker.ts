/**
 * The worker thread that runs a command calling into a user's design (cli/isolate.ts starts it). Calls into
 * the design are watched through shared memory, and so is Ctrl-C; output, progress, what the command is
 * doing and the exit code go to the main thread as messages (cli/isolate.ts says why).
 */
import { parentPort, workerData } from "node:worker_threads";
import { attachInterrupt } from "../core/interrupt.ts";
import { setProgressSink } from "../core/report.ts";
import { attachWatchdog } from "../core/watchdog.ts";
import type { WorkerMessage } from "./isolate.ts";
import { runIsolatedCommand, type IsolatedCommand } from "./isolated.ts";
import { setOutputSink } from "./output.ts";

const { command, watchdog, interrupt } = workerData as { command: IsolatedCommand; watchdog: SharedArrayBuffer; interrupt: SharedArrayBuffer };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
attachWatchdog(watchdog);
attachInterrupt(interrupt);
setOutputSink((stream, text) => post({ kind: "write", stream, text }));
setProgressSink({ update: (label, text) => post({ kind: "progress", label, text }), done: (label) => post({ kind: "progress-done", label }) });
post({ kind: "exit", code: await runIsolatedCommand(command, (text) => post({ kind: "context", text })) });
