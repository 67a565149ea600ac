/**
 * The files a run of checks leaves beside its output, for CI and for people: JUnit XML (`--junit <file>`)
 * and the HTML report (`--report <dir>` → `<dir>/index.html`). Written atomically once the run ends, also
 * when checks failed or Ctrl-C stopped it: the checks that ran are in them.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../core/model.ts";
import type { Plot } from "../core/plot.ts";
import { writeFileAtomic } from "../core/store.ts";
import { reportOfRun } from "../report/collect.ts";
import { reportHtml, type ReportData } from "../report/html.ts";
import { junitXml } from "../report/junit.ts";
import { say, shown } from "./output.ts";
import type { CheckReport } from "./run-checks.ts";

export interface RunFileOptions {
  readonly junit?: string;
  readonly report?: string;
  /** Print nothing (the run prints JSON only). */
  readonly quiet?: boolean;
  readonly seed?: number;
  readonly profile?: string;
  readonly plots?: readonly Plot[];
}

/** `{ junit, report }` as given on the command line, without the ones absent (exactOptionalPropertyTypes). */
export function runFileOptions(o: { readonly junit?: string | undefined; readonly report?: string | undefined }): Pick<RunFileOptions, "junit" | "report"> {
  return { ...(o.junit !== undefined ? { junit: o.junit } : {}), ...(o.report !== undefined ? { report: o.report } : {}) };
}

/**
 * Where the files go, checked before the run starts (a run of minutes must not end in an error about its
 * output): `--junit` must not be a directory, `--report` must not be a file.
 */
export function checkRunFilePaths(o: { readonly junit?: string | undefined; readonly report?: string | undefined }): void {
  const kind = (path: string) => {
    try {
      return statSync(path).isDirectory() ? "directory" : "file";
    } catch {
      return "absent";
    }
  };
  if (o.junit !== undefined && kind(o.junit) === "directory") throw new InputError(`--junit ${o.junit}: is a directory; give the XML file's path (e.g. ${join(o.junit, "junit.xml")})`);
  if (o.report !== undefined && kind(o.report) === "file") throw new InputError(`--report ${o.report}: is a file; give a directory (the report is <dir>/index.html)`);
  if (o.report !== undefined && kind(join(o.report, "index.html")) === "directory") throw new InputError(`--report ${o.report}: ${join(o.report, "index.html")} is a directory`);
}

export async function writeReport(dir: string, data: ReportData, quiet = false): Promise<string> {
  const file = join(dir, "index.html");
  await writeFileAtomic(file, reportHtml(data));
  if (!quiet) say(`report: ${shown(file)}`);
  return file;
}

export async function writeRunFiles(command: string, reports: readonly CheckReport[], o: RunFileOptions): Promise<void> {
  if (o.junit !== undefined) {
    await writeFileAtomic(o.junit, junitXml(reports, { name: `nfcheck ${command}` }));
    if (!o.quiet) say(`JUnit XML: ${shown(o.junit)}`);
  }
  if (o.report !== undefined) {
    const data = await reportOfRun(reports, {
      title: `nfcheck ${command}`, ...(o.seed !== undefined ? { seed: o.seed } : {}), ...(o.profile !== undefined ? { profile: o.profile } : {}),
      ...(o.plots !== undefined ? { plots: o.plots } : {}),
    });
    await writeReport(o.report, data, o.quiet ?? false);
  }
}
