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
import { getNextSnapshot, setup } from "xstate";
import type { FcbPhase } from "./fcb.ts";

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
export function fcbLifecycleTarget(from: FcbPhase, type: FcbLifecycleEvent["type"]): FcbPhase | null {
  const snapshot = fcbLifecycle.resolveState({ value: from, context: {} });
  if (!snapshot.can({ type })) return null;
  return String(getNextSnapshot(fcbLifecycle, snapshot, { type }).value) as FcbPhase;
}
