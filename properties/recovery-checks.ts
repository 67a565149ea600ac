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
import { removeChunks, type Reducer } from "../core/shrink.ts";
import { randomCheck, type Check } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import { DEADLOCK, type Spec } from "../core/spec.ts";
import { DEFAULT_RECOVERY_PROGRAM, toRecoveryConfig, type RecoveryConfigJson } from "../models/scr/recovery-config.ts";
import { explainRecoveryTrace } from "../models/scr/recovery-entry.ts";
import { recoveryModel, type RecoveryConfig, type RecoveryEvent, type RecoveryState } from "../models/scr/recovery.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import {
  ATOMICITY, atomicity, EVENTUAL_CONSISTENCY, eventualConsistency, NO_LOG_OVERRUN, noLogOverrun, PER_CORE_ORDER, perCoreOrder, RECOVERY_SPECS,
} from "../specs/scr-recovery.ts";
import recovery, { RECOVERY_BOUNDARIES, RECOVERY_FAULT_TABLE, THEOREM_1 } from "../systems/scr-recovery.ts";
import { recoveryRuns } from "./recovery-runs.ts";

type RecoverySpec = Spec<RecoveryState, RecoveryEvent, RecoveryConfig>;

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

/** An exploration of `json` for `property`, as every system's explorations are (core/system-checks.ts). */
const recoveryExplore = (id: string, json: RecoveryConfigJson, property: string, expect: "pass" | "violation" = "pass", note?: string): Check =>
  systemExploreCheck(recovery, id, json, property, expect, note);

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



/** What `nfcheck verify` runs for SCR loss recovery besides its boundaries and faults (core/system-checks.ts). */
export const recoveryChecks = (profile?: Profile): Check[] => [...recoveryTheoremChecks(profile), ...recoveryRandomChecks()];

/**
 * Random runs find a mutant too: not-init-as-lost on 4 cores, streams of up to 1 000 packets that may end
 * at any time, shrunk to a few packets (properties/recovery.test.ts; the bench sets the shrunk trace
 * beside the shortest, bench/shrinking.ts).
 */
export function recoveryRandomMutantCheck(): Check {
  const json = { cores: 4, packets: 1_000, streamEnd: "any-time", fault: "not-init-as-lost" } as const;
  const config = toRecoveryConfig(json, SCR_PROGRAMS["port-knocking"]!);
  return randomCheck({
    id: "scr.recovery/mutant/not-init-as-lost/random", model: recoveryModel, configJson: json, config, property: ATOMICITY,
    specs: [atomicity], expect: "violation", arbitrary: () => recoveryRuns(config), polish: () => [dropRounds(config.cores), removeChunks<RecoveryEvent>()],
  });
}

/**
 * Polish for SCR loss recovery's runs: k consecutive packets dropped at once — their sends, losses and
 * receives — and every later packet renumbered k lower, so that it is still sprayed to the same core
 * ((j − 1) mod k, §3.3) and the sequencer still sends in order. The cores' steps and reads are left in
 * place; those the shorter stream no longer allows are skipped (core/random.ts). Rounds are tried from the
 * first: losses and the violation they cause sit after them.
 */
export function dropRounds(k: number): Reducer<RecoveryEvent> {
  return function* (events) {
    const last = events.reduce((m, e) => ("seq" in e ? Math.max(m, e.seq) : m), 0);
    for (let first = 1; first + k - 1 <= last; first += k) {
      const out: RecoveryEvent[] = [];
      for (const e of events) {
        if (!("seq" in e) || e.seq < first) out.push(e);
        else if (e.seq >= first + k) out.push({ ...e, seq: e.seq - k });
      }
      yield out;
    }
  };
}
