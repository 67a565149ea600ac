/**
 * The command line end to end, as a user runs it (in this thread, but in a process of its own where tsx's
 * loading of a module or the watchdog is what is tested): exit codes, one-line reasons for unusable input,
 * counterexamples that are printed, saved and replayed: nfcheck scr and replay here, the other commands
 * in commands.test.ts (two files, so that vitest's two workers share them).
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../core/model.ts";
import { locate } from "../../core/load-module.ts";
import { design, loadFailures, nfcheck, nfcheckProcess, tmp } from "./run-cli.ts";

/** A design with a syntax error on line 4 (a parenthesis left open on line 3); the CommonJS one for .cjs. */
const SYNTAX_ERROR = 'export default {\n  name: "x",\n  init: () => new Map(\n  extract: (p) => p.srcIp,\n};\n';
const SYNTAX_ERROR_CJS = SYNTAX_ERROR.replace("export default", "module.exports =");

describe("nfcheck scr", () => {
  it("finds a planted bug, prints a short trace, saves it, and replay reproduces it", async () => {
    const out = await tmp();
    const r = await nfcheck(["scr", design("knock-history-ignores-protocol.ts"), "--out", out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/sufficiency violated: packet #\d+: fastForward\(s, extract\(p\)\) differs from process\(s, p\)\.state/);
    expect(r.stdout).toMatch(/packet #\s+packet \(the program reads [\w, ]+\)\s+f\(p\)\s+core\s+history entries applied\s+verdict\s+expected verdict/);
    const [file] = await readdir(out);
    const cx = JSON.parse(await readFile(join(out, file!), "utf8")) as { events: unknown[] };
    expect(cx.events.length).toBeLessThanOrEqual(10);
    const replay = await nfcheck(["replay", join(out, file!)], tmpdir());
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/reproduced sufficiency/);
  });

  it("passes a correct design written in JavaScript", async () => {
    const r = await nfcheck(["scr", design("port-knocking.js"), "--cores", "2"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^4 checks \(2 cores\); seed/m);
    expect(r.stdout).toMatch(/4 passed, 0 failed/);
  });

  it("loads a TypeScript design from a directory that is not an ES module package", async () => {
    const dir = await tmp();
    await copyFile(design("knock-history-ignores-protocol.ts"), join(dir, "design.ts"));
    const r = await nfcheckProcess(["scr", "design.ts", "--cores", "1", "--out", join(dir, "cx")], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/sufficiency violated/);
  });

  it("reports a design that mutates its input state", async () => {
    const r = await nfcheck(["scr", design("mutates-state.ts"), "--out", await tmp()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/no-input-mutation violated: (fastForward\(s, m\)|process\(s, p\)) mutated its input state/);
  });

  it.each([
    ["not-a-program.ts", /not an SCR program: the program lacks extract \(a function\), fastForward \(a function\), process \(a function\)/],
    ["throws-in-init.ts", /init\(\) threw Error: state table too large for this core/],
    ["no-such-design.ts", /no-such-design\.ts: no such file/],
  ])("rejects %s with exit 2 and a one-line reason", async (name, reason) => {
    const r = await nfcheck(["scr", design(name)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(reason);
  });

  it("says where a design's syntax error is, in one line", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "syntax.ts"), SYNTAX_ERROR);
    const r = await nfcheckProcess(["scr", "syntax.ts"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nfcheck: syntax.ts:4:10: syntax error: Expected ")" but found ":"\n');
  });

  it("says where a module fails to load whatever its kind: syntax errors seen by esbuild (.mts, .cts, .js) or V8 (.cjs, .mjs), a throw at the top level, a module it imports", async () => {
    const dir = await tmp();
    const files: Record<string, string> = {
      "a.mts": SYNTAX_ERROR, "b.cts": SYNTAX_ERROR, "c.js": SYNTAX_ERROR, "d.cjs": SYNTAX_ERROR_CJS, "e.mjs": SYNTAX_ERROR,
      "f.ts": 'const rules = new Map();\nif (rules.size === 0) throw new RangeError("no rules");\nexport default {};\n',
      // A SyntaxError thrown by the module's code is no syntax error of the module.
      "g.mjs": 'const config = JSON.parse("{");\nexport default config;\n',
      "h.ts": 'import helper from "./lib/helper.ts";\nexport default helper;\n', "lib/helper.ts": SYNTAX_ERROR,
    };
    await mkdir(join(dir, "lib"));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    expect(await loadFailures(dir, ["a.mts", "b.cts", "c.js", "d.cjs", "e.mjs", "f.ts", "g.mjs", "h.ts"])).toEqual([
      'a.mts:4:10: syntax error: Expected ")" but found ":"',
      'b.cts:4:10: syntax error: Expected ")" but found ":"',
      'c.js:4:10: syntax error: Expected ")" but found ":"',
      "d.cjs:4:3: syntax error: missing ) after argument list",
      "e.mjs:4:3: syntax error: missing ) after argument list",
      "f.ts:2:29: threw RangeError: no rules",
      "g.mjs:1:21: threw SyntaxError: Expected property name or '}' in JSON at position 1",
      `${join(dir, "lib/helper.ts")}:4:10: syntax error: Expected ")" but found ":" (while loading h.ts)`,
    ]);
  });

  it("says a directory is not a module", async () => {
    const dir = await tmp();
    await expect(locate(dir, [])).rejects.toThrow(new InputError(`${dir}: is a directory, not a module`));
  });

  it("stops a design that never returns, and says which function", async () => {
    const r = await nfcheckProcess(["scr", design("never-returns.ts"), "--call-timeout", "1000", "--out", await tmp()]);
    expect(r.code).toBe(2);
    // It hangs on its first packets: while the checker searches for traffic that reaches it.
    expect(r.stderr).toMatch(/did not return from process\(\) within 1000 ms \(searching for traffic that reaches the program\); stopped it/);
  });

  it("rejects bad options with exit 2", async () => {
    expect((await nfcheck(["scr", design("port-knocking.js"), "--cores", "0-3"])).code).toBe(2);
    expect((await nfcheck(["scr", design("port-knocking.js"), "--seed", "x"])).stderr).toMatch(/--seed: seed must be an integer/);
  });
});

describe("nfcheck replay", () => {
  it("rejects malformed counterexample files with exit 2 and says what is wrong", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "broken.json"), "{");
    await writeFile(join(dir, "bad-event.json"), JSON.stringify({
      schema: "nfcheck/counterexample@1", model: "scr", config: { program: { builtin: "ddos-mitigator" }, cores: 2 },
      property: "scr-equivalence", found: "hand", expect: "pass", events: [{ type: "packet", packet: { srcIp: -1 } }],
    }));
    const broken = await nfcheck(["replay", join(dir, "broken.json")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json: not JSON/);
    const bad = await nfcheck(["replay", join(dir, "bad-event.json")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/events is not valid:[\s\S]*\[0\]\.packet\.srcIp: Expected a number between 0 and 4294967295, actual -1/);
  });

  it("fails (exit 1) when a recorded violation no longer shows", async () => {
    const dir = await tmp();
    const cx = JSON.parse(await readFile("counterexamples/scr/mutants/current-twice.json", "utf8")) as Record<string, unknown>;
    await writeFile(join(dir, "fixed.json"), JSON.stringify({ ...cx, config: { program: { builtin: "ddos-mitigator" }, cores: 3 } }));
    const r = await nfcheck(["replay", join(dir, "fixed.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/expected scr-equivalence to break, but the run passes/);
  });
});
