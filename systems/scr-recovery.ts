/**
 * SCR loss recovery (models/scr/recovery.ts) as a system: Algorithm 1 of SCR (§3.4, App. B), a sequencer
 * with a lossy link to each of k cores, per-core logs, and the recovery that reads the other cores' logs.
 * Its presets, design boundaries and faults are here; properties/recovery-checks.ts adds the explorations
 * and random runs particular to it.
 */
import { relative, resolve } from "node:path";
import { InputError } from "../core/model.ts";
import { DEADLOCK } from "../core/spec.ts";
import type { Boundary, Fault, System } from "../core/system.ts";
import { resolveProgram } from "../models/scr/entry.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { DEFAULT_RECOVERY_PROGRAM, describeRecoveryConfig, RecoveryConfigJson, RecoveryEventJson, toRecoveryConfig } from "../models/scr/recovery-config.ts";
import { explainRecoveryTrace } from "../models/scr/recovery-entry.ts";
import { recoveryModel, type RecoveryConfig, type RecoveryEvent, type RecoveryFault, type RecoveryState } from "../models/scr/recovery.ts";
import { ATOMICITY, EVENTUAL_CONSISTENCY, NO_LOG_OVERRUN, PER_CORE_ORDER, RECOVERY_SPECS } from "../specs/scr-recovery.ts";
import { recoverySequence } from "./scr-recovery/sequence.ts";

/** Theorem 1's conclusion: the four properties together. */
export const THEOREM_1 = "theorem-1";

/** SPIN's configuration for the mutants, and what `nfcheck explore scr.recovery` explores by default: k = 3, M = 6. */
export const SPIN_CONFIG: RecoveryConfigJson = { cores: 3, packets: 6 };

export const RECOVERY_BOUNDARIES: readonly Boundary<RecoveryConfigJson>[] = [
  {
    name: "no-tail-assumption", config: { cores: 2, packets: 4, tailAssumption: false }, property: DEADLOCK, expect: "violation",
    note: "without Theorem 1's assumption (1) a core that lost a packet waits forever for an entry no other core will write",
  },
  {
    name: "ring-log-without-seq", config: { cores: 2, packets: 4, log: { entries: 2, storesSeq: false } }, property: ATOMICITY, expect: "violation",
    note: "a ring log of 2 entries without sequence numbers, shorter than the lag between the cores: a waiting core takes a stale entry for the one it needs",
  },
  {
    name: "ring-log-with-seq", config: { cores: 2, packets: 4, log: { entries: 2, storesSeq: true } }, property: NO_LOG_OVERRUN, expect: "violation",
    note: "the same log storing sequence numbers: the waiting core sees that the entry it needs was overwritten (detected, not silent)",
  },
  {
    name: "short-history-without-recovery", config: { cores: 3, packets: 4, historyLength: 2, recovery: false }, property: ATOMICITY, expect: "violation",
    note: "N = 2 < k = 3 without loss recovery: each packet misses a history entry even without loss, and the cores diverge",
  },
  {
    name: "short-history-with-recovery", config: { cores: 3, packets: 4, historyLength: 2 }, property: THEOREM_1, expect: "pass",
    note: "N = 2 < k = 3 with loss recovery: the missing entries are recovered from the other cores' logs; every run is atomic and consistent",
  },
  {
    name: "reordering", config: { cores: 2, packets: 6, reorder: true }, property: PER_CORE_ORDER, expect: "violation",
    note: "reordering between sequencer and core (against assumption (3)): line 14 moves max[c] backwards and the core applies a sequence a second time",
  },
  {
    name: "reordering-max-kept", config: { cores: 2, packets: 4, reorder: true, maxUpdate: "max" }, property: EVENTUAL_CONSISTENCY, expect: "violation",
    note: "reordering with line 14 keeping the larger max: order and atomicity hold, but a packet that arrives after a later one counts as lost everywhere although it reached a core",
  },
  {
    name: "v7-pkt-max-before-recovery", config: { cores: 3, packets: 6, lostMark: "max-before-recovery" }, property: THEOREM_1, expect: "pass",
    note: "smartnic/bpf-profile v7 (handle_packet_loss) publishes pkt_max = minseq − 1 before its recovery loop, which runs from the old value: every id of the gap reads LOST at once, which is true (the core never received them), so Theorem 1 still holds",
  },
];

const fault = (name: RecoveryFault, description: string, kills: string, config: RecoveryConfigJson = SPIN_CONFIG): Fault<RecoveryConfigJson> =>
  ({ name, description, kills, config: { ...config, fault: name } });

/** The mutants of Alg. 1, explored on SPIN's configuration for them (k = 3, M = 6). */
export const RECOVERY_FAULT_TABLE: readonly Fault<RecoveryConfigJson>[] = [
  fault("not-init-as-lost", "NOT_INIT treated as LOST (no waiting)", ATOMICITY),
  fault("lost-everywhere-after-one", "recovery concludes \"lost everywhere\" after one LOST", ATOMICITY),
  fault("max-advanced-early", "max[c] advanced before the loop (line 14 before line 5)", EVENTUAL_CONSISTENCY),
  fault("minseq-off-by-one", "minseq = max(1, j − N + 2)", EVENTUAL_CONSISTENCY),
  fault("recovery-out-of-order", "recovery applies the lost history after the packet's own", PER_CORE_ORDER),
  fault("history-not-applied", "history found in another log but not applied", ATOMICITY),
  // A ring with sequence numbers as long as the stream never overruns; one entry short, it does.
  fault("ring-wraps-early", "the ring log's index wraps one entry early (i mod (L − 1))", NO_LOG_OVERRUN, { cores: 2, packets: 4, log: { entries: 4, storesSeq: true } }),
];


const recovery: System<RecoveryState, RecoveryEvent, RecoveryConfig, RecoveryConfigJson> = {
  name: recoveryModel.name,
  model: recoveryModel,
  summary: "SCR loss recovery, Algorithm 1: sequencer with a lossy link to each core, per-core logs (SCR §3.4, App. B)",
  configSchema: RecoveryConfigJson,
  eventSchema: RecoveryEventJson,
  async resolveConfig(json, { baseDir }) {
    return toRecoveryConfig(json, await resolveProgram(json.program ?? { builtin: DEFAULT_RECOVERY_PROGRAM }, [baseDir, process.cwd()]));
  },
  specs: () => RECOVERY_SPECS,
  explain: explainRecoveryTrace,
  describe: describeRecoveryConfig,
  properties: {
    [ATOMICITY]: "at quiescence every sequence i ≤ P (P = min over c of max[c]) is applied by all cores or by none",
    [PER_CORE_ORDER]: "each core applies in increasing sequence order, so each sequence at most once",
    [EVENTUAL_CONSISTENCY]: "at quiescence every core has applied, up to P, the one sequential run the cores owe (each i whose history reached some core, in order), and the program's state is the same as on one core",
    [NO_LOG_OVERRUN]: "a core never finds the log entry it needs overwritten (a ring log with stored sequence numbers)",
  },
  groups: { [THEOREM_1]: "all" },
  faults: RECOVERY_FAULT_TABLE,
  boundaries: RECOVERY_BOUNDARIES,
  sequence: recoverySequence,
  presets: {
    default: SPIN_CONFIG,
    deep: { cores: 3, packets: 10 },
  },
  flags: [
    { flags: "--history <n>", description: "history entries per packet N (historyLength)", field: "historyLength" },
    { flags: "--log <entries>", description: "a ring log of this many entries per core, without sequence numbers (log)", set: (value) => ({ "log.entries": value, "log.storesSeq": false }) },
    { flags: "--log-stores-seq", description: "ring log entries carry their sequence number (log.storesSeq; with --log)", set: () => ({ "log.storesSeq": true }) },
    {
      flags: "--program <name>", description: "the built-in program the consistency check runs (program)",
      set: (value) => {
        const name = String(value);
        if (!SCR_PROGRAMS[name]) throw new InputError(`--program must be a built-in program for scr.recovery (${Object.keys(SCR_PROGRAMS).join(", ")}), got "${name}"`);
        return { program: { builtin: name } };
      },
    },
  ],
  rebase: (json, fromDir, toDir) =>
    (json.program !== undefined && "module" in json.program ? { ...json, program: { module: relative(toDir, resolve(fromDir, json.program.module)) } } : json),
  // Loaded when asked for: the checks import this file's tables.
  checks: async (profile) => (await import("../properties/recovery-checks.ts")).recoveryChecks(profile),
};

export default recovery;
