/**
 * The MiddleClick flow manager (models/flow/) as a system: a classification tree over source IP and port,
 * a pool of FCBs with use counts, timeouts, lazy deletion, the pending-timeout list and its clean timer,
 * tree pruning and the RSS cache (MiddleClick §II-B..G). Its presets, design boundaries and faults are
 * here; properties/flow-checks.ts adds the explorations and random runs particular to it.
 */
import { describeFlowConfig, FlowConfigJson, toFlowConfig, type FlowConfig } from "../models/flow/config.ts";
import { explainFlowTrace, FlowEventJson } from "../models/flow/entry.ts";
import { flowCost } from "./flow/cost.ts";
import type { FlowFault } from "../models/flow/faults.ts";
import type { FlowState } from "../models/flow/state.ts";
import { flowModel, type FlowEvent } from "../models/flow/system.ts";
import type { Boundary, Fault, System } from "../core/system.ts";
import {
  BOUNDED_RELEASE, FLOW_SPECS, LOOKUP_CORRECTNESS, NO_EARLY_RELEASE, NO_LEAK, NO_STATE_LOSS, NO_USE_AFTER_FREE, POOL_CONSERVATION,
  REFERENCE_SEMANTICS, SESSION_ISOLATION, USE_COUNT_CONSERVATION,
} from "../specs/flow.ts";
import { flowSequence } from "./flow/sequence.ts";

/** All ten properties together. */
export const ALL_PROPERTIES = "all-properties";

/**
 * The small table `nfcheck explore flow` explores by default: 3 sessions (two of them colliding in one
 * bucket), a pool of 2, 2 × 2 buckets, a timeout of 2 s and a clean timer of 4 s (the paper's 15 s scaled
 * with the timeout), ticks of 1 s up to 10 s, 2 packets per session, 2 held at once.
 */
export const SMALL_TABLE: FlowConfigJson = {
  sessions: 3, pool: 2, ipBuckets: 2, buckets: 2, timeout: 2, cleanTimer: 4, threshold: 1, ticks: [1], horizon: 10, packetsPerSession: 2, maxHeld: 2,
};

export const FLOW_BOUNDARIES: readonly Boundary<FlowConfigJson>[] = [
  {
    name: "revive-expired-fcb", config: { ...SMALL_TABLE, expiredSameSession: "revive" }, property: REFERENCE_SEMANTICS, expect: "violation",
    note: "the FastClick reading: a packet that finds its own session's FCB expired but not yet collected keeps the old state, where a map with expiry starts the session afresh",
  },
  {
    name: "revive-with-zero-timeout", config: { ...SMALL_TABLE, expiredSameSession: "revive-zero-timeout" }, property: NO_EARLY_RELEASE, expect: "violation",
    note: "the FastClick code revives the expired FCB with its flags reset, so its timeout is zero: once its count is back at zero, the next sweep frees it, or another session's lazy deletion renews it, before the session's timeout",
  },
  {
    // A session needs three packets to lose its state after a revival: the first, the revived one and one after the sweep.
    name: "revive-keeps-state", config: { ...SMALL_TABLE, sessions: 2, packetsPerSession: 3, horizon: 7, expiredSameSession: "revive" }, property: NO_STATE_LOSS, expect: "pass",
    note: "a revival that keeps the timeout keeps the state too: no packet of a live session finds its state gone (only reference-semantics objects, to the revival itself)",
  },
  {
    name: "revive-with-zero-timeout-loses-state", config: { ...SMALL_TABLE, sessions: 1, packetsPerSession: 3, expiredSameSession: "revive-zero-timeout" }, property: NO_STATE_LOSS, expect: "violation",
    note: "the revived FCB with a zero timeout is freed by the next sweep that finds its count at zero, and the session's next packet, within the timeout, finds a fresh FCB: the state is lost mid-flow",
  },
  {
    name: "over-release-wraps", config: { ...SMALL_TABLE, overRelease: "wrap", fault: "double-decrement" }, property: BOUNDED_RELEASE, expect: "violation",
    note: "the FastClick code's unsigned use count wraps around on a release of more packets than it holds: the FCB is never released (a leak)",
  },
  {
    name: "clean-timer-own-thread", config: { ...SMALL_TABLE, threads: 2, cleanTimerSweeps: "own-thread" }, property: BOUNDED_RELEASE, expect: "violation",
    note: "the FastClick clean timer sweeps only the pending list of its own thread: an FCB pending on another thread whose idle task does not run is never released",
  },
  {
    name: "clean-timer-all-threads", config: { ...SMALL_TABLE, threads: 2, packetsPerSession: 1 }, property: ALL_PROPERTIES, expect: "pass",
    note: "with two threads, each with its own pending list (sessions 0 and 2 on thread 0, session 1 on thread 1), a clean timer that sweeps every list keeps every property",
  },
];

const fault = (name: FlowFault, description: string, kills: string, config: FlowConfigJson): Fault<FlowConfigJson> =>
  ({ name, description, kills, config: { ...config, fault: name } });

/** The mutants of issue 5 (the first seven) and four more, one for each property the seven leave without one. */
export const FLOW_FAULT_TABLE: readonly Fault<FlowConfigJson>[] = [
  fault("release-ignores-timeout", "release when the count reaches zero, ignoring the timeout", NO_EARLY_RELEASE, SMALL_TABLE),
  fault("lazy-without-expiry-check", "lazy deletion renews a colliding FCB without checking that it expired", NO_USE_AFTER_FREE, SMALL_TABLE),
  fault("renew-keeps-scratchpad", "renewal without resetting the scratchpad", SESSION_ISOLATION, SMALL_TABLE),
  fault("release-keeps-tree-entry", "release without removing the FCB from the tree", POOL_CONSERVATION, SMALL_TABLE),
  fault("no-timer-sweep", "the pending list is never swept by the clean timer", BOUNDED_RELEASE, SMALL_TABLE),
  fault("double-decrement", "the count of a held packet's FCB decremented twice", USE_COUNT_CONSERVATION, SMALL_TABLE),
  fault("prune-live-child", "tree pruning removes a parent that still has a live child", POOL_CONSERVATION, SMALL_TABLE),
  // No-leak is judged at the end of a run: a table of 2 sessions with a packet each gets there in fewer steps.
  fault("no-tree-pruning", "empty dynamic nodes are never pruned", NO_LEAK, { ...SMALL_TABLE, sessions: 2, packetsPerSession: 1, horizon: 7 }),
  fault("cache-without-verify", "the RSS cache returns its FCB without verify (Fig. 5 (2))", LOOKUP_CORRECTNESS, { ...SMALL_TABLE, cache: 1 }),
  fault("timeout-from-arrival", "the timeout counted from the last arrival instead of the last release", REFERENCE_SEMANTICS, SMALL_TABLE),
  fault("probe-stops-at-empty", "the port level's probe stops at the first empty slot (linear probing without tombstones)", NO_STATE_LOSS, SMALL_TABLE),
];

const flow: System<FlowState, FlowEvent, FlowConfig, FlowConfigJson> = {
  name: flowModel.name,
  model: flowModel,
  summary: "The MiddleClick flow manager: classification tree, FCB pool, use counts, timeouts, lazy deletion, pending list, clean timer, tree pruning (§II-B..G)",
  configSchema: FlowConfigJson,
  eventSchema: FlowEventJson,
  resolveConfig: async (json) => toFlowConfig(json),
  specs: () => FLOW_SPECS,
  explain: explainFlowTrace,
  describe: describeFlowConfig,
  properties: {
    [NO_USE_AFTER_FREE]: "no FCB is released or renewed while its use count is above zero; a held packet's FCB is the one it got, in the same lifetime, of its own session",
    [NO_EARLY_RELEASE]: "no FCB is released or renewed before its last release + the timeout",
    [POOL_CONSERVATION]: "every FCB is in the pool or in the tree, once; no double free; the release callbacks ran once per ended lifetime",
    [LOOKUP_CORRECTNESS]: "a packet only gets an FCB of its own session, one that verifies (Fig. 5 (2)); no session has two live FCBs",
    [SESSION_ISOLATION]: "a packet never sees another session's scratchpad",
    [BOUNDED_RELEASE]: "an idle FCB (no held packet holds it, whatever its count) is released at most timeout + clean timer after its last packet was released",
    [NO_LEAK]: "at the end no empty dynamic node is left in the tree; once every FCB has been idle for timeout + clean timer, the tree is back to its static shape and the pool full",
    [REFERENCE_SEMANTICS]: "every packet finds in its scratchpad what a map with expiry holds for its session, and no packet of a live session is dropped",
    [NO_STATE_LOSS]: "a packet of a session still live in a map with expiry finds at least that lifetime's packets counted: no state lost mid-flow (a revival that keeps older state passes)",
    [USE_COUNT_CONSERVATION]: "a live FCB's use count equals the number of held packets of its current lifetime",
  },
  groups: { [ALL_PROPERTIES]: "all" },
  faults: FLOW_FAULT_TABLE,
  boundaries: FLOW_BOUNDARIES,
  sequence: flowSequence,
  presets: {
    default: SMALL_TABLE,
    deep: { ...SMALL_TABLE, pool: 3, horizon: 14 },
  },
  flags: [
    { flags: "--packets <n>", description: "packets each session may send (packetsPerSession)", field: "packetsPerSession" },
    { flags: "--held <n>", description: "packets held at once (maxHeld)", field: "maxHeld" },
  ],
  cost: flowCost,
  // Loaded when asked for: the checks import this file's tables.
  checks: async (profile) => (await import("../properties/flow-checks.ts")).flowChecks(profile),
};

export default flow;
