/**
 * The SCR model's config as it is written in a counterexample file. A program is named: one of the
 * built-in programs (or a mutant's broken program), or a user's module by path.
 */
import { basename } from "node:path";
import { Schema } from "effect";
import { MAX_CORES } from "./limits.ts";
import { PacketSchema } from "./packet.ts";
import { REPLICA_FAULTS } from "./replica.ts";
import { SPRAY_POLICIES } from "./spray.ts";

export const ProgramRef = Schema.Union(
  Schema.Struct({ builtin: Schema.String }),
  Schema.Struct({ module: Schema.String }),
);
export type ProgramRef = Schema.Schema.Type<typeof ProgramRef>;

export { MAX_CORES };
export const MAX_HISTORY = 1_024;
/** The longest packet sequence an exploration takes. */
export const MAX_EXPLORE_PACKETS = 64;

export const ScrConfigJson = Schema.Struct({
  program: ProgramRef,
  cores: Schema.Int.pipe(Schema.between(1, MAX_CORES)),
  /** Default k − 1. */
  historyLength: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, MAX_HISTORY)), { exact: true }),
  /** Default round-robin. */
  spray: Schema.optionalWith(Schema.Literal(...SPRAY_POLICIES), { exact: true }),
  fault: Schema.optionalWith(Schema.Literal(...REPLICA_FAULTS), { exact: true }),
  /** Watch every call for mutation of its inputs (the no-input-mutation check). */
  watchInputs: Schema.optionalWith(Schema.Boolean, { exact: true }),
  bounds: Schema.optionalWith(
    Schema.Struct({ alphabet: Schema.Array(PacketSchema), maxPackets: Schema.Int.pipe(Schema.between(0, MAX_EXPLORE_PACKETS)) }),
    { exact: true },
  ),
});
export type ScrConfigJson = Schema.Schema.Type<typeof ScrConfigJson>;

export const ScrEventJson = Schema.Struct({ type: Schema.Literal("packet"), packet: PacketSchema });

/** A short name for check ids and tables: the built-in name, or the module's file name. */
export function programLabel(ref: ProgramRef): string {
  return "builtin" in ref ? ref.builtin : basename(ref.module).replace(/\.[cm]?[jt]s$/, "");
}
