/** `nfcheck explore scr.recovery`: every interleaving and loss pattern of Alg. 1 within k cores and M packets. */
import { InputError } from "../../core/model.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { DEFAULT_RECOVERY_PROGRAM, describeRecoveryConfig, RecoveryConfigJson, toRecoveryConfig } from "../../models/scr/recovery-config.ts";
import { explainRecoveryTrace } from "../../models/scr/recovery-entry.ts";
import { RECOVERY_FAULTS, recoveryModel } from "../../models/scr/recovery.ts";
import { resolveProgram } from "../../models/scr/entry.ts";
import { SCR_PROGRAMS } from "../../models/scr/programs/index.ts";
import { RECOVERY_SPECS } from "../../specs/scr-recovery.ts";
import { parsePositiveInt } from "./prove.ts";
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

const nonNegative = (text: string, what: string) => (text.trim() === "0" ? 0 : parsePositiveInt(text, what));

export async function exploreRecoverySetup(o: ExploreRecoveryOptions): Promise<ExploreSetup<any, any, any>> {
  if (o.fault !== undefined && !(RECOVERY_FAULTS as readonly string[]).includes(o.fault)) throw new InputError(`--fault must be one of ${RECOVERY_FAULTS.join(", ")}`);
  if (o.maxUpdate !== undefined && o.maxUpdate !== "assign" && o.maxUpdate !== "max") throw new InputError("--max-update must be assign or max");
  if (o.logStoresSeq && o.log === undefined) throw new InputError("--log-stores-seq needs --log <entries>");
  const program = o.program !== undefined && o.program !== DEFAULT_RECOVERY_PROGRAM ? o.program : undefined;
  if (program !== undefined && !SCR_PROGRAMS[program]) throw new InputError(`--program must be a built-in program for scr.recovery (${Object.keys(SCR_PROGRAMS).join(", ")})`);
  const json = decodeOrThrow(RecoveryConfigJson, {
    cores: o.cores !== undefined ? parsePositiveInt(o.cores, "--cores") : 3,
    packets: o.packets !== undefined ? parsePositiveInt(o.packets, "--packets") : 6,
    ...(o.history !== undefined ? { historyLength: parsePositiveInt(o.history, "--history") } : {}),
    ...(o.tailAssumption === false ? { tailAssumption: false } : {}),
    ...(o.recovery === false ? { recovery: false } : {}),
    ...(o.log !== undefined ? { log: { entries: parsePositiveInt(o.log, "--log"), storesSeq: o.logStoresSeq ?? false } } : {}),
    ...(o.lossBudget !== undefined ? { lossBudget: nonNegative(o.lossBudget, "--loss-budget") } : {}),
    ...(o.reorder ? { reorder: true } : {}),
    ...(o.maxUpdate !== undefined ? { maxUpdate: o.maxUpdate } : {}),
    ...(o.fault !== undefined ? { fault: o.fault } : {}),
    ...(program !== undefined ? { program: { builtin: program } } : {}),
  }, "explore bounds");
  const config = toRecoveryConfig(json, await resolveProgram(json.program ?? { builtin: DEFAULT_RECOVERY_PROGRAM }, []));
  return { model: recoveryModel, config, json, specs: RECOVERY_SPECS, explain: explainRecoveryTrace, bounds: describeRecoveryConfig(config) };
}
