#!/usr/bin/env node
// The `nfcheck` command. Node 20 cannot run TypeScript by itself: tsx's loaders (ESM and CommonJS, so that
// a user's .ts design loads wherever it lives) are registered first, resolved next to this file, then the
// command line starts. This file is JavaScript for that reason alone.
//
// A command whose main thread loads the models imports effect first, before the loaders: a module that
// loads through them costs a round trip to their thread, and effect is some hundreds of modules (about 0.6 s
// more on each start); our TypeScript finds it in the module cache then. The other commands only parse
// options here and run in a worker (cli/isolate.ts), where cli/worker-boot.mjs preloads it.
const loadsModels = new Set(["verify", "mutants", "explore", "list", "cost", "prove"]);
if (loadsModels.has(process.argv[2] ?? "")) await import("effect");
const { register: registerEsm } = await import("tsx/esm/api");
const { register: registerCjs } = await import("tsx/cjs/api");

registerEsm();
registerCjs();
const { main } = await import("./nfcheck.ts");
process.exitCode = await main(process.argv);
