/** `nfcheck explore scr`: every packet sequence over a small alphabet, through sequencer and replicas. */
import { relative, resolve } from "node:path";
import { Schema } from "effect";
import { InputError } from "../../core/model.ts";
import { countOf } from "../../core/report.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { readJsonFile } from "../../core/store.ts";
import { MAX_CORES, MAX_EXPLORE_PACKETS, MAX_HISTORY, ScrConfigJson, type ProgramRef } from "../../models/scr/config.ts";
import { explainScrTrace, resolveProgram, toScrConfig } from "../../models/scr/entry.ts";
import { PacketSchema } from "../../models/scr/packet.ts";
import { SCR_PROGRAMS } from "../../models/scr/programs/index.ts";
import { SPRAY_POLICIES } from "../../models/scr/spray.ts";
import { scrModel } from "../../models/scr/system.ts";
import { scrEquivalence, sufficiency } from "../../specs/scr.ts";
import { scrExploreAlphabet } from "../../properties/scr-checks.ts";
import { parseChoice, parseIntOption } from "../options.ts";
import type { ExploreSetup } from "./explore.ts";

export interface ExploreScrOptions {
  readonly program?: string;
  readonly cores?: string;
  readonly packets?: string;
  readonly alphabetSize?: string;
  readonly alphabet?: string;
  readonly history?: string;
  readonly spray?: string;
}

export async function exploreScrSetup(o: ExploreScrOptions, outDir: string): Promise<ExploreSetup<any, any, any>> {
  // Options first, so that a bad value is reported before a module is loaded.
  const standard = scrExploreAlphabet();
  const alphabetSize = o.alphabetSize !== undefined ? parseIntOption(o.alphabetSize, "--alphabet-size", 1, standard.length) : 4;
  const cores = o.cores !== undefined ? parseIntOption(o.cores, "--cores", 1, MAX_CORES) : 3;
  const historyLength = o.history !== undefined ? parseIntOption(o.history, "--history", 0, MAX_HISTORY) : undefined;
  const spray = o.spray !== undefined ? parseChoice(o.spray, "--spray", SPRAY_POLICIES) : undefined;
  const maxPackets = o.packets !== undefined ? parseIntOption(o.packets, "--packets", 1, MAX_EXPLORE_PACKETS) : 5;
  const name = o.program ?? "port-knocking";
  if (name === "") throw new InputError(`--program must be a built-in program (${Object.keys(SCR_PROGRAMS).join(", ")}) or a module, got ""`);
  const ref: ProgramRef = SCR_PROGRAMS[name] ? { builtin: name } : { module: name };
  const program = await resolveProgram(ref, [process.cwd()]);
  const savedRef: ProgramRef = "module" in ref ? { module: relative(outDir, resolve(ref.module)) } : ref;
  const alphabet = o.alphabet !== undefined
    ? decodeOrThrow(Schema.Array(PacketSchema), await readJsonFile(o.alphabet), `${o.alphabet}: packet alphabet`)
    : standard.slice(0, alphabetSize);
  const json: ScrConfigJson = {
    program: savedRef, cores,
    ...(historyLength !== undefined ? { historyLength } : {}),
    ...(spray !== undefined ? { spray } : {}),
    bounds: { alphabet, maxPackets },
  };
  const config = toScrConfig(decodeOrThrow(ScrConfigJson, json, "explore bounds"), program);
  return {
    model: scrModel, config, json, specs: [scrEquivalence, sufficiency], explain: explainScrTrace,
    bounds: `"${program.name}", ${countOf(config.cores, "core")}, H = ${config.historyLength}, ${config.spray}, ${countOf(alphabet.length, "packet")} in the alphabet, up to ${countOf(maxPackets, "packet")}`,
  };
}
