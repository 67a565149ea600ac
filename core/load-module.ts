/**
 * Loads a user's module (TypeScript or JavaScript, anywhere on disk) and returns its default export,
 * with a one-line reason when that is not possible.
 */
import { stat } from "node:fs/promises";
import { extname, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "./model.ts";
import { describeError } from "./run-trace.ts";
import { isWatching, watchedAsync } from "./watchdog.ts";

const EXTENSIONS = new Set([".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"]);

/** Finds `file` as given (absolute), or relative to each of `baseDirs` in turn. */
export async function locate(file: string, baseDirs: readonly string[]): Promise<string> {
  const candidates = isAbsolute(file) ? [file] : baseDirs.map((d) => resolve(d, file));
  for (const c of candidates) {
    const s = await stat(c).catch(() => null);
    if (s?.isFile()) return c;
  }
  throw new InputError(`${file}: no such file${isAbsolute(file) ? "" : ` (looked in ${baseDirs.join(", ")})`}`);
}

export async function importDefault(file: string, baseDirs: readonly string[]): Promise<{ readonly value: unknown; readonly path: string }> {
  const path = await locate(file, baseDirs);
  if (!EXTENSIONS.has(extname(path))) throw new InputError(`${file}: expected a .ts or .js module, got "${extname(path) || "no extension"}"`);
  let ns: Record<string, unknown>;
  try {
    ns = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(`${file}: cannot be loaded: ${describeError(e).split("\n")[0]}`);
  }
  let value = ns["default"];
  // A CommonJS module compiled from `export default` arrives as { __esModule, default }.
  if (typeof value === "object" && value !== null && "__esModule" in value && "default" in value) value = (value as { default: unknown }).default;
  if (value === undefined) {
    const names = Object.keys(ns).filter((k) => k !== "default");
    throw new InputError(`${file}: has no default export${names.length > 0 ? ` (it exports ${names.join(", ")})` : ""}; default-export the program`);
  }
  return { value, path };
}

/**
 * A user's design: the module's default export, checked for its shape, wrapped so that every call into it
 * is watched (inside the checker's worker), and started once with `init()`, so that a design that cannot
 * start is reported as bad input. `kind` names what the export must be ("an SCR program").
 */
export async function loadDesign<T extends { init(): unknown }>(
  file: string, baseDirs: readonly string[],
  o: { readonly kind: string; shapeProblem(x: unknown): string | null; watch(x: T): T },
): Promise<{ readonly value: T; readonly path: string }> {
  const { value, path } = await watchedAsync("loading the module", () => importDefault(file, baseDirs));
  const problem = o.shapeProblem(value);
  if (problem !== null) throw new InputError(`${file}: the default export is not ${o.kind}: ${problem}`);
  const design = isWatching() ? o.watch(value as T) : (value as T);
  try {
    design.init();
  } catch (e) {
    throw new InputError(`${file}: init() threw ${describeError(e)}`);
  }
  return { value: design, path };
}
