/** `nfcheck explore scr`: every packet sequence over a small alphabet, through sequencer and replicas. */
import { relative, resolve } from "node:path";
import { Schema } from "effect";
import { InputError } from "../../core/model.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { readJsonFile } from "../../core/store.ts";
import { ScrConfigJson, type ProgramRef } from "../../models/scr/config.ts";
import { explainScrTrace, resolveProgram, toScrConfig } from "../../models/scr/entry.ts";
import { PacketSchema } from "../../models/scr/packet.ts";
import { SCR_PROGRAMS } from "../../models/scr/programs/index.ts";
import { SPRAY_POLICIES, type SprayPolicy } from "../../models/scr/spray.ts";
import { scrModel } from "../../models/scr/system.ts";
import { scrEquivalence, sufficiency } from "../../specs/scr.ts";
import { scrExploreAlphabet } from "../../properties/scr-checks.ts";
import { parsePositiveInt } from "./prove.ts";
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
  const name = o.program ?? "port-knocking";
  const ref: ProgramRef = SCR_PROGRAMS[name] ? { builtin: name } : { module: name };
  const program = await resolveProgram(ref, [process.cwd()]);
  const savedRef: ProgramRef = "module" in ref ? { module: relative(outDir, resolve(ref.module)) } : ref;
  const standard = scrExploreAlphabet();
  const alphabet = o.alphabet !== undefined
    ? decodeOrThrow(Schema.Array(PacketSchema), await readJsonFile(o.alphabet), `${o.alphabet}: packet alphabet`)
    : standard.slice(0, o.alphabetSize !== undefined ? Math.min(parsePositiveInt(o.alphabetSize, "--alphabet-size"), standard.length) : 4);
  const cores = o.cores !== undefined ? parsePositiveInt(o.cores, "--cores") : 3;
  if (o.spray !== undefined && !(SPRAY_POLICIES as readonly string[]).includes(o.spray)) throw new InputError(`--spray must be one of ${SPRAY_POLICIES.join(", ")}`);
  const json: ScrConfigJson = {
    program: savedRef, cores,
    ...(o.history !== undefined ? { historyLength: o.history.trim() === "0" ? 0 : parsePositiveInt(o.history, "--history") } : {}),
    ...(o.spray !== undefined ? { spray: o.spray as SprayPolicy } : {}),
    bounds: { alphabet, maxPackets: o.packets !== undefined ? parsePositiveInt(o.packets, "--packets") : 5 },
  };
  const config = toScrConfig(decodeOrThrow(ScrConfigJson, json, "explore bounds"), program);
  return {
    model: scrModel, config, json, specs: [scrEquivalence, sufficiency], explain: explainScrTrace,
    bounds: `"${program.name}", ${config.cores} cores, H = ${config.historyLength}, ${config.spray}, ${alphabet.length} packets in the alphabet, up to ${json.bounds!.maxPackets} packets`,
  };
}
