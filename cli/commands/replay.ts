/**
 * `nfcheck replay <file>…`: runs saved counterexamples again. Exit 0 when every file still does what it
 * records (its violation reproduces word for word, or its passing run still passes), 1 when one does not,
 * 2 when a file cannot be read.
 */
import { dirname } from "node:path";
import { replayCounterexample } from "../../core/replay.ts";
import { countOf } from "../../core/report.ts";
import { loadCounterexample } from "../../core/store.ts";
import { systemNamed } from "../../systems/registry.ts";
import { systemEntryOf } from "../../core/system-entry.ts";
import { reportOfFiles } from "../../report/collect.ts";
import { checkRunFilePaths, writeReport } from "../run-files.ts";
import { EXIT_OK, EXIT_VIOLATION, formatTrace, indent, say, shown } from "../output.ts";
import { resultsJson, type CheckResult } from "../../report/results.ts";

export interface ReplayOptions {
  readonly files: readonly string[];
  readonly full?: boolean;
  readonly quiet?: boolean;
  /** Print the results as JSON only. */
  readonly json?: boolean;
  /** Also write an HTML report of the files here. */
  readonly report?: string;
}

export async function replayCommand(o: ReplayOptions, context: (text: string) => void = () => {}): Promise<number> {
  checkRunFilePaths(o);
  const print = o.json ? () => {} : say;
  const results: CheckResult[] = [];
  for (const file of o.files) {
    context(`replaying ${file}`);
    const started = performance.now();
    const cx = await loadCounterexample(file);
    // A user's system (nfcheck check) is loaded from the module the file names, relative to the file.
    const entry = cx.module !== undefined ? await systemEntryOf({ ...cx, module: cx.module }, dirname(file)) : await systemNamed(cx.model);
    const r = await replayCounterexample(cx, entry, dirname(file));
    const v = r.violation;
    const where = v ? `after event ${v.afterEvents} of ${r.events.length}` : countOf(r.events.length, "event");
    let message: string;
    switch (r.verdict) {
      case "as-expected":
        message = cx.expect === "violation" ? `reproduced ${v!.property} (${where}): ${v!.message}` : `passes as recorded (${where})`;
        break;
      case "no-violation":
        message = `expected ${cx.property} to break, but the run passes (${where})`;
        break;
      case "different-violation":
        message = `expected ${cx.property}: ${cx.violation ?? ""}\n    but got ${v!.property} (${where}): ${v!.message}`;
        break;
      case "unexpected-violation":
        message = `recorded as passing, but ${v!.property} breaks (${where}): ${v!.message}`;
        break;
    }
    const ok = r.verdict === "as-expected";
    print(`${ok ? "✓" : "✗"} ${shown(file)}: ${message}`);
    if (cx.note) print(`    ${cx.note}`);
    if (!o.quiet && entry.explain) print(indent(formatTrace(entry.explain(r.config, r.events), o.full ?? false)));
    results.push({
      id: shown(file), system: cx.model, property: cx.property, expect: cx.expect, status: v ? "violation" : "pass", ok,
      result: ok ? (cx.expect === "violation" ? "reproduced" : "passes") : "NOT REPRODUCED", work: countOf(r.events.length, "event"), measures: {},
      timeMs: Math.round(performance.now() - started), ...(cx.seed !== undefined ? { seed: cx.seed } : {}),
      ...(v ? { violation: v } : {}), ...(ok ? {} : { message: message.replace(/\n\s*/g, " ") }), saved: file,
    });
  }
  const code = results.every((c) => c.ok) ? EXIT_OK : EXIT_VIOLATION;
  if (o.json) say(resultsJson({ command: "replay", exitCode: code }, results));
  if (o.report !== undefined) await writeReport(o.report, await reportOfFiles(o.files, `nfcheck replay ${o.files.length === 1 ? o.files[0] : `(${o.files.length} files)`}`), o.json ?? false);
  return code;
}
