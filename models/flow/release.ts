/**
 * FCB release (MiddleClick §II-G): the use count, the timeout, the pending-timeout list with its
 * threshold and exponential back-off, the sweep (`check_release` in the FastClick code), and the release
 * itself: the callback chain, out of the tree, tree pruning, back to the pool.
 */
import { MAX_THRESHOLD, type FlowConfig } from "./config.ts";
import { FRESH_SCRATCHPAD, isExpired, POOLED_FCB } from "./fcb.ts";
import { own, setFcb, type Draft, type FlowState } from "./state.ts";
import { prune, removeFromTree } from "./tree.ts";

const offList = (d: Draft, id: number): void => {
  if (!d.fcbs[id]!.inList) return;
  d.pending = d.pending.filter((x) => x !== id);
  setFcb(d, id, { inList: false });
};

/** The end of a lifetime (release or renewal): "an optional chain of user-defined functions is called to clean up any FCB state". */
export function endLifetime(d: Draft, id: number): void {
  offList(d, id);
  const f = d.fcbs[id]!;
  setFcb(d, id, { callbacks: f.callbacks + 1, lifetimes: f.lifetimes + 1 });
}

/** "The FCB is returned to the pool but removed from the tree", then the tree is pruned. */
export function releaseFcb(d: Draft, c: FlowConfig, id: number): void {
  endLifetime(d, id);
  const f = d.fcbs[id]!;
  if (c.fault !== "release-keeps-tree-entry") removeFromTree(d, id);
  if (f.parent !== null) prune(d, f.parent, c.fault === "no-tree-pruning" ? "never" : c.fault === "prune-live-child" ? "live-child" : "empty");
  own(d, "fcbs")[id] = { ...POOLED_FCB, port: f.port, lifetimes: f.lifetimes, callbacks: f.callbacks, scratch: f.scratch };
  own(d, "free").push(id);
}

/**
 * Takes an FCB from the pool for `session` (its scratchpad set to its initial value, the timeout the
 * VNFs declared). Null when the pool is empty: the packet is dropped, never given a live FCB.
 */
export function allocate(d: Draft, c: FlowConfig, session: number, parent: number, port: number): number | null {
  const id = d.free.length > 0 ? own(d, "free").pop() : undefined;
  if (id === undefined) return null;
  setFcb(d, id, { session, parent, port, count: 0, lastRelease: d.now, timeout: c.timeout, inList: false, scratch: FRESH_SCRATCHPAD });
  return id;
}

/**
 * The release of `n` packets: count −= n; at zero, if the timeout has not passed the FCB goes on the
 * pending list (once); otherwise it is released now.
 */
export function releasePackets(d: Draft, c: FlowConfig, id: number, n: number): void {
  const f = d.fcbs[id]!;
  const count = Math.max(0, f.count - (c.fault === "double-decrement" ? 2 * n : n));
  setFcb(d, id, { count });
  if (count > 0) return;
  if (c.fault !== "timeout-from-arrival") setFcb(d, id, { lastRelease: d.now });
  if (c.fault === "release-ignores-timeout" || isExpired(d.fcbs[id]!, d.now)) {
    releaseFcb(d, c, id);
    return;
  }
  if (!d.fcbs[id]!.inList) {
    d.pending.push(id);
    setFcb(d, id, { inList: true });
  }
}

/** Would a sweep change anything? (Some FCB on the list is in use again, or expired.) */
export const sweepUseful = (s: Pick<FlowState, "pending" | "fcbs" | "now">): boolean =>
  s.pending.some((id) => s.fcbs[id]!.count > 0 || isExpired(s.fcbs[id]!, s.now));

/**
 * The sweep of the pending list: an FCB in use again leaves the list; an expired one is released; the
 * others stay.
 */
export function sweep(d: Draft, c: FlowConfig): void {
  for (const id of [...d.pending]) {
    const f = d.fcbs[id]!;
    if (f.count > 0) offList(d, id);
    else if (isExpired(f, d.now)) releaseFcb(d, c, id);
  }
}

/**
 * After a batch: "the length of the list of pending timeouts exceeds a threshold. As growth of the list
 * is normal, the threshold is set using exponential back-off" — the code halves it when the sweep left
 * fewer than threshold/8, and doubles it otherwise.
 */
export function afterBatch(d: Draft, c: FlowConfig): void {
  if (d.pending.length <= d.threshold) return;
  sweep(d, c);
  d.threshold = d.pending.length < d.threshold / 8 ? Math.max(1, Math.floor(d.threshold / 2)) : Math.min(MAX_THRESHOLD, d.threshold * 2);
}
