/**
 * The checks of the MiddleClick flow manager (models/flow/), as `nfcheck verify`, `nfcheck mutants` and
 * `npm test` run them:
 * - exhaustive: every ordering of packets, releases, ticks, timer firings and idle sweeps of small tables
 *   (3 sessions, two of them colliding in one bucket, a pool of 2, 2 × 2 buckets, a few seconds), with
 *   and without the RSS cache — every property at once;
 * - random runs at scale (thousands of sessions, skewed arrivals, bursts, long idle gaps) and on a tight
 *   table (pool exhaustion, full buckets, cache collisions);
 * - design boundaries: the two readings of an expired FCB met again by its own session;
 * - the mutants, each killed by the property it names.
 * Small explorations scale the clean timer down with the timeout (2 s and 4 s): what matters to the
 * rules is their order, and the bound timeout + timer is checked the same way.
 */
import { exploreCheck, randomCheck, type Check, type MutantCheck } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import type { Spec } from "../core/spec.ts";
import { toFlowConfig, type FlowConfigJson } from "../models/flow/config.ts";
import { explainFlowTrace } from "../models/flow/entry.ts";
import type { FlowFault } from "../models/flow/faults.ts";
import type { FlowState } from "../models/flow/state.ts";
import { flowModel, type FlowEvent } from "../models/flow/system.ts";
import type { FlowConfig } from "../models/flow/config.ts";
import {
  BOUNDED_RELEASE, FLOW_PROPERTIES, FLOW_SPECS, LOOKUP_CORRECTNESS, NO_EARLY_RELEASE, NO_LEAK, NO_USE_AFTER_FREE, POOL_CONSERVATION,
  REFERENCE_SEMANTICS, SESSION_ISOLATION,
} from "../specs/flow.ts";
import { flowRuns } from "./flow-runs.ts";

type FlowSpec = Spec<FlowState, FlowEvent, FlowConfig>;

/** All eight properties together. */
export const ALL_PROPERTIES = "all-properties";

export function specsOf(property: string): readonly FlowSpec[] {
  if (property === ALL_PROPERTIES) return FLOW_SPECS;
  if (!(FLOW_PROPERTIES as readonly string[]).includes(property)) throw new Error(`no flow property "${property}"`);
  return FLOW_SPECS.filter((s) => s.name === property);
}

/** The small table `nfcheck explore flow` explores by default. */
export const SMALL_TABLE: FlowConfigJson = {
  sessions: 3, pool: 2, ipBuckets: 2, buckets: 2, timeout: 2, cleanTimer: 4, threshold: 1, ticks: [1], horizon: 10, packetsPerSession: 2, maxHeld: 2,
};

function flowExplore(id: string, json: FlowConfigJson, property: string, expect: "pass" | "violation" = "pass", note?: string): Check {
  return exploreCheck({
    id: `flow/${id}`, model: flowModel, configJson: json, config: toFlowConfig(json), property, specs: specsOf(property),
    expect, explain: explainFlowTrace, ...(note !== undefined ? { note } : {}),
  });
}

export function flowExploreConfigs(profile?: Profile): [string, FlowConfigJson][] {
  const configs: [string, FlowConfigJson][] = [
    ["sessions-3/pool-2", SMALL_TABLE],
    ["sessions-3/pool-2/cache-1", { ...SMALL_TABLE, cache: 1, horizon: 8 }],
    ["sessions-2/pool-3/timer-3", { ...SMALL_TABLE, sessions: 2, pool: 3, cleanTimer: 3, packetsPerSession: 3, horizon: 8 }],
  ];
  if (profile?.name === "deep") {
    configs.push(
      ["deep/sessions-3/pool-3/horizon-14", { ...SMALL_TABLE, pool: 3, horizon: 14 }],
      ["deep/sessions-4/pool-2/cache-2", { ...SMALL_TABLE, sessions: 4, cache: 2, horizon: 9, packetsPerSession: 1 }],
    );
  }
  return configs;
}

export function flowExploreChecks(profile?: Profile): Check[] {
  return flowExploreConfigs(profile).map(([name, json]) => flowExplore(`${name}/${ALL_PROPERTIES}/explore`, json, ALL_PROPERTIES));
}

/** Random-run tables: [name, config, runs in the default profile]. */
export const RANDOM_TABLES: readonly [string, FlowConfigJson][] = [
  ["scale", { sessions: 5_000, portsPerIp: 4, pool: 1_024, ipBuckets: 2_048, buckets: 4, timeout: 2, cleanTimer: 15, threshold: 64, maxHeld: 32, ticks: null, horizon: null, packetsPerSession: null }],
  ["tight", { sessions: 40, portsPerIp: 4, pool: 8, ipBuckets: 8, buckets: 2, cache: 4, timeout: 2, cleanTimer: 5, threshold: 2, maxHeld: 4, ticks: null, horizon: null, packetsPerSession: null }],
];

/**
 * Runs of the scale table (each is thousands of events over a table of 5 000 sessions, about 0.25 s in
 * the default profile and 1 s in the deep one, whose plans are four times longer).
 */
export const SCALE_RUNS = 25;
export const DEEP_SCALE_RUNS = 200;

function flowRandom(id: string, json: FlowConfigJson, property: string, expect: "pass" | "violation" = "pass", runs?: (p: Profile) => number): Check {
  const config = toFlowConfig(json);
  return randomCheck({
    id: `flow/${id}`, model: flowModel, configJson: json, config, property, specs: specsOf(property), expect, explain: explainFlowTrace,
    arbitrary: (profile) => flowRuns(config, profile.maxEvents),
    ...(runs ? { runs } : {}),
  });
}

/** `scaleRuns`: runs of the scale table in the default profile (the test suite runs fewer than verify). */
export function flowRandomChecks(o: { readonly scaleRuns?: number } = {}): Check[] {
  const scaleRuns = o.scaleRuns ?? SCALE_RUNS;
  return RANDOM_TABLES.map(([name, json]) => flowRandom(`${name}/${ALL_PROPERTIES}/random`, json, ALL_PROPERTIES,
    "pass", name === "scale" ? (p) => (p.name === "deep" ? DEEP_SCALE_RUNS : scaleRuns) : undefined));
}

/** A design boundary: a configuration, the property it breaks, and why. */
export interface FlowBoundary {
  readonly name: string;
  readonly config: FlowConfigJson;
  readonly property: string;
  readonly expect: "pass" | "violation";
  readonly note: string;
}

export const FLOW_BOUNDARIES: readonly FlowBoundary[] = [
  {
    name: "revive-expired-fcb", config: { ...SMALL_TABLE, expiredSameSession: "revive" }, property: REFERENCE_SEMANTICS, expect: "violation",
    note: "the FastClick reading: a packet that finds its own session's FCB expired but not yet collected keeps the old state, where a map with expiry starts the session afresh",
  },
  {
    name: "revive-with-zero-timeout", config: { ...SMALL_TABLE, expiredSameSession: "revive-zero-timeout" }, property: NO_EARLY_RELEASE, expect: "violation",
    note: "the FastClick code revives the expired FCB with its flags reset, so its timeout is zero: it is released the moment its count next reaches zero, before the session's timeout",
  },
];

export function flowBoundaryChecks(): Check[] {
  return FLOW_BOUNDARIES.map((b) => flowExplore(`boundary/${b.name}/explore`, b.config, b.property, b.expect, b.note));
}

/** The mutants of issue 5 (the first seven) and three more, one for each property the seven leave without one. */
export const FLOW_MUTANTS: readonly { readonly fault: FlowFault; readonly description: string; readonly kills: string; readonly config: FlowConfigJson }[] = [
  { fault: "release-ignores-timeout", description: "release when the count reaches zero, ignoring the timeout", kills: NO_EARLY_RELEASE, config: SMALL_TABLE },
  { fault: "lazy-without-expiry-check", description: "lazy deletion renews a colliding FCB without checking that it expired", kills: NO_USE_AFTER_FREE, config: SMALL_TABLE },
  { fault: "renew-keeps-scratchpad", description: "renewal without resetting the scratchpad", kills: SESSION_ISOLATION, config: SMALL_TABLE },
  { fault: "release-keeps-tree-entry", description: "release without removing the FCB from the tree", kills: POOL_CONSERVATION, config: SMALL_TABLE },
  { fault: "no-timer-sweep", description: "the pending list is never swept by the clean timer", kills: BOUNDED_RELEASE, config: SMALL_TABLE },
  { fault: "double-decrement", description: "the count of a held packet's FCB decremented twice", kills: NO_USE_AFTER_FREE, config: SMALL_TABLE },
  { fault: "prune-live-child", description: "tree pruning removes a parent that still has a live child", kills: POOL_CONSERVATION, config: SMALL_TABLE },
  // No-leak is judged at the end of a run: a table of 2 sessions with a packet each gets there in fewer steps.
  { fault: "no-tree-pruning", description: "empty dynamic nodes are never pruned", kills: NO_LEAK, config: { ...SMALL_TABLE, sessions: 2, packetsPerSession: 1, horizon: 7 } },
  { fault: "cache-without-verify", description: "the RSS cache returns its FCB without verify (Fig. 5 (2))", kills: LOOKUP_CORRECTNESS, config: { ...SMALL_TABLE, cache: 1 } },
  { fault: "timeout-from-arrival", description: "the timeout counted from the last arrival instead of the last release", kills: REFERENCE_SEMANTICS, config: SMALL_TABLE },
];

export function flowMutantChecks(): MutantCheck[] {
  return FLOW_MUTANTS.map((m) => ({
    ...flowExplore(`mutant/${m.fault}`, { ...m.config, fault: m.fault }, m.kills, "violation"),
    mutant: m.fault,
    description: m.description,
  }));
}

/** A random check of a mutant at scale (the tests show random runs find them too). */
export function flowRandomMutantCheck(fault: FlowFault, kills: string, table = "tight"): Check {
  const json = RANDOM_TABLES.find(([name]) => name === table)![1];
  return flowRandom(`random-mutant/${fault}/${table}`, { ...json, fault }, kills, "violation");
}
