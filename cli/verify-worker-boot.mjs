// Entry of a worker thread of `nfcheck verify --jobs n` (see cli/parallel-checks.ts). Like bin.mjs, it
// registers tsx's loaders first: a worker does not inherit them from the main thread.
import { register as registerEsm } from "tsx/esm/api";
import { register as registerCjs } from "tsx/cjs/api";

registerEsm();
registerCjs();
await import("./verify-worker.ts");
