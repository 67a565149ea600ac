// How `import "nfcheck"` runs nfcheck's TypeScript in a consumer's process (the entries that api/build.mjs
// generates import this file; it is JavaScript because it must load before any TypeScript can).
//
// Node 20 cannot load a .ts file, and a consumer's vitest hands its dependencies to Node itself (it
// externalises node_modules), so the package's modules must come with a loader. The choice here: tsx (a
// dependency already, and what the command line runs under), registered in its own namespace, so that its
// hooks handle only the imports made from nfcheck's module graph — the consumer's own imports are left to
// whatever the consumer uses — and with no tsconfig, so that the consumer's compiler options do not change
// how nfcheck's files are read.
//
// Why not JavaScript compiled at pack time: nfcheck loads TypeScript at run time by design — a design module
// named in a counterexample file is imported when the file is replayed, and the built-in systems are found
// by listing the .ts files of systems/ — so a compiled copy would still need this loader on Node 20 and
// would differ from what the command line runs. With this loader the library runs the very files the
// command line runs, under the same loader; the compiler emits only the declarations (api/build.mjs).
// What it costs: loading takes about a second longer (the loader's hooks run on their own thread), and
// vitest's vmThreads and vmForks pools cannot be used (vitest refuses module.register there; its default
// pools, forks and threads, work).
import { register } from "tsx/esm/api";

const scoped = (() => {
  try {
    return register({ namespace: "nfcheck", tsconfig: false });
  } catch (e) {
    throw new Error(`nfcheck cannot load its modules here: tsx's loader could not be registered (${e instanceof Error ? e.message : String(e)}); under vitest, run it in the forks or threads pool, not vmThreads or vmForks`, { cause: e });
  }
})();

/** Imports one of nfcheck's modules (`specifier` relative to this folder) through the scoped loader. */
export function load(specifier) {
  return scoped.import(specifier, import.meta.url);
}
