/**
 * Random runs of SCR loss recovery (models/scr/recovery.ts) for fast-check: a plan (how many packets,
 * which ones the adversary loses, in bursts, and a schedule for the cores), turned into the events of one
 * complete run by driving the model until nothing is enabled, so every run ends quiescent or deadlocked.
 *
 * The plan is what fast-check generates and shrinks: fewer packets, fewer and shorter bursts, losses
 * nearer the end of the stream, a shorter schedule and a simpler policy after it. The events are derived from it, so a shrunk plan gives a short, complete,
 * replayable trace. Loss rates 0.01 %–10 % of the packets; bursts of 1–16 consecutive packets.
 */
import * as fc from "fast-check";
import { recoveryModel, type RecoveryConfig, type RecoveryEvent } from "../models/scr/recovery.ts";

export interface RecoveryPlan {
  /** The stream: packets 1..packets (the sequencer may send up to k more to honour the tail assumption). */
  readonly packets: number;
  /** Fraction of the packets the adversary may lose: it uses the first ⌈packets · rate⌉ bursts. */
  readonly rate: number;
  /**
   * Bursts of losses, placed from the end of the stream: `back` packets before the last one, `length`
   * consecutive packets (where the adversary may lose them). Shrinking moves a burst to the end of the
   * stream, where losses matter most, and shortens it.
   */
  readonly bursts: readonly { readonly back: number; readonly length: number }[];
  /**
   * Which enabled event runs at turn t (index modulo the number of choices): schedule[t] for the first
   * turns, `policy` after them. A constant policy is a fixed preference (0: the sequencer first, then the
   * lowest-numbered core), so shrinking the schedule away leaves a simple, still adversarial, run.
   */
  readonly schedule: readonly number[];
  readonly policy: number;
}

export const LOSS_RATES = [0.0001, 0.001, 0.01, 0.1] as const;

/** Plans for streams of up to `maxPackets` packets (the config must let the stream end any time). */
export function recoveryPlans(config: RecoveryConfig, maxPackets = config.packets): fc.Arbitrary<RecoveryPlan> {
  return fc.record({
    packets: fc.integer({ min: 1, max: Math.min(maxPackets, config.packets) }),
    rate: fc.constantFrom(...LOSS_RATES),
    bursts: fc.array(
      fc.record({
        back: fc.nat({ max: config.packets - 1 }),
        length: fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.integer({ min: 2, max: 16 }), weight: 1 }),
      }),
      { maxLength: 64 },
    ),
    schedule: fc.array(fc.nat({ max: 0xffff }), { maxLength: 512 }),
    policy: fc.nat({ max: 0xffff }),
  });
}

/** The packets a plan loses (where the model lets the adversary lose them). */
export function plannedLosses(plan: RecoveryPlan): Set<number> {
  const lose = new Set<number>();
  for (const b of plan.bursts.slice(0, Math.ceil(plan.packets * plan.rate))) {
    const first = plan.packets - (b.back % plan.packets);
    for (let j = first; j < first + b.length && j <= plan.packets; j++) lose.add(j);
  }
  return lose;
}

/** The events of the run a plan describes. */
export function driveRecovery(config: RecoveryConfig, plan: RecoveryPlan): RecoveryEvent[] {
  if (config.streamEnd !== "any-time" && plan.packets !== config.packets) {
    throw new Error(`a plan of ${plan.packets} packets needs streamEnd: any-time, or a stream of exactly ${config.packets}`);
  }
  const lose = plannedLosses(plan);
  const limit = 64 * (plan.packets + config.cores + 1) * config.cores;
  const events: RecoveryEvent[] = [];
  let state = recoveryModel.init(config);
  for (let turn = 0; ; turn++) {
    const next = state.sequencer.next;
    const enabled = recoveryModel.enabled(state, config);
    const canEnd = enabled.some((e) => e.type === "end");
    // The sequencer does what the plan says: lose or send packets 1..packets, then end the stream (or,
    // where the tail assumption forbids ending yet, send more packets without loss until it may).
    const planned = next <= plan.packets ? (lose.has(next) && enabled.some((e) => e.type === "lose") ? "lose" : "send") : canEnd ? "end" : "send";
    const choices = enabled.filter((e) => (e.type === "send" || e.type === "lose" || e.type === "end" ? e.type === planned : true));
    if (choices.length === 0) break;
    if (events.length > limit) throw new Error(`a recovery run of ${plan.packets} packets took more than ${limit} events: the model does not terminate`);
    const pick = (turn < plan.schedule.length ? plan.schedule[turn]! : plan.policy) % choices.length;
    const event = choices[pick]!;
    events.push(event);
    state = recoveryModel.step(state, event, config);
  }
  return events;
}

export function recoveryRuns(config: RecoveryConfig, maxPackets = config.packets): fc.Arbitrary<RecoveryEvent[]> {
  return recoveryPlans(config, maxPackets).map((plan) => driveRecovery(config, plan));
}
