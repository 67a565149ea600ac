/**
 * Output for people: aligned tables, progress on long runs, and the summary that ends every run.
 * Tables are padded by hand: ten lines, where a table library would add a dependency for nothing.
 */
import { InputError } from "./model.ts";
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

/** What hash compaction risks, as an exploration with it ends ("… at most 2.0e-8"; "0.25" from 0.01 up). */
export function omissionLine(p: number): string {
  return `hash compaction: the probability that two states shared a fingerprint and one was missed is at most ${p >= 0.01 ? p.toFixed(2) : p.toExponential(1)}`;
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

/** Where progress goes: a terminal (below), or — in the design checker's worker — the main thread. */
export interface ProgressSink {
  update(label: string, text: string): void;
  done(label: string): void;
}

/**
 * Progress on stderr. On a terminal one line rewrites itself in place; in a log (CI) a run that lasts
 * longer than a second prints a line then, and another every `everyMs` while it lasts, so that a long
 * run is never silent and a short one prints nothing extra. `tick` redraws from a timer: the main thread
 * of the design checker calls it every second, so that a worker busy in one long call still shows that it
 * is alive, and in which call (`extra`).
 */
export class TerminalProgress implements ProgressSink {
  private current: { label: string; text: string; since: number; logged: number | null } | null = null;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly firstAfterMs = firstLineAfterMs(),
    private readonly everyMs = 10_000,
  ) {}

  update(label: string, text: string): void {
    const now = performance.now();
    if (this.current === null || this.current.label !== label) this.current = { label, text, since: now, logged: null };
    else this.current.text = text;
    this.render(now, "");
  }

  done(label: string): void {
    if (this.current?.label === label) this.current = null;
    this.clearLine();
  }

  tick(extra = ""): void {
    this.render(performance.now(), extra);
  }

  /** Before other output on the same terminal: the next update or tick draws the line again. */
  clearLine(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }

  private render(now: number, extra: string): void {
    const c = this.current;
    if (c === null) return;
    const line = `${c.label}: ${c.text}${extra}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 200) - 1)}`);
      this.shown = true;
      return;
    }
    const due = c.logged === null ? now - c.since >= this.firstAfterMs : now - c.logged >= this.everyMs;
    if (due) {
      c.logged = now;
      this.stream.write(`${line}\n`);
    }
  }
}

/**
 * How long a step lasts before a log gets its first progress line: a second, or NFCHECK_PROGRESS_AFTER_MS
 * (0: a line as soon as a step starts, for a log that must show every step). The command line checks it
 * first (a bad value is a one-line error); the progress line itself falls back to the second.
 */
export function progressAfterMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env["NFCHECK_PROGRESS_AFTER_MS"];
  if (raw === undefined || raw === "") return 1_000;
  const ms = Number(raw);
  if (!Number.isSafeInteger(ms) || ms < 0) throw new InputError(`NFCHECK_PROGRESS_AFTER_MS must be a whole number of milliseconds, 0 or more, not "${raw}"`);
  return ms;
}

function firstLineAfterMs(): number {
  try {
    return progressAfterMs();
  } catch {
    return 1_000;
  }
}

let sink: ProgressSink = new TerminalProgress();

/** Other output is about to be written: take the progress line off the terminal first. */
export function beforeOutput(): void {
  if (sink instanceof TerminalProgress) sink.clearLine();
}

/** The design checker's worker sends progress to its main thread instead of writing it. */
export function setProgressSink(s: ProgressSink): void {
  sink = s;
}

/** Progress of one task, under a label (a check id, "explore"). */
export class Progress {
  constructor(private readonly label: string) {}

  update(text: string): void {
    sink.update(this.label, text);
  }

  done(): void {
    sink.done(this.label);
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
