/**
 * The checks of SCR loss recovery (models/scr/recovery.ts), as `nfcheck verify`, `nfcheck mutants` and
 * `npm test` run them:
 * - Theorem 1 exhaustively: every interleaving and every loss pattern for k = 2, 3 and M = 4..8, with the
 *   paper's assumptions (tail assumption, unbounded log, no reordering): atomicity, per-core order,
 *   eventual consistency, no deadlock.
 * - the same four properties by random runs over larger systems: k = 2, 4, 8, up to the profile's number
 *   of packets, loss rates 0.01 %–10 % in bursts, any interleaving the schedule draws;
 * - the design boundaries, each a shortest counterexample found by the explorer: without the tail
 *   assumption a core waits forever; a ring log without sequence numbers breaks atomicity (with them the
 *   overrun is detected); N < k without recovery diverges (and with recovery holds); reordering;
 * - the mutants of Alg. 1, each killed by the property it names.
 */
import { exploreCheck, randomCheck, type Check, type MutantCheck } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { DEADLOCK, type Spec } from "../core/spec.ts";
import { DEFAULT_RECOVERY_PROGRAM, toRecoveryConfig, type RecoveryConfigJson } from "../models/scr/recovery-config.ts";
import { explainRecoveryTrace } from "../models/scr/recovery-entry.ts";
import { recoveryModel, type RecoveryConfig, type RecoveryEvent, type RecoveryFault, type RecoveryState } from "../models/scr/recovery.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import {
  ATOMICITY, atomicity, EVENTUAL_CONSISTENCY, eventualConsistency, NO_LOG_OVERRUN, noLogOverrun, PER_CORE_ORDER, perCoreOrder, RECOVERY_SPECS,
} from "../specs/scr-recovery.ts";
import { recoveryRuns } from "./recovery-runs.ts";

type RecoverySpec = Spec<RecoveryState, RecoveryEvent, RecoveryConfig>;

/** Theorem 1's conclusion: the four properties together. */
export const THEOREM_1 = "theorem-1";

const SPEC_OF: Readonly<Record<string, readonly RecoverySpec[]>> = {
  [THEOREM_1]: RECOVERY_SPECS,
  [ATOMICITY]: [atomicity],
  [PER_CORE_ORDER]: [perCoreOrder],
  [EVENTUAL_CONSISTENCY]: [eventualConsistency],
  [NO_LOG_OVERRUN]: [noLogOverrun],
  // The deadlock check is built into every run; no spec is needed for it.
  [DEADLOCK]: [],
};

const config = (json: RecoveryConfigJson) => toRecoveryConfig(json, SCR_PROGRAMS[DEFAULT_RECOVERY_PROGRAM]!);
const label = (json: RecoveryConfigJson) => `k=${json.cores}/M=${json.packets}`;

function recoveryExplore(id: string, json: RecoveryConfigJson, property: string, expect: "pass" | "violation" = "pass", note?: string): Check {
  return exploreCheck({
    id: `scr.recovery/${id}`, model: recoveryModel, configJson: json, config: config(json), property, specs: SPEC_OF[property]!,
    expect, explain: explainRecoveryTrace, ...(note !== undefined ? { note } : {}),
  });
}

/**
 * Theorem 1 for every interleaving and loss pattern, k = 2, 3 and M = 4..8; the deep profile adds
 * k = 2 up to M = 12, k = 3 up to M = 10 and k = 4 up to M = 8 (tens of seconds each).
 */
export function recoveryTheoremChecks(profile?: Profile): Check[] {
  const sizes: [number, number][] = [2, 3].flatMap((cores) => [4, 5, 6, 7, 8].map((packets): [number, number] => [cores, packets]));
  if (profile?.name === "deep") sizes.push([2, 10], [2, 12], [3, 9], [3, 10], [4, 6], [4, 7], [4, 8]);
  return sizes.map(([cores, packets]) => recoveryExplore(`${THEOREM_1}/${label({ cores, packets })}/explore`, { cores, packets }, THEOREM_1));
}

/** The largest stream random runs may use; the profile's `maxEvents` sets the one a run draws from. */
export const RANDOM_MAX_PACKETS = 5_000;

function recoveryRandom(id: string, json: RecoveryConfigJson, property: string, expect: "pass" | "violation" = "pass"): Check {
  const c = config(json);
  return randomCheck({
    id: `scr.recovery/${id}`, model: recoveryModel, configJson: json, config: c, property, specs: SPEC_OF[property]!, expect,
    explain: explainRecoveryTrace, arbitrary: (profile: Profile) => recoveryRuns(c, profile.maxEvents),
  });
}

export const RANDOM_CORES = [2, 4, 8] as const;

/** Each of the four properties by random runs on k = 2, 4, 8 cores. */
export function recoveryRandomChecks(): Check[] {
  return [ATOMICITY, PER_CORE_ORDER, EVENTUAL_CONSISTENCY, DEADLOCK].flatMap((property) =>
    RANDOM_CORES.map((cores) => recoveryRandom(`${property}/k=${cores}/random`, { cores, packets: RANDOM_MAX_PACKETS, streamEnd: "any-time" }, property)),
  );
}

/** A design boundary: a configuration, the property it breaks (or keeps), and why. */
export interface Boundary {
  readonly name: string;
  readonly config: RecoveryConfigJson;
  readonly property: string;
  readonly expect: "pass" | "violation";
  readonly note: string;
}

export const RECOVERY_BOUNDARIES: readonly Boundary[] = [
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
];

export function recoveryBoundaryChecks(): Check[] {
  return RECOVERY_BOUNDARIES.map((b) => recoveryExplore(`boundary/${b.name}/${label(b.config)}/explore`, b.config, b.property, b.expect, b.note));
}

/** The mutants of Alg. 1, explored on SPIN's configuration for them (k = 3, M = 6). */
export const RECOVERY_MUTANTS: readonly { readonly fault: RecoveryFault; readonly description: string; readonly kills: string }[] = [
  { fault: "not-init-as-lost", description: "NOT_INIT treated as LOST (no waiting)", kills: ATOMICITY },
  { fault: "lost-everywhere-after-one", description: "recovery concludes \"lost everywhere\" after one LOST", kills: ATOMICITY },
  { fault: "max-advanced-early", description: "max[c] advanced before the loop (line 14 before line 5)", kills: EVENTUAL_CONSISTENCY },
  { fault: "minseq-off-by-one", description: "minseq = max(1, j − N + 2)", kills: EVENTUAL_CONSISTENCY },
  { fault: "recovery-out-of-order", description: "recovery applies the lost history after the packet's own", kills: PER_CORE_ORDER },
  { fault: "history-not-applied", description: "history found in another log but not applied", kills: ATOMICITY },
];

export function recoveryMutantChecks(): MutantCheck[] {
  return RECOVERY_MUTANTS.map((m) => ({
    ...recoveryExplore(`mutant/${m.fault}`, { cores: 3, packets: 6, fault: m.fault }, m.kills, "violation"),
    mutant: m.fault,
    description: m.description,
  }));
}
