// Entry of nfcheck's worker threads: the one that runs commands calling into a user's design (cli/isolate.ts,
// cli/worker.ts), and those of `verify --jobs n` (cli/parallel-checks.ts, cli/verify-worker.ts; workerData.entry
// "verify"). Like bin.mjs, it registers tsx's loaders first: a worker does not inherit them from the main thread.
import { workerData } from "node:worker_threads";

// effect first, before the loaders: bin.mjs says why.
await import("effect");
const { register: registerEsm } = await import("tsx/esm/api");
const { register: registerCjs } = await import("tsx/cjs/api");

registerEsm();
registerCjs();
await import(workerData?.entry === "verify" ? "./verify-worker.ts" : "./worker.ts");
