/**
 * Loads an SCR program from a user's module: checks its shape, and calls `init()` once so that a program
 * that cannot start is reported as bad input. Inside the design checker's worker every call into the
 * program is watched, so that one that never returns is named and stopped.
 */
import { loadDesign } from "../../core/load-module.ts";
import { watchedCall } from "../../core/watchdog.ts";
import { programShapeProblem, type AnyScrProgram } from "./program.ts";

function watchCalls(p: AnyScrProgram): AnyScrProgram {
  return {
    name: p.name,
    metaBytes: p.metaBytes,
    init: () => watchedCall("init()", () => p.init()),
    extract: (x) => watchedCall("extract()", () => p.extract(x)),
    fastForward: (s, m) => watchedCall("fastForward()", () => p.fastForward(s, m)),
    process: (s, x, env) => watchedCall("process()", () => p.process(s, x, env)),
  };
}

export async function loadScrProgram(file: string, baseDirs: readonly string[]): Promise<{ readonly program: AnyScrProgram; readonly path: string }> {
  const { value, path } = await loadDesign<AnyScrProgram>(file, baseDirs, { kind: "an SCR program", shapeProblem: programShapeProblem, watch: watchCalls });
  return { program: value, path };
}
