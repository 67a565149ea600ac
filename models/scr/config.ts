/**
 * The SCR model's config as it is written in a counterexample file. A program is named: one of the
 * built-in programs (or a mutant's broken program), or a user's module by path.
 */
import { basename } from "node:path";
import { Schema } from "effect";
import { field, optionalField } from "../../core/config-field.ts";
import { MAX_CORES } from "./limits.ts";
import { PacketSchema } from "./packet.ts";
import { HISTORY_AT_START, REPLICA_FAULTS } from "./replica.ts";
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
  program: field(ProgramRef, "the SCR program: a built-in one ({\"builtin\": name}, a mutant's broken program included) or a user's module ({\"module\": path})"),
  cores: field(Schema.Int.pipe(Schema.between(1, MAX_CORES)), "k, the number of replica cores"),
  historyLength: optionalField(Schema.Int.pipe(Schema.between(0, MAX_HISTORY)), "H, the history rows each SCR packet carries (default k − 1)"),
  spray: optionalField(Schema.Literal(...SPRAY_POLICIES), "how the sequencer spreads packets over the cores: round-robin (SCR) or rss-hash (a NIC's RSS)", "round-robin"),
  historyAtStart: optionalField(
    Schema.Literal(...HISTORY_AT_START),
    "how a core reads the history of the first H packets, which carry zero rows: skipping them (skip-empty), or as smartnic/bpf-profile's xdp_prog does, skipping slots without advancing its pointer, so that it reads zero rows instead of the real entries (read-zero-rows)",
    "skip-empty",
  ),
  fault: optionalField(Schema.Literal(...REPLICA_FAULTS), "a broken replica, for mutation testing (absent: the design)"),
  watchInputs: optionalField(Schema.Boolean, "watch every call for mutation of its inputs (the no-input-mutation check)", false),
  bounds: optionalField(
    Schema.Struct({ alphabet: Schema.Array(PacketSchema), maxPackets: Schema.Int.pipe(Schema.between(0, MAX_EXPLORE_PACKETS)) }),
    "for exploration: the packets that may arrive (alphabet) and at most how many (maxPackets); absent: no bound (random runs)",
  ),
});
export type ScrConfigJson = Schema.Schema.Type<typeof ScrConfigJson>;

export const ScrEventJson = Schema.Struct({ type: Schema.Literal("packet"), packet: PacketSchema });

/** A short name for check ids and tables: the built-in name, or the module's file name. */
export function programLabel(ref: ProgramRef): string {
  return "builtin" in ref ? ref.builtin : basename(ref.module).replace(/\.[cm]?[jt]s$/, "");
}
