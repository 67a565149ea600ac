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

// Functions that name their config parameter (context-sensitive) still infer the state from init, and a
// fault may set a field to another value of its type than the default's literal (true over false, 5 over 2).
export const widened = defineSystem({
  name: "t", config: { n: 2, on: false, bug: "none" },
  init: (c) => ({ x: c.on ? 1 : 0 }),
  enabled: (s, c) => (s.x < c.n && c.bug !== "x" ? [{ t: "inc" }] : []),
  step: (s, _e, c) => ({ x: s.x + (c.on === true ? 2 : 1) }),
  invariants: { small: (s, c) => (s.x > c.n ? "big" : null) },
  faults: { f: { config: { on: true, n: 5, bug: "x" }, kills: "small" } },
});

defineSystem({
  name: "t", config: { n: 2 }, init: (c) => ({ x: c.n }), enabled: () => [{ t: "inc" }], step: (s) => s, invariants: {},
  // @ts-expect-error a fault's field keeps the default's type
  faults: { f: { config: { n: "five" }, kills: "no-deadlock" } },
});
