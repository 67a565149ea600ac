/**
 * The checks of the MiddleClick flow manager (models/flow/), as `nfcheck verify`, `nfcheck mutants` and
 * `npm test` run them:
 * - exhaustive: every ordering of packets, releases, ticks, timer firings and idle sweeps of small tables
 *   (3 sessions, two of them colliding in one bucket, a pool of 2, 2 × 2 buckets, a few seconds), with
 *   and without the RSS cache — every property at once;
 * - random runs at scale (thousands of sessions, skewed arrivals, bursts, long idle gaps) and on a tight
 *   table (pool exhaustion, full buckets, cache collisions);
 * - design boundaries: the readings of an expired FCB met again by its own session, the code's wrapping
 *   use count, and its clean timer that sweeps only its own thread's pending list;
 * - the mutants, each killed by the property it names.
 * Small explorations scale the clean timer down with the timeout (2 s and 4 s): what matters to the
 * rules is their order, and the bound timeout + timer is checked the same way.
 */
import { removeChunks } from "../core/shrink.ts";
import { randomCheck, type Check } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import type { Spec } from "../core/spec.ts";
import { toFlowConfig, type FlowConfigJson } from "../models/flow/config.ts";
import { explainFlowTrace } from "../models/flow/entry.ts";
import type { FlowFault } from "../models/flow/faults.ts";
import type { FlowState } from "../models/flow/state.ts";
import { flowModel, type FlowEvent } from "../models/flow/system.ts";
import type { FlowConfig } from "../models/flow/config.ts";
import { BOUNDED_RELEASE, FLOW_PROPERTIES, FLOW_SPECS, LOOKUP_CORRECTNESS, NO_USE_AFTER_FREE } from "../specs/flow.ts";
import flow, { ALL_PROPERTIES, FLOW_BOUNDARIES, FLOW_FAULT_TABLE, SMALL_TABLE } from "../systems/flow.ts";
import { flowRuns } from "./flow-runs.ts";

type FlowSpec = Spec<FlowState, FlowEvent, FlowConfig>;

export function specsOf(property: string): readonly FlowSpec[] {
  if (property === ALL_PROPERTIES) return FLOW_SPECS;
  if (!(FLOW_PROPERTIES as readonly string[]).includes(property)) throw new Error(`no flow property "${property}"`);
  return FLOW_SPECS.filter((s) => s.name === property);
}

/** An exploration of `json` for `property`, as every system's explorations are (core/system-checks.ts). */
const flowExplore = (id: string, json: FlowConfigJson, property: string, expect: "pass" | "violation" = "pass", note?: string): Check =>
  systemExploreCheck(flow, id, json, property, expect, note);

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
      ["deep/sessions-3/pool-2/threads-2", { ...SMALL_TABLE, threads: 2 }],
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
    // The driver adds what the plan does not say (fair delivery to the end, waits): cut the events too.
    polish: () => [removeChunks<FlowEvent>()],
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



/** Mutants random runs find too (properties/flow.test.ts; bench/shrinking.ts sets their shrunk traces beside the shortest). */
export const FLOW_RANDOM_MUTANTS: readonly (readonly [FlowFault, string])[] = [
  ["no-timer-sweep", BOUNDED_RELEASE], ["double-decrement", NO_USE_AFTER_FREE], ["cache-without-verify", LOOKUP_CORRECTNESS],
];

/** A random check of a mutant at scale (the tests show random runs find them too). */
export function flowRandomMutantCheck(fault: FlowFault, kills: string, table = "tight"): Check {
  const json = RANDOM_TABLES.find(([name]) => name === table)![1];
  return flowRandom(`random-mutant/${fault}/${table}`, { ...json, fault }, kills, "violation");
}

/** What `nfcheck verify` runs for the flow table besides its boundaries and faults (core/system-checks.ts). */
export const flowChecks = (profile?: Profile): Check[] => [...flowExploreChecks(profile), ...flowRandomChecks()];
