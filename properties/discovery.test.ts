/**
 * The design checkers reach the user's code: streams a rewriter edits and traffic that drives a program
 * through its verdicts are found without a hint (properties/tcp-discovery.ts, scr-discovery.ts), and a pass
 * that exercised nothing is vacuous (tcp-coverage.ts, scr-coverage.ts).
 */
import { describe, expect, it } from "vitest";
import { harvestLiterals } from "../core/dictionary.ts";
import { loadScrProgram } from "../models/scr/load-program.ts";
import { nameExceptions, type AnyScrProgram } from "../models/scr/program.ts";
import { loadRewriter } from "../models/tcp/load-rewriter.ts";
import { checkedCalls } from "../models/tcp/rewriter-calls.ts";
import { dictionaryOfModule } from "../core/dictionary.ts";
import { scrDesignChecks } from "./scr-checks.ts";
import { discoverScrTraffic } from "./scr-discovery.ts";
import { runCheck, testProfile, testSeed } from "./support.ts";
import { tcpDesignChecks } from "./tcp-checks.ts";
import { discoverTcpStreams } from "./tcp-discovery.ts";

const rewriter = async (name: string) => {
  const { rewriter: r, path } = await loadRewriter(`examples/rewriters/${name}.ts`, [process.cwd()]);
  return { r, found: discoverTcpStreams(checkedCalls(r), { seed: testSeed.seed, dictionary: dictionaryOfModule(path) }) };
};

describe("streams that reach a rewriter", () => {
  it("finds the rewriter's own pattern, and the split of it that the per-segment bug misses", async () => {
    const { found } = await rewriter("replace-foo-per-segment");
    expect(found.corpus.some((s) => s.includes("foo"))).toBe(true);
    expect(found.splits.map((f) => f.stream)).toContain("foo");
    expect(found.splits.every((f) => f.split > 0 && f.split < f.stream.length)).toBe(true);
  });

  it("finds no split for the correct twin, sees the two bytes it holds back, and is the same for the same seed", async () => {
    const a = await rewriter("replace-foo");
    const b = await rewriter("replace-foo");
    expect(a.found.splits).toEqual([]);
    expect(a.found.maxHeld).toBe(2);
    expect(a.found.corpus.length).toBeGreaterThan(0);
    expect(b.found).toEqual(a.found);
  });

  it("runs the correct twin on streams it edits across segment boundaries, and calls a rewriter that never edits vacuous", async () => {
    const twin = await rewriter("replace-foo");
    const [pass] = tcpDesignChecks({ builtin: "replace-foo" }, twin.r, twin.found);
    const ok = await runCheck(pass!);
    expect(ok.status).toBe("pass");
    const across = /(\d[\d,]*) edits? across segment boundaries/.exec(ok.coverage!.items.join("; "));
    expect(Number(across?.[1]?.replace(/,/g, ""))).toBeGreaterThan(0);
    const never = await rewriter("never-edits");
    expect(never.found.corpus).toEqual([]);
    const [vacuous] = tcpDesignChecks({ builtin: "never-edits" }, never.r, never.found);
    const v = await runCheck(vacuous!);
    expect(v.status).toBe("vacuous");
    expect(v.message).toMatch(/the rewriter edited no byte of 100 streams/);
  });
});

/** A DDoS mitigator whose DROP needs 1 000 packets of one source; a firewall opened by knocks on 7001, 7002, 7003. */
const ddos1000: AnyScrProgram = {
  name: "ddos-1000", metaBytes: 4,
  init: () => new Map<number, number>(),
  extract: (p) => p.srcIp,
  fastForward: (s: Map<number, number>, src: number) => new Map(s).set(src, (s.get(src) ?? 0) + 1),
  process: (s: Map<number, number>, p) => {
    const n = (s.get(p.srcIp) ?? 0) + 1;
    return { state: new Map(s).set(p.srcIp, n), verdict: n > 1_000 ? "DROP" : "PASS" };
  },
};
const KNOCKS = [7001, 7002, 7003];
const knocks: AnyScrProgram = {
  name: "knocks", metaBytes: 6,
  init: () => new Map<number, number>(),
  extract: (p) => [p.srcIp, p.dstPort],
  fastForward: (s: Map<number, number>) => s,
  process: (s: Map<number, number>, p) => {
    const stage = s.get(p.srcIp) ?? 0;
    const next = stage === 3 ? 3 : p.dstPort === KNOCKS[stage] ? stage + 1 : 0;
    return { state: new Map(s).set(p.srcIp, next), verdict: next === 3 ? "OPEN" : "CLOSED" };
  },
};

describe("traffic that reaches an SCR program", () => {
  it("repeats a source past a threshold of 1,000 packets", () => {
    const found = discoverScrTraffic(nameExceptions(ddos1000), { seed: testSeed.seed, maxPackets: testProfile.maxEvents, dictionary: harvestLiterals("n > 1_000") });
    expect(found.behaviours).toContain("PASS→DROP for one f(p)");
    expect(found.corpus.length).toBeGreaterThan(0);
  });

  it("sends the knock sequence it finds among the module's constants", () => {
    const found = discoverScrTraffic(nameExceptions(knocks), { seed: testSeed.seed, maxPackets: testProfile.maxEvents, dictionary: harvestLiterals("const KNOCKS = [7001, 7002, 7003];") });
    expect(found.behaviours).toContain("verdict OPEN");
  });

  it("calls a program whose state never changes vacuous", async () => {
    const { program } = await loadScrProgram("examples/designs/big-initial-table.ts", [process.cwd()]);
    const sufficiency = scrDesignChecks({ builtin: "big-initial-table" }, program, []).find((c) => c.property === "sufficiency")!;
    const outcome = await runCheck(sufficiency);
    expect(outcome.status).toBe("vacuous");
    expect(outcome.message).toMatch(/the program's state never changed in [\d,]+ packets/);
  });
});
