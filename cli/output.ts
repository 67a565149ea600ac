/** What the commands print: lines, violations with their traces, and where files went. */
import { relative } from "node:path";
import type { Table } from "../core/registry.ts";
import { beforeOutput, formatTable } from "../core/report.ts";
import type { SeedChoice } from "../core/seed.ts";
import type { Profile } from "../core/profile.ts";

export const EXIT_OK = 0;
export const EXIT_VIOLATION = 1;
export const EXIT_BAD_INPUT = 2;
/** An exploration stopped at a bound (states, memory, Ctrl-C) before it could give a verdict. */
export const EXIT_INCOMPLETE = 3;
/** What a shell reports for a program stopped by SIGPIPE (128 + 13). */
export const EXIT_BROKEN_PIPE = 141;

// A reader that stops early (`nfcheck cost ribosome | head`) closes the pipe: stop quietly, as a Unix
// tool stopped by SIGPIPE does, instead of a stack trace for EPIPE.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(EXIT_BROKEN_PIPE);
});

/**
 * Where output goes. A worker thread's own stdout reaches the terminal only when the worker is idle, so a
 * worker busy in a long run would print nothing until it ends: the design checker's worker sends its lines
 * to the main thread instead (cli/worker.ts).
 */
type Sink = (stream: "stdout" | "stderr", text: string) => void;
let sink: Sink = (stream, text) => {
  beforeOutput();
  process[stream].write(text);
};

export function setOutputSink(s: Sink): void {
  sink = s;
}

export function say(line = ""): void {
  sink("stdout", `${line}\n`);
}

export function warn(line: string): void {
  sink("stderr", `${line}\n`);
}

export function describeRun(seed: SeedChoice, profile?: Profile): string {
  const from = seed.source === "default" ? "the default" : `from ${seed.source}`;
  return `seed ${seed.seed} (${from}; vary it with --seed or NFCHECK_SEED)${profile ? `, profile ${profile.name}` : ""}`;
}

/** A path as a person would type it from here. */
export function shown(path: string): string {
  const r = relative(process.cwd(), path);
  return r === "" ? "." : r.startsWith("..") ? path : r;
}

/**
 * A trace table; long traces keep their first and last rows, since a violation shows at the end and
 * the rows before it that matter are usually the last ones.
 */
export function formatTrace(table: Table, full = false, head = 8, tail = 24): string {
  if (full || table.rows.length <= head + tail + 1) return formatTable(table);
  const skipped = table.rows.length - head - tail;
  // The sentence goes on a line of its own after the head rows (below the column names and the rule): as a
  // row it would make the first column as wide as itself.
  const lines = formatTable({ columns: table.columns, rows: [...table.rows.slice(0, head), ...table.rows.slice(-tail)] }).split("\n");
  lines.splice(2 + head, 0, `… ${skipped} rows not shown (--full shows all)`);
  return lines.join("\n");
}

export function indent(text: string, by = "    "): string {
  return text.split("\n").map((l) => (l === "" ? l : by + l)).join("\n");
}
