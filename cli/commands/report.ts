/** `nfcheck report <file>… --out <dir>`: saved counterexamples as an HTML report, each a sequence diagram. */
import { reportOfFiles } from "../../report/collect.ts";
import { EXIT_OK, EXIT_VIOLATION } from "../output.ts";
import { checkRunFilePaths, writeReport } from "../run-files.ts";

export interface ReportOptions {
  readonly files: readonly string[];
  readonly out: string;
}

export async function reportCommand(o: ReportOptions, context: (text: string) => void = () => {}): Promise<number> {
  checkRunFilePaths({ report: o.out });
  context(`drawing ${o.files.length} counterexample(s)`);
  const data = await reportOfFiles(o.files, `nfcheck report ${o.files.length === 1 ? o.files[0] : `(${o.files.length} counterexamples)`}`);
  await writeReport(o.out, data);
  // Like replay: a file that no longer does what it records is a failure (the report says which and why).
  return data.checks.every((c) => c.ok) ? EXIT_OK : EXIT_VIOLATION;
}
