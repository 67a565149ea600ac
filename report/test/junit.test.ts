/**
 * The JUnit XML, read back by a maintained JUnit parser (junit2json, on xml2js's strict parser): the
 * counts CI shows, one suite per system, and what a failure and an error carry.
 */
import { parse, type TestSuites } from "junit2json";
import { describe, expect, it } from "vitest";
import type { Check, CheckOutcome } from "../../core/check.ts";
import type { CheckReport } from "../../cli/run-checks.ts";
import { junitXml, xmlEscape } from "../junit.ts";

const check = (model: string, name: string, expect: "pass" | "violation" = "pass", property = "p"): Check =>
  ({ id: `${model}/${name}`, model, property, expect, run: async () => { throw new Error("not run here"); } });

const report = (c: Check, outcome: Partial<CheckOutcome> & Pick<CheckOutcome, "status">, asExpected: boolean, saved?: string): CheckReport =>
  ({ check: c, seed: 42, outcome: { work: "3 states", timeMs: 1_500, ...outcome }, asExpected, ...(saved !== undefined ? { saved } : {}) });

const violation = { property: "no-mix-up", message: `payload of <packet 1> & "header" of 'packet 2'`, afterEvents: 2 };
const cx = {
  schema: "nfcheck/counterexample@1" as const, model: "ribosome", config: {}, property: "no-mix-up", found: "explore" as const,
  expect: "violation" as const, events: [{ type: "a" }, { type: "b" }],
};
const reports: CheckReport[] = [
  report(check("ribosome", "conservation"), { status: "pass" }, true),
  report(check("ribosome", "no-mix-up"), { status: "violation", violation, counterexample: cx, table: { columns: ["#", "event"], rows: [["1", "write a"], ["2", "read <b>"]] } }, false, "counterexamples/found/x.json"),
  report(check("ribosome", "mutant/tag-off", "violation", "no-mix-up"), { status: "violation", violation }, true),
  report(check("scr", "mutant/no-history", "violation"), { status: "pass" }, false),
  report(check("scr", "equivalence"), { status: "error", message: "bad input\u0007" }, false),
  report(check("scr", "coverage"), { status: "vacuous", message: "no packet reached a core" }, false),
];

describe("JUnit XML", () => {
  it("escapes the five characters and replaces what XML cannot hold", () => {
    expect(xmlEscape(`a<b>&"c'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;\uFFFD");
  });

  it("parses, with one suite per system and one case per check, and the counts CI shows", async () => {
    const doc = (await parse(junitXml(reports, { name: "nfcheck verify", timestamp: new Date(0) }))) as TestSuites;
    expect(doc).toMatchObject({ name: "nfcheck verify", tests: 6, failures: 3, errors: 1 });
    expect(doc.testsuite?.map((s) => [s.name, s.tests, s.failures, s.errors, s.testcase?.length])).toEqual([
      ["ribosome", 3, 1, 0, 3],
      ["scr", 3, 2, 1, 3],
    ]);
    expect(doc.testsuite?.[0]?.time).toBeCloseTo(4.5);
  });

  it("a violation is a failure with the property, the message, the trace and the saved file; a killed mutant passes", async () => {
    const doc = (await parse(junitXml(reports, { name: "nfcheck verify" }))) as TestSuites;
    const [pass, failed, killed] = doc.testsuite![0]!.testcase!;
    expect(pass?.failure).toBeUndefined();
    expect(pass?.["system-out"]).toEqual(["property p, expects pass; 3 states; seed 42"]);
    expect(killed?.failure).toBeUndefined();
    expect(failed).toMatchObject({ name: "no-mix-up", classname: "ribosome", time: 1.5 });
    const f = failed!.failure![0]!;
    expect(f.type).toBe("no-mix-up");
    expect(f.message).toBe(violation.message);
    expect(f.inner).toContain("counterexample (2 events)");
    expect(f.inner).toContain("read <b>");
    expect(f.inner).toContain("nfcheck replay counterexamples/found/x.json");
  });

  it("a surviving mutant and a vacuous pass are failures; an error is an error", async () => {
    const doc = (await parse(junitXml(reports, { name: "nfcheck verify" }))) as TestSuites;
    const [survived, error, vacuous] = doc.testsuite![1]!.testcase!;
    expect(survived?.failure?.[0]?.type).toBe("survived");
    expect(error?.error?.[0]).toMatchObject({ type: "error", message: "bad input\uFFFD" });
    expect(vacuous?.failure?.[0]).toMatchObject({ type: "vacuous", message: "no packet reached a core" });
  });
});
