/**
 * Loads a user's module (TypeScript or JavaScript, anywhere on disk) and returns its default export,
 * with a one-line reason when that is not possible.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InputError } from "./model.ts";
import { describeError } from "./run-trace.ts";
import { isWatching, watchedAsync } from "./watchdog.ts";

const EXTENSIONS = new Set([".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"]);

/** Finds `file` as given (absolute), or relative to each of `baseDirs` in turn. */
export async function locate(file: string, baseDirs: readonly string[]): Promise<string> {
  if (file.trim() === "") throw new InputError(`the module's path is empty`);
  const candidates = isAbsolute(file) ? [file] : baseDirs.map((d) => resolve(d, file));
  let directory = false;
  for (const c of candidates) {
    const s = await stat(c).catch(() => null);
    if (s?.isFile()) return c;
    directory ||= s?.isDirectory() ?? false;
  }
  if (directory) throw new InputError(`${file}: is a directory, not a module`);
  throw new InputError(`${file}: no such file${isAbsolute(file) ? "" : ` (looked in ${baseDirs.join(", ")})`}`);
}

export async function importDefault(file: string, baseDirs: readonly string[]): Promise<{ readonly value: unknown; readonly path: string }> {
  const path = await locate(file, baseDirs);
  if (!EXTENSIONS.has(extname(path))) throw new InputError(`${file}: expected a .ts or .js module, got "${extname(path) || "no extension"}"`);
  let ns: Record<string, unknown>;
  try {
    ns = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(loadFailure(e, file, path));
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

/** A place in a file; `column` counts from 1, as editors and compilers do. */
interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Why a module could not be loaded, in one line that says where to look: a syntax error with its
 * file:line:column, what the module's top level threw and where, or the loader's reason (a missing import).
 * The place is in `file` as the user named it, or in the module it imports that is at fault.
 */
function loadFailure(e: unknown, file: string, path: string): string {
  const at = (p: Place | null, rest: string) => {
    if (p === null) return `${file}: ${rest}`;
    const where = `${p.line}:${p.column}`;
    return p.file === path ? `${file}:${where}: ${rest}` : `${shownPath(p.file)}:${where}: ${rest} (while loading ${file})`;
  };
  const syntax = syntaxError(e, path);
  if (syntax !== null) return at(syntax.place, `syntax error: ${syntax.reason}`);
  const first = (text: string) => text.split("\n")[0]!;
  const code = (e as { code?: unknown } | null)?.code;
  // Node's own loader errors (a missing module or package, an unsupported import) carry a code.
  if (typeof code === "string" && (code.startsWith("ERR_") || code === "MODULE_NOT_FOUND")) return at(null, `cannot be loaded: ${first(describeError(e))}`);
  return at(e instanceof Error ? thrownAt(e.stack ?? "") : null, `threw ${first(describeError(e))}`);
}

/** A syntax error, from esbuild (through tsx: .ts, .mts, .cts, .js) or from V8 (.cjs, .mjs); else null. */
function syntaxError(e: unknown, path: string): { place: Place | null; reason: string } | null {
  if (!(e instanceof Error)) return null;
  // esbuild: "Transform failed with 2 errors:\n<file>:<line>:<column>: ERROR: <text>\n…", column from 0.
  if (/^Transform failed with \d+ errors?:/.test(e.message)) {
    const found = [...e.message.matchAll(/^(.+):(\d+):(\d+): ERROR: (.*)$/gm)];
    const [, reported, line, column, text] = found[0] ?? [];
    if (reported === undefined) return { place: null, reason: e.message.split("\n")[0]! };
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : "";
    return { place: { file: esbuildFile(reported, path), line: Number(line), column: Number(column) + 1 }, reason: `${text}${more}` };
  }
  if (e.name !== "SyntaxError") return null;
  // V8 through CommonJS: the stack starts with "<file>:<line>", the source line and a caret under the place.
  const decorated = v8Place(e.stack ?? "");
  if (decorated !== null) return { place: decorated, reason: e.message };
  // V8 compiling an ES module says neither file nor line; `node --check` does (for the module itself). A
  // SyntaxError with a frame of the module's own code was thrown by it (JSON.parse, say): not a syntax error.
  if (thrownAt(e.stack ?? "") !== null) return null;
  const place = v8Place(spawnSync(process.execPath, ["--check", path], { encoding: "utf8", timeout: 10_000 }).stderr ?? "");
  return { place, reason: place !== null ? e.message : `${e.message} (in it or in a module it imports)` };
}

/** "<file>:<line>\n<source line>\n<spaces>^^^" (V8's own report of a syntax error) → the place of the caret. */
function v8Place(text: string): Place | null {
  const m = /^(.+):(\d+)\n.*\n([ \t]*)\^/.exec(text);
  return m ? { file: m[1]!, line: Number(m[2]), column: m[3]!.length + 1 } : null;
}

/** tsx hands esbuild a .mts or .cts file as .ts, and a .mjs as .js: the file esbuild names may not exist. */
function esbuildFile(reported: string, path: string): string {
  if (reported === path || reported === path.replace(/\.[mc]ts$/, ".ts").replace(/\.mjs$/, ".js")) return path;
  if (existsSync(reported)) return reported;
  const stem = reported.replace(/\.[jt]s$/, "");
  return [".mts", ".cts", ".mjs"].map((x) => stem + x).find((f) => existsSync(f)) ?? reported;
}

/**
 * Where an exception thrown while a module loads came from: the first frame of the stack with a file,
 * before the module loader's own frames (node:internal/modules, tsx). Null when there is none.
 */
function thrownAt(stack: string): Place | null {
  for (const line of stack.split("\n")) {
    const m = /^\s+at (?:.* \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!m) continue;
    const file = m[1]!;
    if (file.startsWith("node:internal/modules/") || file.includes("/node_modules/tsx/")) return null;
    if (file.startsWith("node:")) continue;
    return { file: file.startsWith("file://") ? fileURLToPath(file) : file, line: Number(m[2]), column: Number(m[3]) };
  }
  return null;
}

/** A path as a person would type it from here. */
function shownPath(path: string): string {
  const r = relative(process.cwd(), path);
  return r === "" || r.startsWith("..") || isAbsolute(r) ? path : r;
}
