/**
 * The design checkers as a new user meets them (issue 13): they reach the user's own code without a hint,
 * refuse a pass that exercised nothing, shrink long traces in seconds, keep what they found when stopped,
 * and say what they are doing on a slow design. Each case is a design of this repository's examples, run in
 * this thread, or in a process of its own where Ctrl-C or the progress of a busy worker is what is tested.
 */
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { design, nfcheck, nfcheckInterrupted, nfcheckProcess, resultsOf, tmp } from "./run-cli.ts";

const rewriter = (name: string) => resolve("examples/rewriters", name);

/** The one counterexample a run saved in `dir`. */
async function saved(dir: string): Promise<{ path: string; cx: { events: unknown[]; shrunk?: string; property: string } }> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json"));
  expect(files).toHaveLength(1);
  const path = join(dir, files[0]!);
  return { path, cx: JSON.parse(await readFile(path, "utf8")) as { events: unknown[]; shrunk?: string; property: string } };
}

describe("nfcheck tcp reaches the rewriter's own pattern", () => {
  it("catches a rewriter that misses \"foo\" split across segments, with no hint: exit 1 and a short trace that replays", async () => {
    const out = await tmp();
    const r = await nfcheck(["tcp", rewriter("replace-foo-per-segment.ts"), "--out", out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/edits that change when a stream is cut in two: "foo" at [12]/);
    expect(r.stdout).toMatch(/stream-equivalence violated: the receiver delivered "f" at offset 0, where the rewritten stream has "b"/);
    const { path, cx } = await saved(out);
    expect(cx.events.length).toBeLessThanOrEqual(10);
    const replay = await nfcheck(["replay", path]);
    expect(replay.code, replay.stdout).toBe(0);
  });

  it("passes the correct twin and reports that it edited streams, across segment boundaries", async () => {
    const r = await nfcheck(["tcp", rewriter("replace-foo.ts")]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const across = [...r.stdout.matchAll(/([\d,]+) edits? across segment boundaries/g)].map((m) => Number(m[1]!.replace(/,/g, "")));
    expect(across).toHaveLength(2);
    expect(Math.min(...across)).toBeGreaterThan(0);
  });

  it("calls a rewriter that never edits a byte vacuous (exit 1); --allow-vacuous accepts it", async () => {
    const r = await nfcheck(["tcp", rewriter("never-edits.ts")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/VACUOUS/);
    expect(r.stdout).toMatch(/the rewriter edited no byte of 100 streams/);
    expect(r.stdout).toMatch(/summary: 0 passed, 0 failed, 2 vacuous/);
    const allowed = await nfcheck(["tcp", rewriter("never-edits.ts"), "--allow-vacuous"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/pass \(vacuous\)/);
    // As data: each check vacuous, accepted, and counted as passed.
    const json = resultsOf(await nfcheck(["tcp", rewriter("never-edits.ts"), "--allow-vacuous", "--json"]));
    expect(json.checks.map((c) => [c.status, c.ok, c.result])).toEqual([["vacuous", true, "pass (vacuous)"], ["vacuous", true, "pass (vacuous)"]]);
    expect(json.summary).toMatchObject({ checks: 2, passed: 2, failed: 0, vacuous: 0 });
    expect(json.data).toMatchObject({ rewriter: "never-edits" });
  });
});

describe("nfcheck scr on long traces and slow designs", () => {
  it.each([[["--seed", "1"]], [["--seed", "2"]], [["--keep-going", "--cores", "2"]]])(
    "shrinks a bug that needs 512 packets of one source to at most 520 packets (%s)",
    async (args) => {
      const out = await tmp();
      const r = await nfcheck(["scr", design("count-512-per-source.ts"), ...args, "--out", out]);
      expect(r.code, r.stderr).toBe(1);
      const files = (await readdir(out)).filter((f) => f.endsWith(".json"));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const cx = JSON.parse(await readFile(join(out, f), "utf8")) as { events: { packet: { srcIp: number } }[]; shrunk?: string };
        expect(cx.events.length).toBeGreaterThanOrEqual(512);
        expect(cx.events.length).toBeLessThanOrEqual(520);
        expect(new Set(cx.events.map((e) => e.packet.srcIp)).size).toBe(1);
        expect(cx.shrunk).toBeUndefined();
      }
    },
  );

  it("saves what it found before shrinking, and keeps the best trace when Ctrl-C stops shrinking", async () => {
    const out = await tmp();
    const r = await nfcheckInterrupted(["scr", design("throws-at-packet-1000.ts"), "--out", out], /shrinking \(Ctrl-C stops it/);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/no-exception violated after 1,000 events, saved unshrunk to /);
    expect(r.stdout).toMatch(/no-exception violated: process\(\) threw Error: table full at packet 1000 \(in event #1000\)/);
    expect(r.stderr).toMatch(/stopping at the next step and keeping what was found/);
    const { path, cx } = await saved(out);
    expect(cx.events).toHaveLength(1_000);
    expect(cx.shrunk).toBe("partly");
    const replay = await nfcheck(["replay", "--quiet", path]);
    expect(replay.code, replay.stdout).toBe(0);
  });

  it("checks a program whose init() builds a million entries, saying what it does meanwhile, and ends vacuous", async () => {
    // Progress on stderr: in a log a line once a step has lasted NFCHECK_PROGRESS_AFTER_MS (a second by
    // default, which init() may or may not take on a given machine: 0 here, so that a line is due at once).
    const r = await nfcheckProcess(["scr", design("big-initial-table.ts"), "--cores", "1"], process.cwd(), { NFCHECK_PROGRESS_AFTER_MS: "0" });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/summary: 0 passed, 0 failed, 4 vacuous/);
    expect(r.stdout).toMatch(/the program's state never changed in [\d,]+ packets/);
    expect(r.stderr).toMatch(/^scr\/[\w/=-]+: .+$/m);
  });

  it("runs the packets of --traffic first", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nfcheck-traffic-"));
    // The bug needs port 31337, which is no constant of the module (it computes it): only --traffic has it.
    await writeFile(join(dir, "design.ts"), `
      const secret = 31_336 + 1;
      export default {
        name: "remembers one port", metaBytes: 2,
        init: () => 0,
        extract: (p: { dstPort: number }) => p.dstPort,
        fastForward: (s: number, port: number) => s,
        process: (s: number, p: { dstPort: number }) => ({ state: p.dstPort === secret ? s + 1 : s, verdict: s > 0 ? "DROP" : "PASS" }),
      };`);
    const packet = { l3: 2048, proto: 6, srcIp: 167772161, dstIp: 167772162, srcPort: 40000, dstPort: 31337, tcpFlags: 2, seq: 0, ack: 0, length: 64 };
    await writeFile(join(dir, "traffic.json"), JSON.stringify([packet, { ...packet, dstPort: 80 }]));
    const r = await nfcheck(["scr", "design.ts", "--traffic", "traffic.json", "--cores", "1", "--out", "found"], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/1 sequence of --traffic first/);
    expect(r.stdout).toMatch(/sufficiency violated: packet #1: fastForward\(s, extract\(p\)\) differs from process\(s, p\)\.state \(fastForward\(s, extract\(p\)\) has 0 and process\(s, p\)\.state has 1\)/);
  });

  it("rejects a design whose process() returns nothing as bad input, naming the function and what it returned", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nfcheck-contract-"));
    await writeFile(join(dir, "design.ts"), 'export default { name: "forgets to return", metaBytes: 0, init: () => 0, extract: () => 0, fastForward: (s: number) => s, process: (s: number) => { s + 1; } };\n');
    const r = await nfcheck(["scr", "design.ts"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/forgets to return: process\(\) returned undefined for the packet .+; it must return \{ state, verdict \}/);
  });
});

describe("nfcheck table", () => {
  it("passes the example robin-hood table under every hash family; finds the planted missing backward shift in 4 events, and the trace replays", async () => {
    const ok = await nfcheck(["table", "examples/tables/robin-hood.ts", "--out", await tmp()]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/summary: 8 passed, 0 failed/);
    const out = await tmp();
    const bad = await nfcheck(["table", "examples/tables/robin-hood-no-shift.ts", "--out", out]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/lookup-correctness violated: lookup of 10\.0\.0\.1:1001->192\.168\.0\.1:80\/tcp at time 0 returned a miss, but the map has 2/);
    const { path, cx } = await saved(out);
    expect(cx.events).toHaveLength(4);
    const replay = await nfcheck(["replay", path]);
    expect(replay.code, replay.stdout).toBe(0);
  });

  it("rejects an unknown hash family and a module that is not a table: one line, exit 2", async () => {
    const hashes = await nfcheck(["table", "examples/tables/robin-hood.ts", "--hashes", "md5"]);
    expect(hashes.code).toBe(2);
    expect(hashes.stderr.trim()).toBe("nfcheck: --hashes takes a comma-separated list of one-bucket, two-buckets, identity, fnv, not md5");
    const notTable = await nfcheck(["table", "examples/rewriters/replace-foo.ts"]);
    expect(notTable.code).toBe(2);
    expect(notTable.stderr.trim().split("\n")).toHaveLength(1);
    expect(notTable.stderr).toMatch(/the default export is not a table: it has no insert\(\) function; no lookup\(\) function; no delete\(\) function/);
  });
});
