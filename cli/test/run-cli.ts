/**
 * Runs the nfcheck command line for the CLI tests: in this thread for what a command prints, writes and
 * returns; as a user does, in a process of its own, where the process is what is tested (the watchdog's
 * worker, Ctrl-C, a closed pipe, progress, how a module loads under tsx).
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Schema } from "effect";
import { vi } from "vitest";
import { Results } from "../../report/results.ts";
import { runIsolatedInThisThread } from "../isolate.ts";
import { main } from "../nfcheck.ts";

const BIN = resolve("cli/bin.mjs");

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `nfcheck …args` in this thread: main(), and the command it would start in a worker too
 * (runIsolatedInThisThread), its output captured. Starting node, tsx and the models again, a second or
 * more each time, is left to the tests of the process (nfcheckProcess). As there, NFCHECK_SEED and
 * NFCHECK_PROFILE are unset meanwhile; `cwd` is the working directory meanwhile.
 */
export async function nfcheck(args: readonly string[], cwd?: string): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { NFCHECK_SEED: process.env["NFCHECK_SEED"], NFCHECK_PROFILE: process.env["NFCHECK_PROFILE"] };
  const home = process.cwd();
  const o = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  delete process.env["NFCHECK_SEED"];
  delete process.env["NFCHECK_PROFILE"];
  if (cwd !== undefined) process.chdir(cwd);
  runIsolatedInThisThread(true);
  try {
    return { code: await main(["node", "nfcheck", ...args]), stdout: out.join(""), stderr: err.join("") };
  } finally {
    runIsolatedInThisThread(false);
    process.chdir(home);
    for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
    o.mockRestore();
    e.mockRestore();
  }
}

/** Runs `nfcheck …args` as a user does: node, the command line and its worker in a process of their own. */
export function nfcheckProcess(args: readonly string[], cwd = process.cwd(), env: Readonly<Record<string, string>> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NFCHECK_SEED: "", ...env }, maxBuffer: 32 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * A run's `--json` output, decoded with the documented schema (report/results.ts): a field out of shape
 * fails the test here; and its exit code is the one the process ended with.
 */
export function resultsOf(run: Run): Results {
  const results = Schema.decodeUnknownSync(Results, { onExcessProperty: "error" })(JSON.parse(run.stdout));
  if (results.exitCode !== run.code) throw new Error(`--json says exit code ${results.exitCode}, the process exited with ${run.code}`);
  return results;
}

/** Runs nfcheck with its output closed before it writes, as a reader that stops early (`| head`) leaves it. */
export function nfcheckClosedOutput(args: readonly string[]): Promise<{ readonly code: number | null; readonly stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NFCHECK_SEED: "" } });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => done({ code, stderr }));
  });
}

/** Runs nfcheck and presses Ctrl-C (sends SIGINT) once its stdout shows `when`. */
export function nfcheckInterrupted(args: readonly string[], when: RegExp): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NFCHECK_SEED: "" } });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && when.test(stdout)) sent = child.kill("SIGINT");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export const tmp = () => mkdtemp(join(tmpdir(), "nfcheck-cli-"));
export const design = (name: string) => resolve("examples/designs", name);


/**
 * Loads each module of `dir` as nfcheck loads a design (core/load-module.ts, through tsx's loaders), all in
 * one process, and returns the one-line reason each could not be loaded ("loaded" when it could).
 */
export function loadFailures(dir: string, names: readonly string[]): Promise<string[]> {
  const script = `import { importDefault } from ${JSON.stringify(pathToFileURL(resolve("core/load-module.ts")).href)};
    for (const name of process.argv.slice(1)) console.log(await importDefault(name, [${JSON.stringify(dir)}]).then(() => "loaded", (e) => e.message));`;
  return new Promise((done, fail) => {
    execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, ...names], (error, stdout, stderr) => {
      if (error) fail(new Error(stderr));
      else done(stdout.trimEnd().split("\n"));
    });
  });
}
