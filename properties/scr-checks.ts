/**
 * The checks of an SCR program (the design checker, ARCHITECTURE §4), the SCR mutants, and the small
 * exhaustive explorations. `nfcheck verify`, `nfcheck scr`, `nfcheck mutants` and `npm test` all run
 * these same lists.
 *
 * Order of a design's checks: its calls must leave their inputs alone and be deterministic before
 * sufficiency means anything, and sufficiency is the local reason for equivalence, which is checked last,
 * for every number of cores.
 */
import { randomCheck, exploreCheck, type Check, type MutantCheck } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import type { Fault } from "../core/system.ts";
import type { Spec } from "../core/spec.ts";
import { programLabel, type ProgramRef, type ScrConfigJson } from "../models/scr/config.ts";
import { explainScrTrace, resolveProgram, toScrConfig } from "../models/scr/entry.ts";
import type { Packet } from "../models/scr/packet.ts";
import type { AnyScrProgram } from "../models/scr/program.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { scrModel, type ScrEvent } from "../models/scr/system.ts";
import { determinism, NO_INPUT_MUTATION, scrEquivalence, sufficiency, SCR_EQUIVALENCE } from "../specs/scr.ts";
import { scrCoverage } from "./scr-coverage.ts";
import { scrShrink } from "./scr-shrink.ts";
import { scrTraffic, type ExtraValues } from "./traffic.ts";
import { SCR_FAULT_TABLE, scrExploreAlphabet } from "../systems/scr.ts";

// The explorations' alphabet lives with the system (its presets draw from it); bench/run.ts imports it from here.
export { scrExploreAlphabet };

type ScrSpec = Spec<any, ScrEvent, any>;
const SPECS: Readonly<Record<string, ScrSpec>> = {
  [SCR_EQUIVALENCE]: scrEquivalence,
  [sufficiency.name]: sufficiency,
  [determinism.name]: determinism,
};

export const CORE_COUNTS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

const toEvents = (packets: readonly Packet[]): ScrEvent[] => packets.map((packet) => ({ type: "packet", packet }));

/** What reaches a user's program: the constants of its module in the traffic's pools, and sequences found to do something (properties/scr-discovery.ts). */
export interface ScrTraffic {
  readonly extra?: ExtraValues;
  readonly corpus?: readonly (readonly Packet[])[];
}

function scrRandomCheck(
  id: string, json: ScrConfigJson, program: AnyScrProgram, property: string, expect: "pass" | "violation" = "pass", runs?: (p: Profile) => number, traffic: ScrTraffic = {},
): Check {
  const { extra, corpus } = traffic;
  return randomCheck({
    id, model: scrModel, configJson: json, config: toScrConfig(json, program), property,
    specs: SPECS[property] ? [SPECS[property]] : [],
    arbitrary: (profile) => scrTraffic({ maxPackets: profile.maxEvents, ...(extra ? { extra } : {}) }).map(toEvents),
    ...(corpus && corpus.length > 0 ? { examples: (profile: Profile) => corpus.map((c) => toEvents(c.slice(0, profile.maxEvents))) } : {}),
    expect, explain: explainScrTrace, ...(runs ? { runs } : {}),
    shrink: scrShrink(program),
    ...(expect === "pass" ? { coverage: scrCoverage } : {}),
  });
}

/**
 * Watching every call for mutation costs a canonical copy of the state per call; a program that writes
 * through its input does so on the first packets it sees, so a quarter of the profile's runs suffices.
 */
const inputWatchRuns = (p: Profile) => Math.ceil(p.runs / 4);

/** The design checker's checks for one program, in the order they run. */
export function scrDesignChecks(ref: ProgramRef, program: AnyScrProgram, cores: readonly number[] = CORE_COUNTS, traffic: ScrTraffic = {}): Check[] {
  const label = programLabel(ref);
  const single: ScrConfigJson = { program: ref, cores: 1 };
  return [
    scrRandomCheck(`scr/${NO_INPUT_MUTATION}/${label}`, { ...single, watchInputs: true }, program, NO_INPUT_MUTATION, "pass", inputWatchRuns, traffic),
    scrRandomCheck(`scr/determinism/${label}`, single, program, determinism.name, "pass", undefined, traffic),
    scrRandomCheck(`scr/sufficiency/${label}`, single, program, sufficiency.name, "pass", undefined, traffic),
    ...cores.map((k) => scrRandomCheck(`scr/${SCR_EQUIVALENCE}/${label}/k=${k}`, { program: ref, cores: k }, program, SCR_EQUIVALENCE, "pass", undefined, traffic)),
  ];
}

export function builtinProgramChecks(): Check[] {
  return Object.entries(SCR_PROGRAMS).flatMap(([name, program]) => scrDesignChecks({ builtin: name }, program));
}

/** A fault of SCR (systems/scr.ts): random runs of its config, which must break the property it names. */
export async function scrFaultCheck(m: Fault<ScrConfigJson>): Promise<Check> {
  return scrRandomCheck(`scr/mutant/${m.name}`, m.config, await resolveProgram(m.config.program, []), m.kills, "violation");
}


/**
 * Exhaustive runs over small packet alphabets: every sequence of up to `maxPackets` packets on 3 cores.
 * Port knocking with the three knock ports, a wrong port, a second source and a UDP packet; the
 * connection tracker with a handshake, its close and the packets of both directions in any order.
 */
export function scrExploreChecks(): Check[] {
  const alphabet = scrExploreAlphabet();
  const cases: [string, Packet[], number][] = [["port-knocking", alphabet.slice(0, 6), 10], ["conntrack", alphabet.slice(6, 10), 8]];
  return cases.map(([name, letters, maxPackets]) => {
    const json: ScrConfigJson = { program: { builtin: name }, cores: 3, bounds: { alphabet: letters, maxPackets } };
    return exploreCheck({
      id: `scr/scr-equivalence/${name}/k=3/explore`, model: scrModel, configJson: json,
      config: toScrConfig(json, SCR_PROGRAMS[name]!), property: SCR_EQUIVALENCE, specs: [scrEquivalence, sufficiency], explain: explainScrTrace,
    });
  });
}

/** What `nfcheck verify` runs for SCR besides its faults (core/system-checks.ts): every built-in program, and explorations. */
export const scrChecks = (): Check[] => [...builtinProgramChecks(), ...scrExploreChecks()];
