// Entry of a worker thread of the parallel explorer (core/parallel-explore.ts). Like cli/bin.mjs, it
// registers tsx's loaders first: a worker does not inherit them from the thread that started it.
await import("effect");
const { register: registerEsm } = await import("tsx/esm/api");
const { register: registerCjs } = await import("tsx/cjs/api");

registerEsm();
registerCjs();
await import("./explore-worker.ts");
