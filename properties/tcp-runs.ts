/**
 * Random runs of the end-to-end TCP model (models/tcp/system.ts) for fast-check: a plan — the connection
 * (ISN near the 2^32 wrap or anywhere, a stream of words or a long generated one), the sender's segment
 * sizes, when the adversary loses or duplicates a packet, and a schedule — turned into the events of one
 * complete run by driving the model until it is quiescent. After the plan's last fault the channels are
 * fair (they deliver, in the schedule's order), so every run ends with the transfer complete or stalled.
 *
 * fast-check shrinks the plan: a shorter stream, fewer faults, a shorter schedule, a simpler policy. The
 * events are derived from it, so a shrunk plan gives a short, complete, replayable trace.
 */
import * as fc from "fast-check";
import { ModelError } from "../core/model.ts";
import type { StreamSpec } from "../models/tcp/connection.ts";
import { CHANNELS } from "../models/tcp/segment.ts";
import { isOpen, tcpModel, type TcpConfig, type TcpEvent, type TcpState } from "../models/tcp/system.ts";

export interface TcpPlan {
  readonly isn: number;
  readonly stream: StreamSpec;
  /**
   * Sizes of the sender's new segments, in turn, each clipped to what it may send and raised to at least
   * L / MAX_NEW_SEGMENTS for a stream of L bytes, so that a 1 MiB stream is not sent a byte at a time.
   */
  readonly sizes: readonly number[];
  /** The adversary's faults: at which turn, what, and which packet in flight (index modulo the count). */
  readonly faults: readonly { readonly turn: number; readonly kind: "lose" | "duplicate"; readonly pick: number }[];
  /** Which possible event runs at turn t (modulo their number): schedule[t], then `policy`. */
  readonly schedule: readonly number[];
  readonly policy: number;
}

/** At most this many new segments per run (see TcpPlan.sizes); streams up to 4 KiB may go a byte at a time. */
export const MAX_NEW_SEGMENTS = 4_096;

/** Words of the stream: the rewriters' patterns, parts of them, and plain text. */
export const WORDS = ["ATTACK", "ATTAC", "ATT", "A", "TACK", "CD", "XYZ", "ABCDEFGH", "hello ", "GET / HTTP/1.1\r\n", " ", "x", "\r\n"];

/** ISNs within a stream's length of the wrap, or anywhere. */
export function isns(maxBytes: number): fc.Arbitrary<number> {
  return fc.oneof(fc.nat({ max: Math.min(maxBytes, 2 ** 31) }).map((d) => (2 ** 32 - 1 - d) >>> 0), fc.nat({ max: 2 ** 32 - 1 }));
}

/** A stream of words up to about `maxBytes`, or a generated one of up to `maxBytes` (often exactly that). */
export function streams(maxBytes: number): fc.Arbitrary<StreamSpec> {
  const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: Math.max(1, Math.floor(maxBytes / 4)), size: "medium" })
    .map((w) => w.join("").slice(0, maxBytes));
  const generated = fc.record({ length: fc.oneof(fc.constant(maxBytes), fc.integer({ min: 1, max: maxBytes })), seed: fc.nat() });
  return fc.oneof({ arbitrary: words, weight: 3 }, { arbitrary: generated, weight: 1 });
}

export function tcpPlans(config: TcpConfig, maxBytes: number, stream: fc.Arbitrary<StreamSpec> = streams(maxBytes)): fc.Arbitrary<TcpPlan> {
  return fc.record({
    isn: isns(maxBytes),
    stream,
    sizes: fc.array(fc.oneof(fc.constant(config.mss), fc.integer({ min: 1, max: config.mss })), { minLength: 1, maxLength: 16 }),
    faults: fc.array(fc.record({ turn: fc.oneof(fc.nat({ max: 64 }), fc.nat({ max: 4 * maxBytes })), kind: fc.constantFrom("lose" as const, "lose" as const, "duplicate" as const), pick: fc.nat({ max: 64 }) }), { maxLength: 48, size: "medium" })
      .map((f) => [...f].sort((a, b) => a.turn - b.turn)),
    schedule: fc.array(fc.nat({ max: 0xffff }), { maxLength: 256 }),
    policy: fc.nat({ max: 0xffff }),
  });
}

/** The events of the run a plan describes. */
export function driveTcp(config: TcpConfig, plan: TcpPlan): TcpEvent[] {
  const open: TcpEvent = { type: "open", isn: plan.isn, stream: plan.stream };
  const events: TcpEvent[] = [open];
  let state: TcpState;
  try {
    state = tcpModel.step(tcpModel.init(config), open, config);
  } catch (x) {
    // The rewriter broke on the whole stream already: the runner replays the one event and reports it.
    if (x instanceof ModelError) throw x;
    return events;
  }
  if (!isOpen(state)) throw new Error("the connection did not open");
  const limit = 64 * (state.conn.bytes.length + 16) + 16 * plan.faults.length;
  let nextFault = 0;
  let size = 0;
  const smallest = Math.ceil(state.conn.bytes.length / MAX_NEW_SEGMENTS);
  let broken = false;
  const run = (e: TcpEvent) => {
    events.push(e);
    try {
      state = tcpModel.step(state, e, config);
    } catch (x) {
      // A step that throws (a rewriter's exception, a violation seen inside the step) ends the run there;
      // the runner replays the events and reports it. An event the model does not allow is a driver bug.
      if (x instanceof ModelError) throw x;
      broken = true;
    }
  };
  for (let turn = 0; !broken && !tcpModel.quiescent(state, config); turn++) {
    if (events.length > limit) throw new Error(`a run of ${state.conn!.bytes.length} bytes took more than ${limit} events: the model does not terminate`);
    const s = state as Extract<TcpState, { conn: object }>;
    const inFlight = CHANNELS.flatMap((channel) => s.channels[channel].map((_, index) => ({ channel, index })));
    const fault = plan.faults[nextFault];
    if (fault !== undefined && fault.turn <= turn && inFlight.length > 0) {
      nextFault++;
      const budget = fault.kind === "lose" ? config.lossBudget === null || s.losses < config.lossBudget : config.duplicationBudget === null || s.duplicates < config.duplicationBudget;
      const target = inFlight[fault.pick % inFlight.length]!;
      if (budget && (config.reorder || target.index === 0)) {
        run({ type: fault.kind, ...target });
        continue;
      }
    }
    const choices = tcpModel.enabled(s, config).filter((e) => e.type === "deliver" || e.type === "timeout" || (e.type === "send" && e.size === 1));
    if (choices.length === 0) break;
    const pick = choices[(turn < plan.schedule.length ? plan.schedule[turn]! : plan.policy) % choices.length]!;
    if (pick.type === "send") {
      // One "send" choice; its size is the plan's next, clipped to what the sender may send.
      const most = tcpModel.enabled(s, config).reduce((m, e) => (e.type === "send" ? Math.max(m, e.size) : m), 0);
      run({ type: "send", size: Math.min(most, Math.max(smallest, plan.sizes[size++ % plan.sizes.length]!)) });
    } else {
      run(pick);
    }
  }
  return events;
}

export function tcpRuns(config: TcpConfig, maxBytes: number, stream?: fc.Arbitrary<StreamSpec>): fc.Arbitrary<TcpEvent[]> {
  return tcpPlans(config, maxBytes, stream).map((plan) => driveTcp(config, plan));
}
