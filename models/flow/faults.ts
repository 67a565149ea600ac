/**
 * Broken variants of the flow manager (the mutants of issue 5), each a config value of the model and each
 * caught by the property that properties/flow-checks.ts names for it.
 */
export const FLOW_FAULTS = [
  /** An FCB is released as soon as its use count reaches zero, whatever its timeout. */
  "release-ignores-timeout",
  /** Lazy deletion renews the colliding FCB without checking that it expired. */
  "lazy-without-expiry-check",
  /** A renewed FCB keeps the scratchpad of its previous session. */
  "renew-keeps-scratchpad",
  /** Release returns the FCB to the pool but leaves it in the tree. */
  "release-keeps-tree-entry",
  /** The clean timer fires but does not sweep the pending-timeout list. */
  "no-timer-sweep",
  /** Releasing a held packet decrements the use count by two. */
  "double-decrement",
  /** Tree pruning removes the parent of a released FCB even when it has other (live) children. */
  "prune-live-child",
  /** Empty dynamic nodes are never pruned. */
  "no-tree-pruning",
  /** The RSS cache (§II-F) returns the cached FCB without `verify` (Fig. 5 (2)). */
  "cache-without-verify",
  /** The timeout counts from the session's last packet arrival, not from its last release. */
  "timeout-from-arrival",
  /**
   * The port level's probe stops at the first empty slot, as linear probing without tombstones does (the
   * FastClick code keeps a tombstone where an FCB was released): a session whose FCB probed past a slot
   * emptied since no longer finds it, and gets a fresh one.
   */
  "probe-stops-at-empty",
] as const;
export type FlowFault = (typeof FLOW_FAULTS)[number];
