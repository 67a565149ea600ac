/**
 * FCB release (MiddleClick §II-G): the use count, the timeout, the pending-timeout list with its
 * threshold and exponential back-off, the sweep (`check_release` in the FastClick code), and the release
 * itself: the callback chain, out of the tree, tree pruning, back to the pool.
 *
 * Threads (config `threads`): each thread has its own pending list (FastClick lib/flow.cc, the per-thread
 * `old_flows`); an FCB goes on the list of its session's thread. They are kept as one list, `pending`, in
 * which thread t's list is the FCBs of thread t's sessions, in order. A sweep covers one thread's list or
 * all of them; with one thread both are the one list. One threshold serves every list (the code keeps one
 * per list; the back-off is not what threads are modelled for).
 */
import { MAX_THRESHOLD, threadOf, type FlowConfig } from "./config.ts";
import { FRESH_SCRATCHPAD, isExpired, POOLED_FCB } from "./fcb.ts";
import { own, setFcb, type Draft, type FlowState } from "./state.ts";
import { prune, removeFromTree } from "./tree.ts";
import { countAfterRelease } from "./use-count.ts";

/** The pending lists a sweep covers: one thread's, or every thread's. */
export type SweepScope = number | "all";

/** Is FCB `id` (on the pending list, so live) on a list `scope` covers? */
const inScope = (s: Pick<FlowState, "fcbs">, c: FlowConfig, id: number, scope: SweepScope): boolean =>
  scope === "all" || threadOf(c, s.fcbs[id]!.session!) === scope;

/** The length of the pending lists `scope` covers. */
const pendingLength = (s: Pick<FlowState, "fcbs" | "pending">, c: FlowConfig, scope: SweepScope): number =>
  scope === "all" || c.threads === 1 ? s.pending.length : s.pending.filter((id) => inScope(s, c, id, scope)).length;

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
 * The release of `n` packets (FastClick include/click/flow/common.hh, FlowControlBlock::release): count −= n
 * (an over-release as the config's `overRelease` says); at zero, an FCB already on the pending list stays
 * there for the sweep to judge (the code tests FLOW_TIMEOUT_INLIST before the timeout: this matters only
 * for an FCB whose timeout is zero, as a revived one's is); otherwise, if the timeout has not passed the
 * FCB goes on its thread's pending list; if it has, it is released now.
 *
 * `lastRelease` is when a packet of it was last released (the timeout counts from there once the count is
 * zero; the specs read it for an FCB no packet holds).
 */
export function releasePackets(d: Draft, c: FlowConfig, id: number, n: number): void {
  const f = d.fcbs[id]!;
  const count = countAfterRelease(c, f.count, c.fault === "double-decrement" ? 2 * n : n);
  setFcb(d, id, { count, ...(c.fault !== "timeout-from-arrival" ? { lastRelease: d.now } : {}) });
  if (count > 0) return;
  if (c.fault === "release-ignores-timeout") {
    releaseFcb(d, c, id);
    return;
  }
  if (d.fcbs[id]!.inList) return;
  if (isExpired(d.fcbs[id]!, d.now)) {
    releaseFcb(d, c, id);
    return;
  }
  d.pending.push(id);
  setFcb(d, id, { inList: true });
}

/** Would a sweep of `scope`'s lists change anything? (Some FCB on them is in use again, or expired.) */
export const sweepUseful = (s: Pick<FlowState, "pending" | "fcbs" | "now">, c: FlowConfig, scope: SweepScope): boolean =>
  s.pending.some((id) => inScope(s, c, id, scope) && (s.fcbs[id]!.count > 0 || isExpired(s.fcbs[id]!, s.now)));

/**
 * The sweep of the pending lists `scope` covers: an FCB in use again leaves its list; an expired one is
 * released; the others stay.
 */
export function sweep(d: Draft, c: FlowConfig, scope: SweepScope): void {
  for (const id of [...d.pending]) {
    if (!inScope(d, c, id, scope)) continue;
    const f = d.fcbs[id]!;
    if (f.count > 0) offList(d, id);
    else if (isExpired(f, d.now)) releaseFcb(d, c, id);
  }
}

/**
 * After a batch of thread `thread`'s packets (FastClick ctxmanager.hh, check_release_flows, on the thread
 * that processed it): "the length of the list of pending timeouts exceeds a threshold. As growth of the
 * list is normal, the threshold is set using exponential back-off" — the code halves it when the sweep
 * left fewer than threshold/8, and doubles it otherwise.
 */
export function afterBatch(d: Draft, c: FlowConfig, thread: number): void {
  if (pendingLength(d, c, thread) <= d.threshold) return;
  sweep(d, c, thread);
  d.threshold = pendingLength(d, c, thread) < d.threshold / 8 ? Math.max(1, Math.floor(d.threshold / 2)) : Math.min(MAX_THRESHOLD, d.threshold * 2);
}
