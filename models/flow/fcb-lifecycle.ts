/**
 * The lifecycle of one FCB (MiddleClick §II-D, §II-G), as an XState machine:
 *
 *   free   --ALLOCATE (a packet of a new session, FCB from the pool)------------> active
 *   active --HOLD (another packet of the session) / DONE (a packet released, count stays > 0)--> active
 *   active --IDLE (count reaches 0, timeout not passed: onto the pending list)---> idle
 *   active --RELEASE (count reaches 0, no timeout left)-------------------------> free
 *   idle   --HOLD (a packet of the session before expiry, or revived)-----------> active
 *   idle   --RENEW (lazy deletion: expired, taken by a new session; callbacks, scratchpad reset) --> active
 *   idle   --RELEASE (expired, swept from the pending list; callbacks, out of the tree, to the pool) --> free
 *
 * The model (system.ts) keeps the data; this machine is the lifecycle every FCB must follow. There is no
 * way from `active` to `free` or `renew` except through the count reaching zero: the tests check every
 * step of the explorations against the machine and that they cover each of its transitions.
 */
import { setup } from "xstate";
import { machineTarget } from "../../core/lifecycle.ts";
import { isLive, phaseOf, type Fcb, type FcbPhase } from "./fcb.ts";

export const FCB_LIFECYCLE_EVENTS = ["ALLOCATE", "HOLD", "DONE", "IDLE", "RELEASE", "RENEW"] as const;
export type FcbLifecycleEvent = { type: (typeof FCB_LIFECYCLE_EVENTS)[number] };

export const fcbLifecycle = setup({ types: { events: {} as FcbLifecycleEvent } }).createMachine({
  id: "fcb",
  initial: "free",
  states: {
    free: { on: { ALLOCATE: "active" } },
    active: { on: { HOLD: "active", DONE: "active", IDLE: "idle", RELEASE: "free" } },
    idle: { on: { HOLD: "active", RENEW: "active", RELEASE: "free" } },
  },
});

/** Where the machine goes from `from` on `type` (null: the machine has no such transition). */
export const fcbLifecycleTarget = (from: FcbPhase, type: FcbLifecycleEvent["type"]): FcbPhase | null =>
  machineTarget(fcbLifecycle, from, type) as FcbPhase | null;

/** One FCB's move in a model step, as the machine names it. */
export interface FcbMove {
  readonly fcb: number;
  readonly from: FcbPhase;
  readonly type: FcbLifecycleEvent["type"];
  readonly to: FcbPhase;
}

/**
 * The machine event of each FCB a model step changed: a lifetime that ended is RELEASE (back to the pool)
 * or RENEW (kept, for a session again); a pooled FCB that became live is ALLOCATE; otherwise a count that
 * grew is HOLD, one that fell to zero IDLE, one that fell but stays above zero DONE.
 */
export function fcbMoves(before: { readonly fcbs: readonly Fcb[] }, after: { readonly fcbs: readonly Fcb[] }): FcbMove[] {
  const moves: FcbMove[] = [];
  for (let id = 0; id < after.fcbs.length; id++) {
    const b = before.fcbs[id]!;
    const a = after.fcbs[id]!;
    if (a === b) continue;
    const from = phaseOf(b);
    const to = phaseOf(a);
    let type: FcbLifecycleEvent["type"] | null;
    if (a.lifetimes !== b.lifetimes) type = isLive(a) ? "RENEW" : "RELEASE";
    else if (!isLive(b) && isLive(a)) type = "ALLOCATE";
    else if (a.count > b.count) type = "HOLD";
    else if (a.count < b.count) type = a.count === 0 ? "IDLE" : "DONE";
    else type = null;
    if (type !== null) moves.push({ fcb: id, from, type, to });
  }
  return moves;
}
