/**
 * Type-level checks of defineSystem (core/user-system.ts), run by `npm run typecheck`: the types of a system
 * object are inferred from its config, init and enabled, and a fault must kill a property the system has.
 */
import { defineSystem } from "../user-system.ts";

export const typed = defineSystem({
  name: "t",
  config: { max: 2, bug: "none" },
  init: () => 0,
  enabled: (n, c) => (n < c.max ? [{ add: 1 }] : []),
  step: (n, e) => n + e.add,
  invariants: { small: (n, c) => (n <= c.max ? null : "big") },
  finals: { done: (n) => (n === 2 ? null : "not done") },
  faults: { f: { config: { max: 1 }, kills: "done" }, g: { config: {}, kills: "no-deadlock" } },
});

defineSystem({
  name: "t", config: { max: 2 }, init: () => 0, enabled: () => [{ add: 1 }], step: (n, e) => n + e.add, invariants: {},
  // @ts-expect-error a fault kills a property the system has
  faults: { f: { config: {}, kills: "nope" } },
});

defineSystem({
  name: "t", config: { max: 2 }, init: () => 0, enabled: () => [{ add: 1 }],
  // @ts-expect-error an event has the type enabled() gives it
  step: (n, e) => n + e.sub,
  invariants: {},
});
