// Entry of the worker thread that runs commands which call into a user's design (see cli/isolate.ts).
// Like bin.mjs, it registers tsx's loaders first: a worker does not inherit them from the main thread.
import { register as registerEsm } from "tsx/esm/api";
import { register as registerCjs } from "tsx/cjs/api";

registerEsm();
registerCjs();
await import("./worker.ts");
