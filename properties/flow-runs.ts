/**
 * Random runs of the flow manager (models/flow/system.ts) for fast-check: a plan of actions — a packet of
 * a session (skewed: a few elephant sessions get most packets, the rest are picked from all sessions, and
 * a burst sends a run of one session), the release of a held packet, a gap of time (short, or a long idle
 * gap), an idle poll — turned into the events of a run by driving the model: a gap becomes ticks with the
 * clean timer firing on time, a packet while too many are held first releases the oldest one. The run
 * ends with every held packet released and timeout + clean timer + 1 s of time, so that the end-of-run
 * properties (no leak) judge a table whose flows all ended.
 *
 * fast-check shrinks the plan (fewer, simpler actions); the events derive from it, so a shrunk plan gives
 * a short, complete, replayable trace.
 */
import * as fc from "fast-check";
import type { FlowConfig } from "../models/flow/config.ts";
import { sweepUseful } from "../models/flow/release.ts";
import type { FlowState } from "../models/flow/state.ts";
import { flowModel, type FlowEvent } from "../models/flow/system.ts";

export type FlowAction =
  | { readonly kind: "packet"; readonly session: number; readonly burst: number }
  | { readonly kind: "done"; readonly pick: number }
  | { readonly kind: "gap"; readonly dt: number }
  | { readonly kind: "idle" };

/** The elephant sessions: the first few. */
const ELEPHANTS = 4;

export function flowActions(c: FlowConfig, maxActions: number): fc.Arbitrary<FlowAction[]> {
  const session = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: Math.min(ELEPHANTS, c.sessions) - 1 }), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: c.sessions - 1 }), weight: 3 },
  );
  const gap = fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 4 },
    { arbitrary: fc.integer({ min: 1, max: c.timeout + 2 }), weight: 2 },
    { arbitrary: fc.integer({ min: c.timeout, max: 4 * (c.timeout + c.cleanTimer) }), weight: 1 },
  );
  const action: fc.Arbitrary<FlowAction> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant("packet" as const), session, burst: fc.oneof({ arbitrary: fc.constant(1), weight: 5 }, { arbitrary: fc.integer({ min: 2, max: 40 }), weight: 1 }) }), weight: 6 },
    { arbitrary: fc.record({ kind: fc.constant("done" as const), pick: fc.nat() }), weight: 5 },
    { arbitrary: fc.record({ kind: fc.constant("gap" as const), dt: gap }), weight: 2 },
    { arbitrary: fc.constant({ kind: "idle" as const }), weight: 1 },
  );
  return fc.array(action, { maxLength: maxActions, size: "max" });
}

/** Drives the model through a plan; returns the events (the model checks each one is enabled). */
export function flowEventsOf(c: FlowConfig, plan: readonly FlowAction[]): FlowEvent[] {
  const events: FlowEvent[] = [];
  let s: FlowState = flowModel.init(c);
  const apply = (e: FlowEvent) => {
    events.push(e);
    s = flowModel.step(s, e, c);
  };
  const pass = (dt: number) => {
    let left = dt;
    while (left > 0) {
      if (s.now === s.nextTimer) apply({ type: "timer" });
      const step = Math.min(left, s.nextTimer - s.now);
      apply({ type: "tick", dt: step });
      left -= step;
    }
    if (s.now === s.nextTimer) apply({ type: "timer" });
  };
  // Every thread whose idle sweep would change something polls idle (thread 0's event has no `thread`).
  const idleAll = () => {
    for (let thread = 0; thread < c.threads; thread++) if (sweepUseful(s, c, thread)) apply(thread === 0 ? { type: "idle" } : { type: "idle", thread });
  };
  for (const a of plan) {
    switch (a.kind) {
      case "packet":
        for (let i = 0; i < a.burst; i++) {
          if (s.held.length >= c.maxHeld) apply({ type: "done", index: 0 });
          apply({ type: "packet", session: a.session });
        }
        break;
      case "done":
        if (s.held.length > 0) apply({ type: "done", index: a.pick % s.held.length });
        break;
      case "gap":
        pass(a.dt);
        break;
      case "idle":
        idleAll();
        break;
    }
  }
  while (s.held.length > 0) apply({ type: "done", index: 0 });
  pass(c.timeout + c.cleanTimer + 1);
  idleAll();
  return events;
}

export const flowRuns = (c: FlowConfig, maxActions: number): fc.Arbitrary<FlowEvent[]> =>
  flowActions(c, maxActions).map((plan) => flowEventsOf(c, plan));
