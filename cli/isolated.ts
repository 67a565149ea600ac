/** The commands that call into a user's design, by name, for the worker thread to run. */
import { checkCommand, type CheckOptions } from "./commands/check.ts";
import { exploreCommand, type ExploreRequest } from "./commands/explore.ts";
import { replayCommand, type ReplayOptions } from "./commands/replay.ts";
import { reportCommand, type ReportOptions } from "./commands/report.ts";
import { scrCommand, type ScrOptions } from "./commands/scr.ts";
import { tcpCommand, type TcpOptions } from "./commands/tcp.ts";
import { tableCommand, type TableOptions } from "./commands/table.ts";
import { InputError } from "../core/model.ts";
import { EXIT_BAD_INPUT, warn } from "./output.ts";

export type IsolatedCommand =
  | { readonly name: "scr"; readonly options: ScrOptions }
  | { readonly name: "tcp"; readonly options: TcpOptions }
  | { readonly name: "table"; readonly options: TableOptions }
  | { readonly name: "replay"; readonly options: ReplayOptions }
  | { readonly name: "report"; readonly options: ReportOptions }
  | { readonly name: "explore"; readonly options: ExploreRequest }
  | { readonly name: "check"; readonly options: CheckOptions };

/** Runs the command; bad input (an InputError) is its one line on stderr and exit 2. */
export async function runIsolatedCommand(c: IsolatedCommand, context: (text: string) => void): Promise<number> {
  try {
    return await run(c, context);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    warn(`nfcheck: ${e.message}`);
    return EXIT_BAD_INPUT;
  }
}

function run(c: IsolatedCommand, context: (text: string) => void): Promise<number> {
  switch (c.name) {
    case "scr": return scrCommand(c.options, context);
    case "tcp": return tcpCommand(c.options, context);
    case "table": return tableCommand(c.options, context);
    case "replay": return replayCommand(c.options, context);
    case "report": return reportCommand(c.options, context);
    case "explore": return exploreCommand(c.options, context);
    case "check": return checkCommand(c.options, context);
  }
}
