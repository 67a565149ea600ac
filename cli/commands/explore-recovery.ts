/** `nfcheck explore scr.recovery`: every interleaving and loss pattern of Alg. 1 within k cores and M packets. */
import { InputError } from "../../core/model.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { DEFAULT_RECOVERY_PROGRAM, describeRecoveryConfig, MAX_RECOVERY_CORES, RecoveryConfigJson, toRecoveryConfig } from "../../models/scr/recovery-config.ts";
import { explainRecoveryTrace } from "../../models/scr/recovery-entry.ts";
import { RECOVERY_FAULTS, recoveryModel } from "../../models/scr/recovery.ts";
import { resolveProgram } from "../../models/scr/entry.ts";
import { SCR_PROGRAMS } from "../../models/scr/programs/index.ts";
import { RECOVERY_SPECS } from "../../specs/scr-recovery.ts";
import { parseChoice, parseIntOption } from "../options.ts";
import type { ExploreSetup } from "./explore.ts";

export interface ExploreRecoveryOptions {
  readonly cores?: string;
  readonly packets?: string;
  readonly history?: string;
  /** Commander's `--no-tail-assumption`. */
  readonly tailAssumption?: boolean;
  readonly recovery?: boolean;
  readonly log?: string;
  readonly logStoresSeq?: boolean;
  readonly lossBudget?: string;
  readonly reorder?: boolean;
  readonly maxUpdate?: string;
  readonly fault?: string;
  readonly program?: string;
}

export async function exploreRecoverySetup(o: ExploreRecoveryOptions): Promise<ExploreSetup<any, any, any>> {
  if (o.logStoresSeq && o.log === undefined) throw new InputError("--log-stores-seq needs --log <entries>");
  const program = o.program !== undefined && o.program !== DEFAULT_RECOVERY_PROGRAM ? o.program : undefined;
  if (program !== undefined && !SCR_PROGRAMS[program]) throw new InputError(`--program must be a built-in program for scr.recovery (${Object.keys(SCR_PROGRAMS).join(", ")}), got "${program}"`);
  // The ranges are RecoveryConfigJson's.
  const json = decodeOrThrow(RecoveryConfigJson, {
    cores: o.cores !== undefined ? parseIntOption(o.cores, "--cores", 2, MAX_RECOVERY_CORES) : 3,
    packets: o.packets !== undefined ? parseIntOption(o.packets, "--packets", 1, 1_000_000) : 6,
    ...(o.history !== undefined ? { historyLength: parseIntOption(o.history, "--history", 1, 1_024) } : {}),
    ...(o.tailAssumption === false ? { tailAssumption: false } : {}),
    ...(o.recovery === false ? { recovery: false } : {}),
    ...(o.log !== undefined ? { log: { entries: parseIntOption(o.log, "--log", 1, 1_000_000), storesSeq: o.logStoresSeq ?? false } } : {}),
    ...(o.lossBudget !== undefined ? { lossBudget: parseIntOption(o.lossBudget, "--loss-budget", 0) } : {}),
    ...(o.reorder ? { reorder: true } : {}),
    ...(o.maxUpdate !== undefined ? { maxUpdate: parseChoice(o.maxUpdate, "--max-update", ["assign", "max"]) } : {}),
    ...(o.fault !== undefined ? { fault: parseChoice(o.fault, "--fault", RECOVERY_FAULTS) } : {}),
    ...(program !== undefined ? { program: { builtin: program } } : {}),
  }, "explore bounds");
  const config = toRecoveryConfig(json, await resolveProgram(json.program ?? { builtin: DEFAULT_RECOVERY_PROGRAM }, []));
  return { model: recoveryModel, config, json, specs: RECOVERY_SPECS, explain: explainRecoveryTrace, bounds: describeRecoveryConfig(config) };
}
