/**
 * `--json`: every command prints one shape (report/results.ts), which `resultsOf` decodes with the schema
 * and no field to spare; the exit code in it is the process's; and report/results.schema.json is that
 * schema as JSON Schema.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { RESULTS_SCHEMA_FILE, resultsSchemaText } from "../../report/write-results-schema.ts";
import { nfcheck, resultsOf, tmp } from "./run-cli.ts";
import { Results } from "../../report/results.ts";

describe("--json: one shape for every command", () => {
  it("report/results.schema.json is the schema (npm run results-schema writes it)", () => {
    expect(readFileSync(RESULTS_SCHEMA_FILE, "utf8")).toBe(resultsSchemaText());
  });

  it("the schema refuses what is out of shape", () => {
    const decode = Schema.decodeUnknownSync(Results, { onExcessProperty: "error" });
    const ok = { format: "nfcheck.results/1", nfcheck: "0.1.0", command: "list", exitCode: 0, summary: { checks: 0, passed: 0, failed: 0, vacuous: 0, notRun: 0, timeMs: 0 }, checks: [] };
    expect(decode(ok)).toEqual(ok);
    expect(() => decode({ ...ok, format: "nfcheck.results/2" })).toThrow();
    expect(() => decode({ ...ok, extra: 1 })).toThrow();
    expect(() => decode({ ...ok, checks: [{ id: "x" }] })).toThrow();
  });

  it("verify and mutants: a check each, with its measures and the seed of random runs", async () => {
    // --jobs 1: the checks in this thread, whose modules are loaded, rather than in two new threads that
    // load them again; the JSON is what is tested here (the threads are, in commands.test.ts's verify).
    const v = resultsOf(await nfcheck(["verify", "--only", "ribosome/small", "--only", "ribosome/mutant/no-tag-check", "--json", "--seed", "7", "--jobs", "1"]));
    expect(v).toMatchObject({ command: "verify", exitCode: 0, seed: 7, seedSource: "--seed", profile: "default" });
    expect(v.summary.checks).toBe(v.checks.length);
    expect(v.summary).toMatchObject({ passed: v.checks.length, failed: 0, notRun: 0 });
    const explored = v.checks.filter((c) => c.measures.states !== undefined);
    expect(explored.length).toBeGreaterThan(0);
    for (const c of explored) expect(c.work).toBe(`${c.measures.states!.toLocaleString("en-US")} states`);
    const killed = v.checks.find((c) => c.id.includes("mutant/no-tag-check"))!;
    expect(killed).toMatchObject({ expect: "violation", status: "violation", ok: true, result: "killed" });
    expect(killed.counterexample?.events.length).toBe(killed.violation?.afterEvents);

    const m = resultsOf(await nfcheck(["mutants", "--only", "current-twice", "--json", "--seed", "7"]));
    expect(m.checks).toHaveLength(1);
    expect(m.checks[0]).toMatchObject({ ok: true, result: "killed", seed: expect.any(Number) });
    expect(m.data).toMatchObject({ mutants: [{ id: m.checks[0]!.id, mutant: "current-twice" }] });
  });

  it("explore: the exploration as a check, a violation's counterexample and where it went; the search's figures in data", async () => {
    const out = await tmp();
    const r = resultsOf(await nfcheck(["explore", "ribosome", "--no-tag-check", "--slots", "1", "--out", out, "--json"]));
    expect(r).toMatchObject({ command: "explore ribosome", exitCode: 1, summary: { checks: 1, failed: 1 } });
    const [c] = r.checks;
    expect(c).toMatchObject({ id: "ribosome/explore", status: "violation", ok: false, violation: { property: "bounded-buffers", afterEvents: 5 } });
    expect(c!.seed).toBeUndefined();
    expect(c!.counterexample?.events).toHaveLength(5);
    expect(c!.saved!.startsWith(out)).toBe(true);
    expect(r.data).toMatchObject({ reduction: false, config: { tagCheck: false } });
  });

  it("prove: each lemma as a check, with its cases; replay: each file as a check", async () => {
    const p = resultsOf(await nfcheck(["prove", "throughput-monotone", "--json"]));
    expect(p.checks).toHaveLength(1);
    expect(p.checks[0]).toMatchObject({ id: "proof/throughput-monotone", system: "cost.scr", status: "pass", ok: true, result: "pass" });
    expect(p.checks[0]!.measures.cases).toBeGreaterThan(0);
    expect(p.data).toMatchObject({ lemmas: [{ name: "throughput-monotone", source: "SCR App. A, Table 4" }] });

    const file = join("counterexamples", "reference-bugs", "fastclick-cumulative-offset.json");
    const r = resultsOf(await nfcheck(["replay", file, "--json"]));
    expect(r).toMatchObject({ command: "replay", exitCode: 0 });
    expect(r.checks).toEqual([expect.objectContaining({ system: "tcp", property: "ack-soundness", status: "violation", ok: true, result: "reproduced", saved: file })]);
  });
});
