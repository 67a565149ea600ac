/**
 * What SCR without loss must guarantee (SCR §3.1 Principle #1–#2, §3.2, App. C), for any SCR-aware program.
 *
 * - scr-equivalence: every packet gets exactly one verdict, from the core it was sprayed to, equal to the
 *   verdict of one core running `process` on all packets in order; and that core's state then equals that
 *   single core's state. (A core's state is checked each time it changes, so every core is checked at
 *   every packet it handles.)
 * - sufficiency: f(p) carries everything the state update needs: fastForward(s, extract(p)) equals
 *   process(s, p).state, for every reachable s (App. C (1): data and control dependencies).
 * - determinism: the same state and packet give the same result every time (§3.1, §3.4).
 * - no-input-mutation: a program never changes the state or packet it is given; replicas hold private
 *   copies only if nobody writes through a shared reference.
 */
import { sameHash, structuralHash } from "../core/structural-hash.ts";
import { describeDifference, formatValue } from "../core/diff.ts";
import type { Invariant, StepProperty } from "../core/spec.ts";
import { coreClockNs } from "../models/scr/clock.ts";
import type { ScrProgram, CoreEnv } from "../models/scr/program.ts";
import { ipsOf } from "../models/scr/packet.ts";
import { inputWatchStats, NO_INPUT_MUTATION, watchInputs, type InputWatchStats } from "../models/scr/watch-inputs.ts";
import type { ScrConfig, ScrEvent, ScrState } from "../models/scr/system.ts";
import { formatRanges } from "../models/scr/replica.ts";
import { deepEqual } from "../core/deep-equal.ts";

export const SCR_EQUIVALENCE = "scr-equivalence";
export const SUFFICIENCY = "sufficiency";
export const DETERMINISM = "determinism";
export { NO_INPUT_MUTATION, watchInputs, inputWatchStats, type InputWatchStats };

type State = ScrState<any, any, any>;
type Config = ScrConfig<any, any, any>;

export const scrEquivalence: Invariant<State, Config> = {
  kind: "invariant",
  name: SCR_EQUIVALENCE,
  check(state) {
    const last = state.last;
    if (last === null) return null;
    const at = `packet #${last.seq} (core ${last.core})`;
    const coreState = state.replicas[last.core]!.state;
    if (!deepEqual(coreState, state.reference)) {
      const gap = last.missed.length > 0 ? `; the history did not cover ${formatRanges(last.missed)}` : "";
      const names = [`core ${last.core}`, "one core running process in order"] as const;
      return `${at}: the core's state differs from one core running process in order (${describeDifference(coreState, state.reference, { names, number: ipsOf(last.packet) }) ?? "unequal"})${gap}`;
    }
    const foreign = last.verdicts.find((v) => v.seq !== last.seq);
    if (foreign) return `${at}: a verdict went out for history packet #${foreign.seq}; only the current packet gets one`;
    const own = last.verdicts.filter((v) => v.seq === last.seq);
    if (own.length !== 1) return `${at}: ${own.length} verdicts for the packet, expected exactly one`;
    if (!deepEqual(own[0]!.verdict, last.expected)) {
      return `${at}: verdict ${formatValue(own[0]!.verdict)}, but one core running process in order says ${formatValue(last.expected)}`;
    }
    return null;
  },
};

/** The reference core's environment for the packet of the latest step (core 0's clock). */
function referenceEnv(after: State): CoreEnv {
  const last = after.last!;
  return { core: 0, clockNs: coreClockNs(0, last.seq, last.packet.ts) };
}

export const sufficiency: StepProperty<State, ScrEvent, Config> = {
  kind: "step",
  name: SUFFICIENCY,
  check(before, _event, after, config) {
    const p = after.last!.packet;
    const viaHistory = config.program.fastForward(before.reference, config.program.extract(p));
    if (deepEqual(viaHistory, after.reference)) return null;
    const names = ["fastForward(s, extract(p))", "process(s, p).state"] as const;
    return `packet #${after.last!.seq}: fastForward(s, extract(p)) differs from process(s, p).state (${describeDifference(viaHistory, after.reference, { names, number: ipsOf(p) }) ?? "unequal"})`;
  },
};

export const determinism: StepProperty<State, ScrEvent, Config> = {
  kind: "step",
  name: DETERMINISM,
  check(before, _event, after, config) {
    const { program } = config;
    const last = after.last!;
    const at = `packet #${last.seq}`;
    // Every core starts from init() (kept for every run of the config): it must give that state again.
    if (last.seq === 1) {
      const difference = initDifference(config);
      if (difference !== null) return `init() gave a different state the second time (${difference})`;
    }
    const again = program.process(before.reference, last.packet, referenceEnv(after));
    if (!deepEqual(again.state, after.reference)) return `${at}: process(s, p) gave a different state the second time (${describeDifference(after.reference, again.state, { names: ["the first", "the second"], number: ipsOf(last.packet) })})`;
    if (!deepEqual(again.verdict, last.expected)) return `${at}: process(s, p) gave verdict ${formatValue(again.verdict)} the second time, ${formatValue(last.expected)} the first`;
    const m1 = program.extract(last.packet);
    const m2 = program.extract(last.packet);
    if (!deepEqual(m1, m2)) return `${at}: extract(p) gave ${formatValue(m2)} the second time, ${formatValue(m1)} the first`;
    const f1 = program.fastForward(before.reference, m1);
    const f2 = program.fastForward(before.reference, m1);
    if (!deepEqual(f1, f2)) return `${at}: fastForward(s, m) gave a different state the second time (${describeDifference(f1, f2, { names: ["the first", "the second"], number: ipsOf(last.packet) })})`;
    return null;
  },
};

/** init() called again and compared with the state every run starts from; once per config. */
const initChecked = new WeakMap<Config, string | null>();
function initDifference(config: Config): string | null {
  let d = initChecked.get(config);
  if (d === undefined) {
    const first = config.initial();
    const again = config.program.init();
    // A structural hash first: two walks, where a deep comparison of two large states is several.
    d = sameHash(structuralHash(first), structuralHash(again)) || deepEqual(first, again) ? null : (describeDifference(first, again, { names: ["the first", "the second"] }) ?? "unequal");
    initChecked.set(config, d);
  }
  return d;
}

export const scrSpecs = [scrEquivalence, sufficiency, determinism] as const;
