/**
 * Output for people: aligned tables, progress on long runs, and the summary that ends every run.
 * Tables are padded by hand: ten lines, where a table library would add a dependency for nothing.
 */
import type { Table } from "./registry.ts";

export function formatTable(table: Table): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? "").length)));
  const numeric = table.columns.map((_, i) => {
    const cells = table.rows.map((r) => r[i] ?? "").filter((c) => c !== "");
    return cells.length > 0 && cells.every((c) => /^[-+]?[\d,.]+( ?[a-zA-Z%/]+)?$/.test(c));
  });
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(table.columns), widths.map((w) => "─".repeat(w)).join("  "), ...table.rows.map(line)].join("\n");
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** "1 run", "100 runs", "12,345 states"; `plural` for a noun that takes more than an s ("1 loss", "2 losses"). */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

/**
 * A progress line on stderr. On a terminal it rewrites itself in place; in a log (CI) it prints a line
 * every `logEveryMs`, so a long run is never silent and a short one prints nothing extra.
 */
export class Progress {
  private lastLog = performance.now();
  private shown = false;
  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly logEveryMs = 10_000,
  ) {}

  update(text: string): void {
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${this.label}: ${text}`);
      this.shown = true;
      return;
    }
    const now = performance.now();
    if (now - this.lastLog >= this.logEveryMs) {
      this.lastLog = now;
      this.stream.write(`${this.label}: ${text}\n`);
    }
  }

  done(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }
}

export interface SummaryRow {
  readonly model: string;
  readonly property: string;
  /** What was done: "100 runs", "12,345 states", "64 cases". */
  readonly work: string;
  readonly result: string;
  readonly timeMs: number;
}

export function formatSummary(rows: readonly SummaryRow[]): string {
  return formatTable({
    columns: ["model", "property", "runs / states", "result", "time"],
    rows: rows.map((r) => [r.model, r.property, r.work, r.result, formatDuration(r.timeMs)]),
  });
}
