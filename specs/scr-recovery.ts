/**
 * What SCR loss recovery must guarantee (SCR §3.4 "atomicity"; App. B, Theorem 1), judged on the model of
 * models/scr/recovery.ts. Theorem 1 speaks of the sequences every core has received (j ≥ i at every core),
 * so the end-of-run properties look at i ≤ P = min over c of max[c]; later sequences are still on their
 * way to some core when the stream ends.
 *
 * - atomicity: at quiescence every i ≤ P is applied by all cores or by none.
 * - per-core-order: each core applies in increasing sequence order, so each sequence at most once.
 * - eventual-consistency: at quiescence every core's applied sequence up to P is the one sequential run the
 *   cores owe: every i ≤ P whose history reached some core (in packet i or in a later packet's history),
 *   in order, each with its own history; and the SCR program run over it gives every core the state one
 *   core running `process` on those packets would have.
 * - no-log-overrun: a core never finds the log entry it needs overwritten (ring log with stored numbers).
 * - no-deadlock: the explorer's and the runner's built-in check (a non-quiescent state with no event).
 */
import { describeDifference } from "../core/diff.ts";
import type { Invariant, QuiescenceProperty, StepProperty } from "../core/spec.ts";
import { formatRanges, toRanges } from "../models/scr/replica.ts";
import {
  appliedList, minseqOf, type Applied, type RecoveryConfig, type RecoveryEvent, type RecoveryState,
} from "../models/scr/recovery.ts";
import { deepEqual } from "../core/deep-equal.ts";

export const ATOMICITY = "atomicity";
export const PER_CORE_ORDER = "per-core-order";
export const EVENTUAL_CONSISTENCY = "eventual-consistency";
export const NO_LOG_OVERRUN = "no-log-overrun";

/** P = min over c of max[c]: every core has received a packet numbered P or higher. */
export function passedByAll(state: RecoveryState): number {
  return Math.min(...state.cores.map((c) => c.max));
}

/** reached[i] for i ≤ upTo: the history of i was in a packet the sequencer delivered. */
export function reachedCores(state: RecoveryState, config: RecoveryConfig, upTo: number): Uint8Array {
  const sent = state.sequencer.next - 1;
  const lost = new Uint8Array(sent + 2);
  for (const j of state.sequencer.lost) lost[j] = 1;
  const reached = new Uint8Array(upTo + 1);
  for (let j = 1; j <= sent; j++) {
    if (lost[j]) continue;
    for (let i = minseqOf(j, config.historyLength); i <= Math.min(j, upTo); i++) reached[i] = 1;
  }
  return reached;
}

export const atomicity: QuiescenceProperty<RecoveryState, RecoveryConfig> = {
  kind: "quiescent",
  name: ATOMICITY,
  check(state, config) {
    const P = passedByAll(state);
    const by = state.cores.map((core) => {
      const mine = new Uint8Array(P + 1);
      for (let a = core.applied; a !== null; a = a.prev) if (a.i <= P) mine[a.i] = 1;
      return mine;
    });
    for (let i = 1; i <= P; i++) {
      const yes = by.findIndex((m) => m[i] === 1);
      const no = by.findIndex((m) => m[i] !== 1);
      if (yes >= 0 && no >= 0) return `core ${yes} applied #${i}, core ${no} did not (every core has passed #${P})`;
    }
    return null;
  },
};

const newest = (core: { readonly applied: Applied | null }) => core.applied;

export const perCoreOrder: StepProperty<RecoveryState, RecoveryEvent, RecoveryConfig> = {
  kind: "step",
  name: PER_CORE_ORDER,
  check(before, event, after) {
    if (!("core" in event) || event.type === "send" || event.type === "lose") return null;
    const was = newest(before.cores[event.core]!);
    const now = newest(after.cores[event.core]!);
    if (now === was || now === null) return null;
    if (was !== null && now.i <= was.i) {
      let twice = false;
      for (let a: Applied | null = was; a !== null; a = a.prev) if (a.i === now.i) twice = true;
      return twice ? `core ${event.core} applied #${now.i} a second time` : `core ${event.core} applied #${now.i} after #${was.i}`;
    }
    return null;
  },
};

export const eventualConsistency: QuiescenceProperty<RecoveryState, RecoveryConfig> = {
  kind: "quiescent",
  name: EVENTUAL_CONSISTENCY,
  check(state, config) {
    const P = passedByAll(state);
    const reached = reachedCores(state, config, P);
    const owed: number[] = [];
    for (let i = 1; i <= P; i++) if (reached[i]) owed.push(i);
    const { program, packet } = config.workload;
    let reference = program.init();
    for (const i of owed) reference = program.process(reference, packet(i)).state;
    for (const [c, core] of state.cores.entries()) {
      const applied = appliedList(core.applied).filter((a) => a.i <= P);
      for (let x = 0; x < Math.max(applied.length, owed.length); x++) {
        const got = applied[x];
        const want = owed[x];
        if (got?.i === want) continue;
        if (want !== undefined && (got === undefined || got.i > want)) {
          return `core ${c} never applied #${want}, whose history reached ${reachedBy(state, config, want)} (it applied ${formatRanges(toRanges(applied.map((a) => a.i))) || "nothing"} up to #${P})`;
        }
        return `core ${c} applied #${got!.i}, which no core received`;
      }
      const stale = applied.find((a) => a.content !== a.i);
      if (stale) return `core ${c} applied the history of #${stale.content} as #${stale.i} (a stale log entry)`;
      let mine = program.init();
      for (const a of applied) mine = program.fastForward(mine, program.extract(packet(a.content)));
      if (!deepEqual(mine, reference)) {
        return `core ${c}'s state differs from one core's sequential run over ${formatRanges(toRanges(owed))}: ${describeDifference(mine, reference) ?? "they differ"}`;
      }
    }
    return null;
  },
};

export const noLogOverrun: Invariant<RecoveryState, RecoveryConfig> = {
  kind: "invariant",
  name: NO_LOG_OVERRUN,
  check(state, config) {
    for (const [c, core] of state.cores.entries()) {
      const p = core.phase;
      if (p.at === "overrun") {
        const size = config.log.kind === "ring" ? config.log.entries : "unbounded";
        return `core ${c} needs core ${p.from}'s log entry for #${p.i}, but its slot ${p.slot} (of ${size}) already holds #${p.found}: the log is shorter than the lag between the cores`;
      }
    }
    return null;
  },
};

/** Which delivered packets carried history[i]. */
function reachedBy(state: RecoveryState, config: RecoveryConfig, i: number): string {
  const lost = new Set(state.sequencer.lost);
  const carriers: number[] = [];
  for (let j = i; j < Math.min(i + config.historyLength, state.sequencer.next); j++) if (!lost.has(j)) carriers.push(j);
  return carriers.map((j) => `core ${(j - 1) % config.cores} in packet #${j}`).join(", ");
}

export const RECOVERY_SPECS = [atomicity, perCoreOrder, eventualConsistency, noLogOverrun] as const;
