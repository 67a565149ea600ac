/**
 * `nfcheck explore <model>`: every state within the given bounds, breadth first, so a violation found is a
 * shortest one; otherwise "no violation within the bound", with states, transitions, depth and speed.
 */
import { relative, resolve } from "node:path";
import { Schema } from "effect";
import { makeCounterexample } from "../../core/counterexample.ts";
import { explore } from "../../core/explore.ts";
import { InputError } from "../../core/model.ts";
import { formatCount, formatDuration, Progress } from "../../core/report.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { readJsonFile, saveCounterexample } from "../../core/store.ts";
import { ScrConfigJson, type ProgramRef } from "../../models/scr/config.ts";
import { explainScrTrace, resolveProgram, toScrConfig } from "../../models/scr/entry.ts";
import { PacketSchema } from "../../models/scr/packet.ts";
import { SCR_PROGRAMS } from "../../models/scr/programs/index.ts";
import { SPRAY_POLICIES, type SprayPolicy } from "../../models/scr/spray.ts";
import { scrModel } from "../../models/scr/system.ts";
import { scrEquivalence, sufficiency } from "../../specs/scr.ts";
import { scrExploreAlphabet } from "../../properties/scr-checks.ts";
import { EXIT_OK, EXIT_VIOLATION, formatTrace, indent, say, shown } from "../output.ts";
import { parsePositiveInt } from "./prove.ts";

export interface ExploreOptions {
  readonly model: string;
  readonly program?: string;
  readonly cores?: string;
  readonly packets?: string;
  readonly alphabetSize?: string;
  readonly alphabet?: string;
  readonly history?: string;
  readonly spray?: string;
  readonly maxStates?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly full?: boolean;
}

const MODELS = ["scr"] as const;


export async function exploreCommand(o: ExploreOptions, context: (text: string) => void = () => {}): Promise<number> {
  if (!(MODELS as readonly string[]).includes(o.model)) throw new InputError(`explore: no model "${o.model}" (known: ${MODELS.join(", ")})`);
  const outDir = resolve(o.out ?? "counterexamples/found");
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
  const bounds = `${config.cores} cores, H = ${config.historyLength}, ${config.spray}, ${alphabet.length} packets in the alphabet, up to ${json.bounds!.maxPackets} packets`;
  if (!o.json) say(`nfcheck explore scr: "${program.name}", ${bounds}`);
  context(`exploring ${bounds}`);
  const progress = o.json ? null : new Progress("explore");
  const result = explore({
    model: scrModel, config, specs: [scrEquivalence, sufficiency],
    ...(o.maxStates !== undefined ? { maxStates: parsePositiveInt(o.maxStates, "--max-states") } : {}),
    ...(progress ? { onProgress: (p: { states: number; depth: number; frontier: number }) => progress.update(`${formatCount(p.states)} states, depth ${p.depth}, frontier ${formatCount(p.frontier)}`) } : {}),
  });
  progress?.done();
  const stats = { states: result.states, transitions: result.transitions, depth: result.depth, timeMs: Math.round(result.timeMs), statesPerSecond: Math.round(result.statesPerSecond) };
  let saved: string | undefined;
  if (result.status === "violation") {
    saved = await saveCounterexample(outDir, makeCounterexample({ model: scrModel.name, config: json, violation: result.violation, events: result.events, found: "explore" }));
  }
  if (o.json) {
    say(JSON.stringify({ model: "scr", bounds: json, status: result.status, ...stats, ...(result.status === "violation" ? { violation: result.violation, saved } : {}), ...(result.status === "incomplete" ? { reason: result.reason } : {}) }, null, 2));
  } else {
    say(`${formatCount(stats.states)} states, ${formatCount(stats.transitions)} transitions, depth ${stats.depth}, ${formatDuration(result.timeMs)}, ${formatCount(stats.statesPerSecond)} states/s`);
    if (result.status === "pass") say("no violation within the bound");
    if (result.status === "incomplete") say(`INCOMPLETE: ${result.reason}; no verdict`);
    if (result.status === "violation") {
      say(`${result.violation.property} violated after ${result.events.length} events (a shortest counterexample): ${result.violation.message}`);
      say(indent(formatTrace(explainScrTrace(config, result.events), o.full ?? false)));
      say(`saved ${shown(saved!)} — replay it with: nfcheck replay ${shown(saved!)}`);
    }
  }
  return result.status === "pass" ? EXIT_OK : EXIT_VIOLATION;
}
