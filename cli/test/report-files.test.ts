/**
 * `--report` and `--junit` from the command line, as a user runs them: the files appear where asked, the
 * report holds the checks and the counterexample's diagram, the XML parses with one testcase per check,
 * and bad input is one line, exit 2, with nothing written.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, type TestSuites } from "junit2json";
import { describe, expect, it } from "vitest";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { nfcheck } from "./run-cli.ts";

const tempDir = () => mkdtemp(join(tmpdir(), "nfcheck-report-cli-"));

describe("report files from the command line", () => {
  it("explore --report --junit: the deadlock of SCR loss recovery without the tail assumption, as a diagram and a failed testcase", async () => {
    const dir = await tempDir();
    const r = await nfcheck(["explore", "scr.recovery", "--cores", "3", "--packets", "6", "--no-tail-assumption", "--out", join(dir, "found"), "--report", join(dir, "out"), "--junit", join(dir, "out", "junit.xml")]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(`report: `);
    const html = readFileSync(join(dir, "out", "index.html"), "utf8");
    for (const lane of ["sequencer", "core 0", "core 1", "core 2"]) expect(html).toContain(`>${lane}</div>`);
    expect(html).toContain("no-deadlock violated");
    const doc = (await parse(readFileSync(join(dir, "out", "junit.xml"), "utf8"))) as TestSuites;
    expect(doc.testsuite?.[0]?.testcase?.[0]?.failure?.[0]?.type).toBe("no-deadlock");
  });

  it("verify --only ribosome --junit: one testcase per check run, all passing", async () => {
    const dir = await tempDir();
    // --jobs 1: in this thread, as in json.test.ts (the files are what is tested here, not the threads).
    const r = await nfcheck(["verify", "--only", "ribosome/mutant/no-tag-check", "--only", "ribosome/small", "--junit", join(dir, "junit.xml"), "--report", join(dir, "r"), "--jobs", "1"]);
    expect(r.code, r.stderr).toBe(0);
    const ran = Number(/summary: (\d+) passed/.exec(r.stdout)?.[1]);
    const doc = (await parse(readFileSync(join(dir, "junit.xml"), "utf8"))) as TestSuites;
    expect(doc.tests).toBe(ran);
    expect(doc.failures).toBe(0);
    expect(doc.testsuite?.map((s) => s.name)).toEqual(["ribosome"]);
    // The mutant's killing trace is drawn, though the check passed.
    expect(readFileSync(join(dir, "r", "index.html"), "utf8")).toContain('table class="sequence"');
  });

  it("report: saved files drawn; a file that is not a counterexample is one line, exit 2, nothing written", async () => {
    const dir = await tempDir();
    const ok = await nfcheck(["report", "counterexamples/reference-bugs/fastclick-cumulative-offset.json", "--out", join(dir, "ok")]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(dir, "ok", "index.html"), "utf8")).toContain(">middlebox</div>");
    const bad = await nfcheck(["report", "package.json", "--out", join(dir, "bad")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(dir, "bad"))).toBe(false);
  });

  it("a --junit that is a directory or a --report that is a file is refused before anything runs (one line, exit 2)", async () => {
    const dir = await tempDir();
    const junit = await nfcheck(["verify", "--only", "ribosome/small", "--junit", dir]);
    expect(junit.code).toBe(2);
    expect(junit.stderr.trim()).toMatch(/^nfcheck: --junit .*: is a directory; give the XML file's path/);
    expect(junit.stdout).toBe("");
    const report = await nfcheck(["explore", "tcp", "--report", "package.json"]);
    expect(report.code).toBe(2);
    expect(report.stderr.trim().split("\n")).toHaveLength(1);
    expect(report.stdout).not.toContain("states");
  });

  it("cost scr --report draws App. A with its five programs", async () => {
    const dir = await tempDir();
    const r = await nfcheck(["cost", "scr", "--report", dir]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, "index.html"), "utf8");
    expect(html).toContain('id="plot-scr-throughput"');
    expect(html.match(/class="series"/g)).toHaveLength(5);
  });
});
