/** The SCR model's config from JSON (its program resolved), and its trace table for people (the system, with its specs, is systems/scr.ts). */
import { DesignThrew, InputError } from "../../core/model.ts";
import type { Table } from "../../core/registry.ts";
import { describeError } from "../../core/run-trace.ts";
import { formatValue } from "../../core/diff.ts";
import type { ProgramRef, ScrConfigJson } from "./config.ts";
import { loadScrProgram } from "./load-program.ts";
import { MUTANT_PROGRAMS } from "./mutants.ts";
import { formatPacket, ipsOf, type Packet } from "./packet.ts";
import { formatRanges } from "./replica.ts";
import { nameExceptions, type AnyScrProgram } from "./program.ts";
import { SCR_PROGRAMS } from "./programs/index.ts";
import { defaultHistoryLength, scrModel, type ScrConfig, type ScrEvent, type ScrState } from "./system.ts";
import { keptWhileUnchanged, watchInputs } from "./watch-inputs.ts";
import { deepEqual } from "../../core/deep-equal.ts";

type Config = ScrConfig<any, any, any>;
type State = ScrState<any, any, any>;

export async function resolveProgram(ref: ProgramRef, baseDirs: readonly string[]): Promise<AnyScrProgram> {
  if ("module" in ref) return (await loadScrProgram(ref.module, baseDirs)).program;
  const program = SCR_PROGRAMS[ref.builtin] ?? MUTANT_PROGRAMS[ref.builtin];
  if (!program) throw new InputError(`unknown built-in program "${ref.builtin}" (known: ${[...Object.keys(SCR_PROGRAMS), ...Object.keys(MUTANT_PROGRAMS)].join(", ")})`);
  return program;
}

export function toScrConfig(json: ScrConfigJson, program: AnyScrProgram): Config {
  const named = nameExceptions(program);
  let initial: { readonly state: unknown } | null = null;
  return {
    program: json.watchInputs ? watchInputs(named) : named,
    // Kept for every run; where inputs are watched, kept only while unchanged: a program that changes its
    // input would change the state every later run starts from.
    initial: json.watchInputs ? keptWhileUnchanged(() => named.init()) : () => (initial ??= { state: named.init() }).state,
    cores: json.cores,
    historyLength: json.historyLength ?? defaultHistoryLength(json.cores),
    spray: json.spray ?? "round-robin",
    historyAtStart: json.historyAtStart ?? "skip-empty",
    fault: json.fault ?? null,
    ...(json.bounds ? { bounds: json.bounds } : {}),
  };
}

/** The program, noting which fields of a packet its calls read (a Proxy over the packet). */
function noteReads(program: AnyScrProgram, read: Set<string>): AnyScrProgram {
  const watched = (p: Packet) => new Proxy(p, {
    get(target, key, receiver) {
      if (typeof key === "string") read.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { ...program, extract: (p) => program.extract(watched(p)), process: (s, p, env) => program.process(s, watched(p), env) };
}

/** Fields of a packet shown in columns of their own when the program read them: the packet column has the rest. */
const OWN_COLUMNS = [["ts", "ts (ns)"], ["seq", "seq"], ["ack", "ack"]] as const;

/**
 * One row per packet: the packet (its header says which fields the program read), its timestamp, sequence
 * and acknowledgement numbers when the program read them, f(p), the core it went to, which history entries
 * that core applied, and the two verdicts.
 */
export function explainScrTrace(config: Config, events: readonly ScrEvent[]): Table {
  const read = new Set<string>();
  const noted: Config = { ...config, program: noteReads(config.program, read) };
  const rows: { cells: string[]; own: Packet }[] = [];
  let state: State = scrModel.init(noted);
  let threw: string[] | null = null;
  for (const event of events) {
    try {
      state = scrModel.step(state, event, noted);
    } catch (e) {
      threw = [String(state.sequencer.nextSeq), formatPacket(event.packet), `threw: ${e instanceof DesignThrew ? e.message : describeError(e)}`];
      rows.push({ cells: threw, own: event.packet });
      break;
    }
    const last = state.last!;
    const applied = last.applied.length === 0 ? "—" : last.applied.map((s) => `#${s}`).join(" ");
    const missed = last.missed.length === 0 ? "" : ` (missed ${formatRanges(last.missed)})`;
    const own = last.verdicts.filter((v) => v.seq === last.seq).map((v) => formatValue(v.verdict));
    const extra = last.verdicts.length - own.length;
    const stateOk = deepEqual(state.replicas[last.core]!.state, state.reference) ? "same" : "DIFFERS";
    rows.push({
      cells: [
        String(last.seq), formatPacket(last.packet), formatValue(last.meta, { number: ipsOf(last.packet) }), String(last.core), applied + missed,
        own.join(", ") + (extra > 0 ? ` (+${extra} for history)` : ""), formatValue(last.expected), stateOk,
      ],
      own: last.packet,
    });
  }
  const shown = OWN_COLUMNS.filter(([field]) => read.has(field));
  const fields = [...read].filter((f) => f in (events[0]?.packet ?? {})).join(", ");
  const columns = ["packet #", `packet${fields === "" ? "" : ` (the program reads ${fields})`}`, ...shown.map(([, title]) => title), "f(p)", "core", "history entries applied", "verdict", "expected verdict", "core state"];
  return {
    columns,
    rows: rows.map(({ cells, own }) => [cells[0]!, cells[1]!, ...shown.map(([field]) => String(own[field])), ...cells.slice(2)]),
  };
}
