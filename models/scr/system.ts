/**
 * SCR without loss (SCR §3.2–3.3): external packets reach the sequencer one at a time; it numbers,
 * stamps and records each, and sprays the SCR packet to one of k replica cores, which fast-forwards and
 * processes it. Beside them runs the reference: one core running `process` on every packet in order.
 *
 * Granularity: one event is one external packet, carried through the sequencer and the core it is sprayed
 * to.
 *
 * Every core starts from the same `init()` value, and so does the reference: one object, shared by every
 * run of a config (`config.initial`). Programs must not change their inputs (no-input-mutation, checked
 * first), so sharing is safe; and it makes a state that no packet changed the very same object on every
 * core, so comparing it costs nothing — a program whose initial state holds a million entries is neither
 * built again for every run nor compared entry by entry at every packet. Whether `init()` gives the same
 * state every time is a question of determinism (specs/scr.ts). Cores share nothing and the links are lossless and FIFO here, so every interleaving of the cores'
 * steps yields the same per-core sequence of states and verdicts; interleavings start to matter with loss
 * recovery, where cores read each other's logs (models/scr/recovery.ts).
 */
import { ModelError, type Model } from "../../core/model.ts";
import { canonicalKey } from "../../core/canonical.ts";
import { coreClockNs } from "./clock.ts";
import type { Packet } from "./packet.ts";
import { callProcess, type ScrProgram } from "./program.ts";
import { initReplica, receive, type Delivery, type HistoryAtStart, type Replica, type ReplicaFault } from "./replica.ts";
import { initSequencer, sequence, type SequencerState } from "./sequencer.ts";
import { sprayTarget, type SprayPolicy } from "./spray.ts";

export interface ScrConfig<S, M, V> {
  readonly program: ScrProgram<S, M, V>;
  /** The program's initial state: `init()` called once and kept (see the header). */
  readonly initial: () => S;
  /** k, the number of replica cores. */
  readonly cores: number;
  /** H, the number of history rows (SCR: k − 1 with round-robin spraying). */
  readonly historyLength: number;
  readonly spray: SprayPolicy;
  /** How a core reads the first packets' history, which has zero rows (models/scr/replica.ts); "skip-empty" is the design. */
  readonly historyAtStart: HistoryAtStart;
  /** A broken replica, for mutation testing; null is the design. */
  readonly fault: ReplicaFault | null;
  /** Bounds for exhaustive exploration: the packets that may arrive, and at most how many. */
  readonly bounds?: { readonly alphabet: readonly Packet[]; readonly maxPackets: number };
}

/** The latest packet: where it went, what its core did, and what one core running `process` said. */
export interface LastStep<V> extends Delivery<V> {
  readonly packet: Packet;
  /** f(p), as the sequencer recorded it. */
  readonly meta: unknown;
  readonly expected: V;
}

export interface ScrState<S, M, V> {
  readonly sequencer: SequencerState<M>;
  readonly replicas: readonly Replica<S>[];
  /** The state of one core that ran `process` on every packet so far, in order. */
  readonly reference: S;
  readonly last: LastStep<V> | null;
}

export type ScrEvent = { readonly type: "packet"; readonly packet: Packet };

export const defaultHistoryLength = (cores: number): number => cores - 1;

// Programs of every state, metadata and verdict type share this model.
type AnyState = ScrState<any, any, any>;
type AnyConfig = ScrConfig<any, any, any>;

export const scrModel: Model<AnyState, ScrEvent, AnyConfig> = {
  name: "scr",
  init(config) {
    if (!Number.isInteger(config.cores) || config.cores < 1) throw new RangeError(`cores must be a positive integer, got ${config.cores}`);
    const initial = config.initial();
    return {
      sequencer: initSequencer(config.historyLength),
      replicas: Array.from({ length: config.cores }, () => initReplica(initial)),
      reference: initial,
      last: null,
    };
  },
  enabled(state, config) {
    const b = config.bounds;
    if (!b || state.sequencer.nextSeq > b.maxPackets) return [];
    return b.alphabet.map((packet) => ({ type: "packet", packet }));
  },
  step(state, event, config) {
    if (event.type !== "packet") throw new ModelError(`unknown event type ${JSON.stringify((event as { type?: unknown }).type)}`);
    const { program } = config;
    const { next: sequencer, scr, meta } = sequence(state.sequencer, event.packet, (p) => program.extract(p));
    const core = sprayTarget(config.spray, scr.seq, scr.packet, config.cores);
    const { replica, delivery } = receive(state.replicas[core]!, core, scr, program, config.fault, config.historyAtStart);
    const expected = callProcess(program, state.reference, scr.packet, { core: 0, clockNs: coreClockNs(0, scr.seq, scr.packet.ts) });
    return {
      sequencer,
      replicas: state.replicas.with(core, replica),
      reference: expected.state,
      // Field by field, not `{ ...delivery }`: the spread was a third of a step's own time.
      last: { core: delivery.core, seq: delivery.seq, applied: delivery.applied, missed: delivery.missed, verdicts: delivery.verdicts, packet: scr.packet, meta, expected: expected.verdict },
    };
  },
  quiescent: () => true,
  key: (state) => canonicalKey([state.sequencer, state.replicas, state.reference]),
};
