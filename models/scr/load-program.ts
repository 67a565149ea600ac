/**
 * Loads an SCR program from a user's module: checks its shape, and calls `init()` once so that a program
 * that cannot start is reported as bad input. Inside the design checker's worker every call into the
 * program is watched, so that one that never returns is named and stopped.
 */
import { loadDesign } from "../../core/load-module.ts";
import { watchedCall } from "../../core/watchdog.ts";
import { aroundCalls, programShapeProblem, type AnyScrProgram } from "./program.ts";

const watchCalls = (p: AnyScrProgram): AnyScrProgram => aroundCalls(p, watchedCall);

export async function loadScrProgram(file: string, baseDirs: readonly string[]): Promise<{ readonly program: AnyScrProgram; readonly path: string }> {
  const { value, path } = await loadDesign<AnyScrProgram>(file, baseDirs, { kind: "an SCR program", shapeProblem: programShapeProblem, watch: watchCalls });
  return { program: value, path };
}
