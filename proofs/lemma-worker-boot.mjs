// Entry of the worker thread that proves one lemma (see proofs/in-worker.ts). Like cli/bin.mjs, it
// registers tsx's loader first: a worker does not inherit it from the thread that started it.
import { register } from "tsx/esm/api";

register();
await import("./lemma-worker.ts");
