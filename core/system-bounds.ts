/** The bounds `nfcheck check` and checkSystem (core/check-system.ts) use when none is given. */

/**
 * A million states: a small model of an NF (the NAT example: a few thousand) is far below it, and a
 * model whose state space has no end (a counter without a bound) stops within a minute, reported
 * incomplete, instead of filling the memory; `maxStates` raises it, `maxDepth` bounds the search instead.
 */
export const DEFAULT_SYSTEM_MAX_STATES = 1_000_000;
/** Random walks per check. */
export const DEFAULT_WALKS = 100;
/** Events per random walk, at most: long enough to wrap small pools and timers a few times over. */
export const DEFAULT_WALK_STEPS = 50;
