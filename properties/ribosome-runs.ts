/**
 * Random runs of Ribosome (models/ribosome/system.ts) for fast-check: a plan of actions — a packet
 * arrives (sizes skewed towards the large packets Ribosome is for, flows skewed towards a few elephants),
 * the NF returns a packet (mostly its oldest, sometimes any: it delays and reorders) or drops one, a
 * server executes its next RDMA operation, the switch takes a READ response or the network loses it, a
 * lease ends — turned into events by driving the model, skipping what is not possible at that moment.
 * A packet that finds the window closed (rate × latency) waits for fair delivery to let the oldest leave.
 * The run ends by delivering everything in flight (fair channels, no more faults) until nothing is left,
 * so that the end-of-run properties (conservation, progress) judge it.
 *
 * fast-check shrinks the plan; the events derive from it, so a shrunk plan gives a short, complete,
 * replayable trace.
 */
import * as fc from "fast-check";
import type { RibosomeConfig } from "../models/ribosome/config.ts";
import { windowOpen, type RibosomeState } from "../models/ribosome/state.ts";
import { endingLease, fairStep, ribosomeModel, type RibosomeEvent } from "../models/ribosome/system.ts";

export type RibosomeAction =
  | { readonly kind: "arrive"; readonly size: number; readonly flow: number }
  | { readonly kind: "nf"; readonly pick: number; readonly drop: boolean }
  | { readonly kind: "server"; readonly pick: number }
  | { readonly kind: "response"; readonly pick: number; readonly lose: boolean }
  | { readonly kind: "expire" };

/** The elephant flows: the first few. */
const ELEPHANTS = 4;

export function ribosomeActions(c: RibosomeConfig, maxActions: number): fc.Arbitrary<RibosomeAction[]> {
  const size = fc.oneof(
    { arbitrary: fc.constantFrom(...c.sizes), weight: 2 },
    { arbitrary: fc.constant(Math.max(...c.sizes)), weight: 1 },
  );
  // A fault in one action of eight, when the config allows any.
  const rarely = (allowed: boolean) => fc.integer({ min: 0, max: 7 }).map((x) => x === 0 && allowed);
  const flow = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: Math.min(ELEPHANTS, c.flows) - 1 }), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: c.flows - 1 }), weight: 1 },
  );
  // The NF mostly answers in order; a large pick reaches deep into what it holds (a slow packet).
  const pick = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat(), weight: 1 });
  const action: fc.Arbitrary<RibosomeAction> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant("arrive" as const), size, flow }), weight: 5 },
    { arbitrary: fc.record({ kind: fc.constant("nf" as const), pick, drop: rarely(c.nfDrops > 0) }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant("server" as const), pick: fc.nat() }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant("response" as const), pick: fc.nat(), lose: rarely(c.readLosses > 0) }), weight: 4 },
    { arbitrary: fc.constant({ kind: "expire" as const }), weight: 1 },
  );
  return fc.array(action, { maxLength: maxActions, size: "max" });
}

const nonEmpty = (queues: readonly (readonly unknown[])[]) => queues.flatMap((q, i) => (q.length > 0 ? [i] : []));

/** Drives the model through a plan; returns the events (the model checks each one is possible). */
export function ribosomeEventsOf(c: RibosomeConfig, plan: readonly RibosomeAction[]): RibosomeEvent[] {
  const events: RibosomeEvent[] = [];
  let s: RibosomeState = ribosomeModel.init(c);
  const apply = (e: RibosomeEvent) => {
    events.push(e);
    s = ribosomeModel.step(s, e, c);
  };
  for (const a of plan) {
    switch (a.kind) {
      case "arrive":
        if (s.inputs.length >= c.packets) break;
        // The window is closed until the oldest packet in flight leaves: fair delivery until it does.
        for (let e = fairStep(s, c, { nf: true }); !windowOpen(s, c.window) && e !== null; e = fairStep(s, c, { nf: true })) apply(e);
        if (windowOpen(s, c.window)) apply({ type: "arrive", size: a.size, flow: a.flow % c.flows });
        break;
      case "nf":
        if (s.nf.length === 0) break;
        if (a.drop && s.nfDropsUsed < c.nfDrops) apply({ type: "nf-drop", index: a.pick % s.nf.length });
        else apply({ type: "nf", index: a.pick % s.nf.length });
        break;
      case "server": {
        const busy = nonEmpty(s.ops);
        if (busy.length > 0) apply({ type: "server", server: busy[a.pick % busy.length]! });
        break;
      }
      case "response": {
        const busy = nonEmpty(s.responses);
        if (busy.length === 0) break;
        const server = busy[a.pick % busy.length]!;
        apply(a.lose && s.lossesUsed < c.readLosses ? { type: "lose", server } : { type: "response", server });
        break;
      }
      case "expire": {
        const id = endingLease(s, c);
        if (id !== null) apply({ type: "expire", id });
        break;
      }
    }
  }
  // Fair channels from here on: everything in flight is delivered, every lease that can end ends.
  for (let e = fairStep(s, c, { nf: true }); e !== null; e = fairStep(s, c, { nf: true })) apply(e);
  return events;
}

export const ribosomeRuns = (c: RibosomeConfig, maxActions: number): fc.Arbitrary<RibosomeEvent[]> =>
  ribosomeActions(c, maxActions).map((plan) => ribosomeEventsOf(c, plan));
