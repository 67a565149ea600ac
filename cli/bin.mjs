#!/usr/bin/env node
// The `nfcheck` command. Node 20 cannot run TypeScript by itself: tsx's loaders (ESM and CommonJS, so that
// a user's .ts design loads wherever it lives) are registered first, resolved next to this file, then the
// command line starts. This file is JavaScript for that reason alone.
import { register as registerEsm } from "tsx/esm/api";
import { register as registerCjs } from "tsx/cjs/api";

registerEsm();
registerCjs();
const { main } = await import("./nfcheck.ts");
process.exitCode = await main(process.argv);
