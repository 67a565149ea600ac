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

export interface ReplayOptions {
  readonly files: readonly string[];
  readonly full?: boolean;
  readonly quiet?: boolean;
  /** Also write an HTML report of the files here. */
  readonly report?: string;
}

export async function replayCommand(o: ReplayOptions, context: (text: string) => void = () => {}): Promise<number> {
  checkRunFilePaths(o);
  let ok = true;
  for (const file of o.files) {
    context(`replaying ${file}`);
    const cx = await loadCounterexample(file);
    // A user's system (nfcheck check) is loaded from the module the file names, relative to the file.
    const entry = cx.module !== undefined ? await systemEntryOf({ ...cx, module: cx.module }, dirname(file)) : await systemNamed(cx.model);
    const r = await replayCounterexample(cx, entry, dirname(file));
    const v = r.violation;
    const where = v ? `after event ${v.afterEvents} of ${r.events.length}` : countOf(r.events.length, "event");
    switch (r.verdict) {
      case "as-expected":
        say(cx.expect === "violation" ? `✓ ${shown(file)}: reproduced ${v!.property} (${where}): ${v!.message}` : `✓ ${shown(file)}: passes as recorded (${where})`);
        break;
      case "no-violation":
        say(`✗ ${shown(file)}: expected ${cx.property} to break, but the run passes (${where})`);
        break;
      case "different-violation":
        say(`✗ ${shown(file)}: expected ${cx.property}: ${cx.violation ?? ""}`);
        say(`    but got ${v!.property} (${where}): ${v!.message}`);
        break;
      case "unexpected-violation":
        say(`✗ ${shown(file)}: recorded as passing, but ${v!.property} breaks (${where}): ${v!.message}`);
        break;
    }
    if (cx.note) say(`    ${cx.note}`);
    if (r.verdict !== "as-expected") ok = false;
    if (!o.quiet && entry.explain) say(indent(formatTrace(entry.explain(r.config, r.events), o.full ?? false)));
  }
  if (o.report !== undefined) await writeReport(o.report, await reportOfFiles(o.files, `nfcheck replay ${o.files.length === 1 ? o.files[0] : `(${o.files.length} files)`}`));
  return ok ? EXIT_OK : EXIT_VIOLATION;
}
