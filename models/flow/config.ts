/**
 * The flow-table model's config as it is written in a counterexample file, with its defaults.
 *
 * Sessions are numbered 0..sessions−1. Session i is the packets of source IP ⌊i / portsPerIp⌋ and source
 * port 2·i: with the default two ports per IP the two sessions of one IP hash to the same bucket of a
 * port table of 2 buckets (2·i mod 2 = 0), so that lookups collide and lazy deletion has work to do.
 *
 * Time is in seconds, an integer, advanced only by `tick(dt)` events with dt from `ticks`. The defaults
 * are the paper's: a 15 s clean timer (MiddleClick §II-G; the FastClick code uses 5 s), the pending-list
 * threshold of the code (64). Small explorations pass smaller numbers.
 *
 * The readings of the FastClick code (github.com/tbarbette/fastclick) where it departs from the paper are
 * config values, each a reference bug the specs catch (counterexamples/reference-bugs/):
 * - `expiredSameSession: "revive-zero-timeout"` (elements/ctx/ctxmanager.hh, check_fcb_still_valid);
 * - `overRelease: "wrap"` (include/click/flow/common.hh, FlowControlBlock::release);
 * - `threads` > 1 with `cleanTimerSweeps: "own-thread"` (elements/ctx/ctxmanager.cc, run_timer;
 *   lib/flow.cc, check_release on `old_flows.get()`, the calling thread's list).
 */
import { Schema } from "effect";
import { field, optionalField } from "../../core/config-field.ts";
import { FLOW_FAULTS, type FlowFault } from "./faults.ts";

const Positive = (max: number) => Schema.Int.pipe(Schema.between(1, max));
const NonNegative = (max: number) => Schema.Int.pipe(Schema.between(0, max));

/**
 * What a packet does when it finds its own session's FCB expired but not yet collected (§II-G does not
 * say). "renew" (ours, the default): the FCB is released — callbacks run, scratchpad reset — and renewed
 * for the same session, exactly as a map with expiry would start the session afresh. "revive" (the
 * FastClick code, `check_fcb_still_valid`): the packet keeps using the old state. "revive-zero-timeout":
 * revive as the code really does (FastClick elements/ctx/ctxmanager.hh, check_fcb_still_valid: `flags =
 * FLOW_TIMEOUT | FLOW_TIMEOUT_INLIST`): the flags that held the timeout are reset, so the FCB's timeout is
 * zero and it stays on the pending list; the next sweep that finds its count at 0 frees it
 * (`timeoutPassed` is true for a zero timeout), and the session's next packet, within the timeout, finds
 * a fresh FCB: the state is lost mid-flow (the no-state-loss spec).
 */
export const EXPIRED_SAME_SESSION = ["renew", "revive", "revive-zero-timeout"] as const;
export type ExpiredSameSession = (typeof EXPIRED_SAME_SESSION)[number];

/**
 * What the use count does when more packets are released than it counts (the design never does: only a
 * broken element can, e.g. one that releases a packet's reference twice — the `double-decrement` fault).
 * "clamp" (ours, the default): it stays at zero. "wrap" (FastClick include/click/flow/common.hh,
 * FlowControlBlock::release): `use_count` is an `unsigned`; a negative release only logs (click_chatter,
 * and only without NDEBUG) and the count wraps around modulo 2^32, so it never comes back to zero and the
 * FCB is never released (a leak); 2^32 − 1 more packets would bring it back.
 */
export const OVER_RELEASE = ["clamp", "wrap"] as const;
export type OverRelease = (typeof OVER_RELEASE)[number];

/** The modulus of the code's unsigned 32-bit use count (overRelease "wrap"). */
export const USE_COUNT_MODULUS = 2 ** 32;

/**
 * Which pending lists the clean timer sweeps when there are several threads (each thread keeps its own
 * list: FastClick lib/flow.cc, `old_flows` is per-thread). "all-threads" (ours, the default, and what
 * §II-G's bound needs): every thread's list. "own-thread" (the FastClick code, elements/ctx/ctxmanager.cc
 * run_timer → lib/flow.cc check_release, which sweeps `old_flows.get()`): only the list of the thread the
 * timer runs on, thread 0; another thread's list is swept only by that thread's own idle task or after
 * one of its batches.
 */
export const CLEAN_TIMER_SWEEPS = ["all-threads", "own-thread"] as const;
export type CleanTimerSweeps = (typeof CLEAN_TIMER_SWEEPS)[number];

export const MAX_THREADS = 64;

export const MAX_SESSIONS = 1_000_000;
export const MAX_TIME = 1_000_000_000;

export const FLOW_DEFAULTS = {
  portsPerIp: 2, ipBuckets: 2, buckets: 2, cache: 0, timeout: 2, cleanTimer: 15, threshold: 64,
  ticks: [1], horizon: null, packetsPerSession: null, maxHeld: 2, expiredSameSession: "renew",
  overRelease: "clamp", threads: 1, cleanTimerSweeps: "all-threads",
} as const;

export const FlowConfigJson = Schema.Struct({
  sessions: field(Positive(MAX_SESSIONS), "sessions, numbered 0..sessions−1: session i sends from source IP ⌊i / portsPerIp⌋, source port 2·i"),
  portsPerIp: optionalField(Positive(1 << 16), "sessions per source IP (the IP level's fan-out)", FLOW_DEFAULTS.portsPerIp),
  pool: field(Positive(1 << 20), "FCBs in the pool"),
  ipBuckets: optionalField(Positive(1 << 20), "slots of the IP level's hash table (dynamic level 1)", FLOW_DEFAULTS.ipBuckets),
  buckets: optionalField(Positive(1 << 16), "slots of each per-IP port table (dynamic level 2)", FLOW_DEFAULTS.buckets),
  cache: optionalField(NonNegative(1 << 20), "entries of the RSS-hash cache of §II-F (0: no cache, every packet descends the tree)", FLOW_DEFAULTS.cache),
  timeout: optionalField(NonNegative(MAX_TIME), "the FCB timeout after its use count reaches zero, in s", FLOW_DEFAULTS.timeout),
  cleanTimer: optionalField(Positive(MAX_TIME), "period of the clean timer that sweeps the pending-timeout list, in s", FLOW_DEFAULTS.cleanTimer),
  threshold: optionalField(Positive(1 << 16), "initial length of the pending list above which a batch ends with a sweep", FLOW_DEFAULTS.threshold),
  ticks: optionalField(Schema.NullOr(Schema.NonEmptyArray(Positive(MAX_TIME))), "the sizes a tick may have, in s; null: any size (random runs)", FLOW_DEFAULTS.ticks),
  horizon: optionalField(Schema.NullOr(NonNegative(MAX_TIME)), "time ends here, in s; null: no end (random runs)", FLOW_DEFAULTS.horizon),
  packetsPerSession: optionalField(Schema.NullOr(NonNegative(1 << 30)), "packets each session may send; null: any number", FLOW_DEFAULTS.packetsPerSession),
  maxHeld: optionalField(Positive(1 << 16), "packets held (being processed) at once", FLOW_DEFAULTS.maxHeld),
  expiredSameSession: optionalField(
    Schema.Literal(...EXPIRED_SAME_SESSION),
    "an expired, uncollected FCB met by its own session is renewed (renew), revived (revive, the FastClick code) or revived with a zero timeout (revive-zero-timeout)",
    FLOW_DEFAULTS.expiredSameSession,
  ),
  overRelease: optionalField(
    Schema.Literal(...OVER_RELEASE),
    "a release of more packets than the use count holds leaves it at zero (clamp) or wraps the unsigned count around modulo 2^32 (wrap, the FastClick code)",
    FLOW_DEFAULTS.overRelease,
  ),
  threads: optionalField(Positive(MAX_THREADS), "threads, each with its own pending-timeout list; session i is steered to thread i mod threads (RSS)", FLOW_DEFAULTS.threads),
  cleanTimerSweeps: optionalField(
    Schema.Literal(...CLEAN_TIMER_SWEEPS),
    "the clean timer sweeps every thread's pending list (all-threads) or only thread 0's, the one it runs on (own-thread, the FastClick code)",
    FLOW_DEFAULTS.cleanTimerSweeps,
  ),
  fault: optionalField(Schema.Literal(...FLOW_FAULTS), "a broken variant of the flow manager (a mutant; absent: the design)"),
});
export type FlowConfigJson = Schema.Schema.Type<typeof FlowConfigJson>;

export interface FlowConfig {
  readonly sessions: number;
  readonly portsPerIp: number;
  readonly pool: number;
  readonly ipBuckets: number;
  readonly buckets: number;
  readonly cache: number;
  readonly timeout: number;
  readonly cleanTimer: number;
  readonly threshold: number;
  readonly ticks: readonly number[] | null;
  readonly horizon: number | null;
  readonly packetsPerSession: number | null;
  readonly maxHeld: number;
  readonly expiredSameSession: ExpiredSameSession;
  readonly overRelease: OverRelease;
  readonly threads: number;
  readonly cleanTimerSweeps: CleanTimerSweeps;
  readonly fault: FlowFault | null;
}

/** The pending list's threshold never grows past this (the code doubles it without bound; a model needs a finite state). */
export const MAX_THRESHOLD = 1 << 16;

export function toFlowConfig(json: FlowConfigJson): FlowConfig {
  return {
    sessions: json.sessions,
    portsPerIp: json.portsPerIp ?? FLOW_DEFAULTS.portsPerIp,
    pool: json.pool,
    ipBuckets: json.ipBuckets ?? FLOW_DEFAULTS.ipBuckets,
    buckets: json.buckets ?? FLOW_DEFAULTS.buckets,
    cache: json.cache ?? FLOW_DEFAULTS.cache,
    timeout: json.timeout ?? FLOW_DEFAULTS.timeout,
    cleanTimer: json.cleanTimer ?? FLOW_DEFAULTS.cleanTimer,
    threshold: json.threshold ?? FLOW_DEFAULTS.threshold,
    ticks: json.ticks === undefined ? FLOW_DEFAULTS.ticks : json.ticks,
    horizon: json.horizon === undefined ? FLOW_DEFAULTS.horizon : json.horizon,
    packetsPerSession: json.packetsPerSession === undefined ? FLOW_DEFAULTS.packetsPerSession : json.packetsPerSession,
    maxHeld: json.maxHeld ?? FLOW_DEFAULTS.maxHeld,
    expiredSameSession: json.expiredSameSession ?? FLOW_DEFAULTS.expiredSameSession,
    overRelease: json.overRelease ?? FLOW_DEFAULTS.overRelease,
    threads: json.threads ?? FLOW_DEFAULTS.threads,
    cleanTimerSweeps: json.cleanTimerSweeps ?? FLOW_DEFAULTS.cleanTimerSweeps,
    fault: json.fault ?? null,
  };
}

/** The fields of session i's packets. */
export interface SessionFields {
  readonly ip: number;
  readonly port: number;
}

/** The thread RSS steers session i's packets to (and whose pending list its FCB goes on). */
export const threadOf = (c: Pick<FlowConfig, "threads">, session: number): number => session % c.threads;

export const sessionFields = (c: Pick<FlowConfig, "portsPerIp">, session: number): SessionFields =>
  ({ ip: Math.floor(session / c.portsPerIp), port: 2 * session });

/** "3 sessions (2 per IP), pool 2, 2 IP buckets × 2 port buckets, timeout 2 s, clean timer 15 s, …". */
export function describeFlowConfig(c: FlowConfig): string {
  const parts = [
    `${c.sessions} session${c.sessions === 1 ? "" : "s"} (${c.portsPerIp} per IP)`, `pool ${c.pool}`,
    `${c.ipBuckets} IP buckets × ${c.buckets} port buckets`, `timeout ${c.timeout} s`, `clean timer ${c.cleanTimer} s`,
    `threshold ${c.threshold}`, c.ticks === null ? "ticks of any size" : `ticks of ${c.ticks.join("/")} s`,
  ];
  if (c.horizon !== null) parts.push(`horizon ${c.horizon} s`);
  if (c.packetsPerSession !== null) parts.push(`${c.packetsPerSession} packet${c.packetsPerSession === 1 ? "" : "s"} per session`);
  parts.push(`≤ ${c.maxHeld} held`);
  if (c.cache > 0) parts.push(`RSS cache of ${c.cache}`);
  if (c.expiredSameSession !== "renew") parts.push(`expired FCB of the same session: ${c.expiredSameSession}`);
  if (c.overRelease !== "clamp") parts.push(`over-release: ${c.overRelease}`);
  if (c.threads > 1) parts.push(`${c.threads} threads, the clean timer sweeping ${c.cleanTimerSweeps === "all-threads" ? "every thread's list" : "thread 0's list only"}`);
  if (c.fault !== null) parts.push(`fault ${c.fault}`);
  return parts.join(", ");
}
