/**
 * The checks of a run as JUnit XML (`--junit <file>`), the format every CI reads: one `<testsuite>` per
 * system, one `<testcase>` per check. A check that did not behave as expected is a `<failure>` — a property
 * violated (with the property, the message, the trace as text and the saved counterexample's path), a
 * mutant that survived, a vacuous pass — and a check that could not reach a verdict (bad input, a bound,
 * an exception) is an `<error>`. A mutant killed or a boundary found is a passing test case: it did what it
 * is for.
 *
 * The XML is written by hand (an escape function and string templates): the document has four element
 * types, where a builder library would add a dependency for nothing. Its shape is the Ant/Jenkins one that
 * CI tools read; report/test/junit.test.ts parses it with a maintained JUnit parser.
 */
import type { CheckReport } from "../cli/run-checks.ts";
import { formatTrace } from "../cli/output.ts";
import { resultWord } from "../cli/run-checks.ts";

/** The five XML escapes, and the control characters XML 1.0 cannot hold at all (replaced, not dropped). */
export function xmlEscape(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const seconds = (ms: number) => (ms / 1_000).toFixed(3);

function attributes(a: Record<string, string | number>): string {
  return Object.entries(a).map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join("");
}

type Verdict = { readonly kind: "pass" } | { readonly kind: "failure" | "error"; readonly type: string; readonly message: string; readonly body: string };

/** What JUnit makes of one check's outcome. */
export function verdictOf(r: CheckReport): Verdict {
  const { check, outcome } = r;
  if (r.asExpected) return { kind: "pass" };
  const lines: string[] = [];
  if (outcome.violation) lines.push(`${outcome.violation.property} violated after ${outcome.violation.afterEvents} event(s): ${outcome.violation.message}`);
  if (outcome.message) lines.push(outcome.message);
  const cx = outcome.counterexample;
  if (cx && outcome.table) lines.push("", `counterexample (${cx.events.length} events):`, formatTrace(outcome.table, true));
  if (r.saved) lines.push("", `saved ${r.saved}; replay it with: nfcheck replay ${r.saved}`);
  const body = lines.join("\n");
  const word = resultWord(check, outcome, r.asExpected);
  switch (outcome.status) {
    case "violation":
      return { kind: "failure", type: outcome.violation?.property ?? check.property, message: outcome.violation?.message ?? word, body };
    case "pass":
      // A mutant or a boundary that must be found was not.
      return { kind: "failure", type: "survived", message: `${check.property}: ${word} (expected a violation)`, body };
    case "vacuous":
      return { kind: "failure", type: "vacuous", message: outcome.message ?? "nothing was exercised", body };
    case "incomplete":
    case "error":
      return { kind: "error", type: outcome.status, message: outcome.message ?? outcome.status, body };
  }
}

function testcase(r: CheckReport): string {
  const id = r.check.id.startsWith(`${r.check.model}/`) ? r.check.id.slice(r.check.model.length + 1) : r.check.id;
  const open = `    <testcase${attributes({ name: id, classname: r.check.model, time: seconds(r.outcome.timeMs) })}`;
  // How it was checked, as the testcase's output (Ant's schema has no per-testcase properties).
  const how = `property ${r.check.property}, expects ${r.check.expect}; ${r.outcome.work}; seed ${r.seed}`;
  const v = verdictOf(r);
  const verdict = v.kind === "pass" ? "" : `\n      <${v.kind}${attributes({ type: v.type, message: v.message })}>${xmlEscape(v.body)}</${v.kind}>`;
  return `${open}>${verdict}\n      <system-out>${xmlEscape(how)}</system-out>\n    </testcase>`;
}

/** The whole document: `<testsuites>` named after the command, a `<testsuite>` per system in run order. */
export function junitXml(reports: readonly CheckReport[], o: { readonly name: string; readonly timestamp?: Date }): string {
  const bySystem = new Map<string, CheckReport[]>();
  for (const r of reports) bySystem.set(r.check.model, [...(bySystem.get(r.check.model) ?? []), r]);
  const count = (rs: readonly CheckReport[], kind: Verdict["kind"]) => rs.filter((r) => verdictOf(r).kind === kind).length;
  const time = (rs: readonly CheckReport[]) => seconds(rs.reduce((t, r) => t + r.outcome.timeMs, 0));
  const stamp = (o.timestamp ?? new Date()).toISOString().replace(/\.\d+Z$/, "");
  const suites = [...bySystem].map(([system, rs]) => [
    `  <testsuite${attributes({ name: system, tests: rs.length, failures: count(rs, "failure"), errors: count(rs, "error"), skipped: 0, time: time(rs), timestamp: stamp })}>`,
    ...rs.map(testcase),
    "  </testsuite>",
  ].join("\n"));
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attributes({ name: o.name, tests: reports.length, failures: count(reports, "failure"), errors: count(reports, "error"), time: time(reports) })}>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
