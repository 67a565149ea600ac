/**
 * SCR without loss (models/scr/system.ts) as a system: a sequencer that stamps each packet with the
 * history of the last H packets' metadata, sprayed over k replica cores that fast-forward through the
 * history before processing their own packet (SCR §3.2–3.3), against one core running every packet. Its
 * presets and faults are here; properties/scr-checks.ts adds the design checker's random runs and the
 * explorations particular to it.
 */
import { relative, resolve } from "node:path";
import { Schema } from "effect";
import { InputError } from "../core/model.ts";
import { countOf } from "../core/report.ts";
import { decodeOrThrow } from "../core/schema-errors.ts";
import { readJsonFile } from "../core/store.ts";
import { scrCost } from "./scr/cost.ts";
import type { Fault, System } from "../core/system.ts";
import { ScrConfigJson, ScrEventJson } from "../models/scr/config.ts";
import { explainScrTrace, resolveProgram, toScrConfig } from "../models/scr/entry.ts";
import { MUTANT_PROGRAMS, SCR_MUTANTS } from "../models/scr/mutants.ts";
import { ETH_P_IPV4, IPPROTO_TCP, IPPROTO_UDP, PacketSchema, TCP_ACK, TCP_FIN, TCP_SYN, type Packet } from "../models/scr/packet.ts";
import { PORT_1, PORT_2, PORT_3 } from "../models/scr/port-knocking-machine.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { scrModel, type ScrConfig, type ScrEvent, type ScrState } from "../models/scr/system.ts";
import { IP_POOL } from "../properties/traffic.ts";
import { determinism, NO_INPUT_MUTATION, SCR_EQUIVALENCE, scrEquivalence, sufficiency, SUFFICIENCY, DETERMINISM } from "../specs/scr.ts";
import { scrSequence } from "./scr/sequence.ts";

type Config = ScrConfig<any, any, any>;
type State = ScrState<any, any, any>;

const tcp = (srcIp: number, dstPort: number, tcpFlags = TCP_SYN, seq = 0, ack = 0): Packet => ({
  l3: ETH_P_IPV4, proto: IPPROTO_TCP, srcIp, dstIp: IP_POOL[3], srcPort: 40_000, dstPort, tcpFlags, seq, ack, length: 64, ts: 0,
});

/**
 * The packets `nfcheck explore scr` draws from, most telling first: knocks from one source, a wrong port,
 * a second source, a UDP packet, then a TCP handshake and its close in both directions.
 */
export function scrExploreAlphabet(): Packet[] {
  const [a, b] = [IP_POOL[0], IP_POOL[1]];
  const back = (p: Packet): Packet => ({ ...p, srcIp: p.dstIp, dstIp: p.srcIp, srcPort: p.dstPort, dstPort: p.srcPort });
  return [
    tcp(a, PORT_1), tcp(a, PORT_2), tcp(a, PORT_3), tcp(a, 7), tcp(b, PORT_1), { ...tcp(b, PORT_2), proto: IPPROTO_UDP },
    tcp(b, 80, TCP_SYN, 1_000), back(tcp(b, 80, TCP_SYN | TCP_ACK, 5_000, 1_001)), tcp(b, 80, TCP_ACK, 1_001, 5_001), tcp(b, 80, TCP_FIN | TCP_ACK, 1_001, 5_001),
  ];
}

/** What `nfcheck explore scr` explores by default: port knocking on 3 cores, the alphabet's first 4 packets, up to 5 of them. */
export const SMALL_SCR: ScrConfigJson = { program: { builtin: "port-knocking" }, cores: 3, bounds: { alphabet: scrExploreAlphabet().slice(0, 4), maxPackets: 5 } };

/** The SCR mutants (models/scr/mutants.ts), checked by random runs: their configs bound no exploration. */
export const SCR_FAULT_TABLE: readonly Fault<ScrConfigJson>[] = SCR_MUTANTS.map((m) => ({ name: m.name, description: m.description, config: m.config, kills: m.kills }));

const isBuiltin = (name: string) => SCR_PROGRAMS[name] !== undefined || MUTANT_PROGRAMS[name] !== undefined;

/** An integer as typed, as a number; anything else as typed, for the schema to name. */
const int = (value: string | boolean): unknown => (typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value);

const scr: System<State, ScrEvent, Config, ScrConfigJson> = {
  name: scrModel.name,
  model: scrModel,
  summary: "SCR sequencer and k replica cores, no loss (SCR §3.2–3.3)",
  configSchema: ScrConfigJson,
  eventSchema: ScrEventJson,
  async resolveConfig(json, { baseDir }) {
    return toScrConfig(json, await resolveProgram(json.program, [baseDir, process.cwd()]));
  },
  specs: () => [scrEquivalence, sufficiency, determinism],
  stepProperties: [NO_INPUT_MUTATION],
  explain: explainScrTrace,
  describe: (config) => {
    const b = config.bounds;
    return [
      `"${config.program.name}"`, countOf(config.cores, "core"), `H = ${config.historyLength}`, config.spray,
      ...(b ? [`${countOf(b.alphabet.length, "packet")} in the alphabet`, `up to ${countOf(b.maxPackets, "packet")}`] : ["no bound on the packets"]),
      ...(config.historyAtStart !== "skip-empty" ? [`history at start: ${config.historyAtStart}`] : []),
      ...(config.fault !== null ? [`fault ${config.fault}`] : []),
    ].join(", ");
  },
  properties: {
    [SCR_EQUIVALENCE]: "every packet gets one verdict, from the core it was sprayed to, equal to that of one core running process on all packets in order; and that core's state then equals the single core's",
    [SUFFICIENCY]: "f(p) carries everything the state update needs: fastForward(s, extract(p)) equals process(s, p).state for every reachable s",
    [DETERMINISM]: "the same state and packet give the same result every time",
    [NO_INPUT_MUTATION]: "a program never changes the state or packet it is given",
  },
  faults: SCR_FAULT_TABLE,
  // Loaded when asked for: the checks import this file's alphabet.
  faultCheck: async (f) => (await import("../properties/scr-checks.ts")).scrFaultCheck(f),
  boundaries: [],
  sequence: scrSequence,
  presets: { default: SMALL_SCR },
  flags: [
    {
      flags: "--program <name|module>", description: `a built-in program (${Object.keys(SCR_PROGRAMS).join(", ")}) or a module (program)`,
      set: (value) => {
        const name = String(value);
        if (name === "") throw new InputError(`--program must be a built-in program (${Object.keys(SCR_PROGRAMS).join(", ")}) or a module, got ""`);
        return { program: isBuiltin(name) ? { builtin: name } : { module: name } };
      },
    },
    { flags: "--packets <n>", description: "longest packet sequence (bounds.maxPackets)", field: "bounds.maxPackets" },
    { flags: "--history <n>", description: "history rows H (historyLength; default k − 1)", field: "historyLength" },
    {
      flags: "--alphabet-size <n>", description: `how many packets of the standard alphabet (of ${scrExploreAlphabet().length}) may arrive (bounds.alphabet)`,
      set: (value) => {
        const standard = scrExploreAlphabet();
        const n = int(value);
        if (typeof n !== "number" || n < 1 || n > standard.length) throw new InputError(`--alphabet-size must be an integer from 1 to ${standard.length}, got "${String(value)}"`);
        return { "bounds.alphabet": standard.slice(0, n) };
      },
    },
    {
      flags: "--alphabet <file>", description: "a JSON array of packets instead of the standard alphabet (bounds.alphabet)",
      set: async (value, cwd) => {
        const file = String(value);
        return { "bounds.alphabet": decodeOrThrow(Schema.Array(PacketSchema), await readJsonFile(resolve(cwd, file)), `${file}: packet alphabet`) };
      },
    },
  ],
  rebase: (json, fromDir, toDir) =>
    ("module" in json.program ? { ...json, program: { module: relative(toDir, resolve(fromDir, json.program.module)) } } : json),
  cost: scrCost,
  checks: async () => (await import("../properties/scr-checks.ts")).scrChecks(),
};

export default scr;
