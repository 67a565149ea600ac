/** What the commands print, called directly: long trace tables and the summary. */
import { describe, expect, it, vi } from "vitest";
import { formatTrace } from "../output.ts";
import { printSummary, type CheckReport } from "../run-checks.ts";

describe("trace tables", () => {
  it("leave out the middle of a long trace in a line of its own, which sets no column's width", () => {
    const table = { columns: ["#", "event"], rows: Array.from({ length: 512 }, (_, i) => [String(i + 1), `packet ${i}`]) };
    const lines = formatTrace(table).split("\n");
    expect(lines).toHaveLength(2 + 8 + 1 + 24);
    expect(lines.slice(0, 3)).toEqual(["  #  event", "───  ──────────", "  1  packet 0"]);
    expect(lines[9]).toBe("  8  packet 7");
    expect(lines[10]).toBe("… 480 rows not shown (--full shows all)");
    expect(lines[11]).toBe("489  packet 488");
    expect(lines.at(-1)).toBe("512  packet 511");
    expect(formatTrace(table, true).split("\n")).toHaveLength(2 + 512);
  });
});

describe("the summary", () => {
  it("counts one check as one", () => {
    const report = { check: { id: "toy/holds", model: "toy", expect: "pass" }, seed: 1, outcome: { status: "pass", work: "1 run", timeMs: 5 }, asExpected: true } as unknown as CheckReport;
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      printSummary([report]);
    } finally {
      spy.mockRestore();
    }
    expect(written.join("")).toMatch(/^all\s+1 check\s+pass/m);
  });
});
