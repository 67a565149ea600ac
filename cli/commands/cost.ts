/**
 * `nfcheck cost [system]`: a system's performance-cost model with the papers' parameters (its definition's
 * `cost`, core/system.ts): tables for people, or the report as JSON.
 */
import { Command } from "commander";
import { InputError } from "../../core/model.ts";
import { loadSystems, systemNamed } from "../../systems/registry.ts";
import { EXIT_OK, say } from "../output.ts";
import { checkRunFilePaths, writeReport } from "../run-files.ts";
import { reportCreated } from "../../report/html.ts";
import { resultsJson } from "../../report/results.ts";

export const DEFAULT_SYSTEM = "scr";

/** `rest`: the command line after the system's name (its cost model's own options, `--json`). */
export async function costCommand(name: string, rest: readonly string[], oneLine: (hint: string) => (text: string, write: (t: string) => void) => void): Promise<number> {
  const withCost = (await loadSystems()).filter((s) => s.cost);
  if (name === "--help" || name === "-h") {
    say(`Usage: nfcheck cost [system] [--json] [options]\n\nsystems with a cost model: ${withCost.map((s) => s.name).join(", ")} (default ${DEFAULT_SYSTEM})\nnfcheck cost <system> --help lists its options`);
    return EXIT_OK;
  }
  // `nfcheck cost --json`: an option where the system would be; the system is the default one.
  if (name.startsWith("-")) return costCommand(DEFAULT_SYSTEM, [name, ...rest], oneLine);
  const system = await systemNamed(name);
  const cost = system.cost;
  if (!cost) throw new InputError(`${system.name} has no cost model (those that have one: ${withCost.map((s) => s.name).join(", ")})`);
  const command = new Command(`cost ${system.name}`).description(`${system.name}'s performance-cost model`).option("--json", "print as JSON")
    .option("--report <dir>", "also write an HTML report (<dir>/index.html) with the model's plots")
    .exitOverride().configureOutput({ writeOut: (t) => process.stdout.write(t), outputError: oneLine(`nfcheck cost ${system.name} --help lists its options`) });
  for (const o of cost.options ?? []) command.option(o.flags, o.description, o.default);
  command.parse([...rest], { from: "user" });
  const { json, report: reportDir, ...options } = command.opts();
  if (reportDir !== undefined) checkRunFilePaths({ report: String(reportDir) });
  if (reportDir !== undefined && !cost.plots) throw new InputError(`${system.name}'s cost model draws no plots (--report)`);
  const report = await cost.report(options);
  say(json ? resultsJson({ command: `cost ${system.name}`, exitCode: EXIT_OK, data: { model: `cost.${system.name}`, ...(cost.json ? cost.json(report) : report) as object } }, []) : cost.text(report));
  if (reportDir !== undefined && cost.plots) {
    await writeReport(String(reportDir), {
      title: `nfcheck cost ${system.name}`, created: reportCreated(), checks: [], traces: [], plots: cost.plots(report),
    }, json === true);
  }
  return EXIT_OK;
}
