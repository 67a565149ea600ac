/**
 * The control states of one core in Alg. 1 (SCR App. B), as an XState machine:
 *
 *   idle --RECEIVE (lines 3–5)--> loop
 *   loop --LOG_HISTORY (lines 10–11)--> loop      loop --SKIP_LOST (no recovery)--> loop
 *   loop --LOG_LOST_AND_WAIT (lines 7–8)--> recover
 *   loop --LEAVE_LOOP (line 14)--> idle
 *   recover --READ_LOST (lines 22–24)--> recover
 *   recover --RECOVERED (lines 25, 27–30: return)--> loop
 *   recover --OVERWRITTEN (ring log with stored numbers)--> overrun
 *
 * The model (recovery.ts) keeps the data of each state (i, j, C_lost) in its own Phase values, for the
 * explorer's speed; this machine is the lifecycle those phases must follow. `lifecycleEvent` names the
 * machine event of a model step, and the tests check every step of the explorations against the machine
 * and that the explorations cover every transition of the machine (@xstate/graph).
 */
import { setup } from "xstate";
import { machineTarget } from "../../core/lifecycle.ts";
import type { Phase, RecoveryEvent } from "./recovery.ts";

export type CoreLifecycleEvent =
  | { type: "RECEIVE" } | { type: "LOG_HISTORY" } | { type: "SKIP_LOST" } | { type: "LOG_LOST_AND_WAIT" } | { type: "LEAVE_LOOP" }
  | { type: "READ_LOST" } | { type: "RECOVERED" } | { type: "OVERWRITTEN" };

export const coreLifecycle = setup({ types: { events: {} as CoreLifecycleEvent } }).createMachine({
  id: "scrCore",
  initial: "idle",
  states: {
    idle: { on: { RECEIVE: "loop" } },
    loop: { on: { LOG_HISTORY: "loop", SKIP_LOST: "loop", LOG_LOST_AND_WAIT: "recover", LEAVE_LOOP: "idle" } },
    recover: { on: { READ_LOST: "recover", RECOVERED: "loop", OVERWRITTEN: "overrun" } },
    overrun: {},
  },
});

/** The machine event of a core's step in the model (by the phase before and after it). */
export function lifecycleEvent(before: Phase, event: RecoveryEvent, after: Phase): CoreLifecycleEvent["type"] {
  switch (event.type) {
    case "receive": return "RECEIVE";
    case "read": return after.at === "overrun" ? "OVERWRITTEN" : after.at === "recover" ? "READ_LOST" : "RECOVERED";
    default:
      if (before.at !== "loop") return "LEAVE_LOOP";
      if (before.i > before.upTo) return "LEAVE_LOOP";
      if (before.i < before.minseq) return after.at === "recover" ? "LOG_LOST_AND_WAIT" : "SKIP_LOST";
      return "LOG_HISTORY";
  }
}

/** Where the machine goes from `from` on `type` (null: the machine has no such transition). */
export const lifecycleTarget = (from: Phase["at"], type: CoreLifecycleEvent["type"]): string | null => machineTarget(coreLifecycle, from, type);
