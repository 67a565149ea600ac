/**
 * Files the tool writes are written atomically (a temporary file in the same directory, then a rename),
 * so an interrupted run never leaves half a counterexample. Reading gives a clear error, never a crash.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { InputError } from "./model.ts";
import { COUNTEREXAMPLE_SCHEMA, CounterexampleFile, type Counterexample } from "./counterexample.ts";
import { decodeOrThrow } from "./schema-errors.ts";

const tmpName = (path: string) => join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tmpName(path);
  try {
    await writeFile(tmp, text, { flag: "wx" });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The same, synchronously: for saving a counterexample from inside a run that is still going (shrinking). */
export function writeFileAtomicSync(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tmpName(path);
  try {
    writeFileSync(tmp, text, { flag: "wx" });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** A stable, readable file name: the same counterexample always lands in the same file. */
export function counterexampleFileName(cx: Counterexample): string {
  const text = JSON.stringify([cx.model, cx.config, cx.property, cx.events]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const slug = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, "-");
  return `${slug(cx.model)}.${slug(cx.property)}.${(h >>> 0).toString(16).padStart(8, "0")}.json`;
}

/** The file's text: events last, so that the header reads first. */
function counterexampleText(cx: Counterexample): string {
  const { events, ...head } = cx;
  return `${JSON.stringify({ ...head, events }, null, 2)}\n`;
}

/** Saves under `name` (default: the stable name of `counterexampleFileName`); returns the path. */
export async function saveCounterexample(dir: string, cx: Counterexample, name = counterexampleFileName(cx)): Promise<string> {
  const path = join(dir, name);
  await writeFileAtomic(path, counterexampleText(cx));
  return path;
}

/** The same, synchronously, to a given path (a run still going saves its best trace so far there). */
export function saveCounterexampleSync(path: string, cx: Counterexample): void {
  writeFileAtomicSync(path, counterexampleText(cx));
}

/** Reads and parses a JSON file, or throws an InputError that says which and why. */
/** A file's text, or an InputError that names it (`where`, by default its path) and says why: "is a directory, not a JSON file". */
export async function readTextFile(path: string, o: { readonly kind: string; readonly where?: string; readonly encoding?: BufferEncoding }): Promise<string> {
  try {
    return await readFile(path, o.encoding ?? "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? `is a directory, not ${o.kind}` : `cannot read (${code ?? String(e)})`;
    throw new InputError(`${o.where ?? path}: ${why}`);
  }
}

export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readTextFile(path, { kind: "a JSON file" });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: not JSON (${(e as Error).message})`);
  }
}

export async function loadCounterexample(path: string): Promise<Counterexample> {
  const json = await readJsonFile(path);
  if (typeof json === "object" && json !== null && "schema" in json && json.schema !== COUNTEREXAMPLE_SCHEMA) {
    throw new InputError(`${path}: unknown schema ${JSON.stringify(json.schema)} (this nfcheck reads ${COUNTEREXAMPLE_SCHEMA})`);
  }
  // Some other JSON file altogether: one line, not a list of every field it should not have.
  if (typeof json !== "object" || json === null || !("schema" in json)) {
    throw new InputError(`${path}: not an nfcheck counterexample (it has no "schema": "${COUNTEREXAMPLE_SCHEMA}")`);
  }
  return decodeOrThrow(CounterexampleFile, json, `${path}: counterexample`);
}
