/**
 * SCR loss recovery (App. B, Alg. 1, Theorem 1) as a Z3 bounded model check of the transition system of
 * models/scr/recovery.ts (`recoveryModel`), for k cores (k = 2 by default) and M packets, one case per M.
 *
 * What is encoded. A run of T events, unrolled: state variables for every time step t = 0..T, a symbolic
 * event event@t for every step t = 1..T, the constraint that event@t is enabled in state t − 1, and state
 * t defined as what event@t makes of state t − 1. The loss pattern is symbolic too: one boolean lost#j per
 * packet; the sequencer's event for packet j is "lose" when lost#j holds and "send" otherwise (the model's
 * adversary makes the same choice, only step by step). So one query covers every loss pattern and every
 * interleaving. The state is the model's minus what atomicity cannot see:
 *   sequencer: next, ended (the lost booleans stand for its ghost list `lost`; `losses` and `sinceLoss`
 *     are functions of next and the lost booleans);
 *   core c:    max[c]; phase idle / loop / recover; the loop's j (minseq is a function of j) and i, and
 *     upTo and then only for the recovery-out-of-order fault (otherwise upTo = j and then = null);
 *     C_lost, one boolean per core; the SCR packets in flight to c, one boolean per packet sprayed to c
 *     (FIFO order = increasing numbers: the sequencer sends in order); log[c][1..M] ∈ {NOT_INIT, LOST,
 *     HISTORY}; applied[c][1..M], the set of sequences c applied (the model's `applied` list without order
 *     and multiplicity, which atomicity does not look at).
 * Numbers are small bit-vectors, so Z3 bit-blasts the query to SAT (with integers, M = 3 took six minutes;
 * with next states as if-then-else chains over the events instead of one implication per event, M = 5 took
 * six minutes; a pseudo-Boolean constraint such as AtMost takes Z3 off bit-blasting altogether).
 *
 * Step granularity: one event is exactly one event of recoveryModel.enabled:
 *   - seq:        the sequencer sends packet `next` to core (next − 1) mod k, or loses it (lost#next);
 *   - end:        the sequencer closes the stream;
 *   - receive c:  core c, idle, takes its oldest in-flight SCR packet (any of them with `reorder`) and runs
 *                 lines 3–5 (maxseq, minseq, i ← max[c] + 1);
 *   - step c:     one statement of the loop of lines 5–14: write LOST and enter handle_loss_recovery
 *                 (lines 6–8, with C_lost ← ∅ of line 18), write the history and apply it (lines 9–11), or
 *                 leave the loop (line 14);
 *   - read c, c': one read by waiting core c of log[c'][i] (lines 19–33), enabled only when c' ∉ C_lost and
 *                 the entry is not NOT_INIT (the model's reading of the polling loop, line 21);
 *   - stutter:    only when no event is enabled; the state stays as it is.
 *
 * The claim, at step T: the state is quiescent (stream ended, every core idle, nothing in flight) and
 * atomicity holds (specs/scr-recovery.ts: every i ≤ P = min_c max[c] is applied by all cores or by none).
 * As stutter steps happen only where nothing is enabled, the states at step T are the states after T events
 * and the final states of the shorter maximal runs. A quiescent state enables nothing, so "quiescent at T"
 * for every run says at once that no run is longer than T (a longer one would have an enabled event at step
 * T), that no run deadlocks (a non-quiescent state with nothing enabled, which the explorer reports too),
 * and that every run ends quiescent. If T were too small Z3 would refute the claim, never prove a weaker one.
 * So the verdict is the explorer's with `specs: [atomicity]` (atomicity at quiescence, and no deadlock).
 *
 * The bound T (`runBound`), without reordering: M sequencer events and the end; per delivered packet a
 * receive and a line-14 exit; per core c one loop statement per i ≤ h_c, the last packet sprayed to c (the
 * loop ranges of a core are disjoint: max[c] only grows); per i LOST at c at most k − 1 reads (each read of
 * a LOST entry adds a core to C_lost, reading a history ends the wait). An i is LOST at c only if every packet
 * to c that carries it was lost (Alg. 1 line 6: the first packet c received after i does not carry it), so
 * when each packet carries at least k histories, l lost packets to c make at most (histories carried)·l
 * LOST iterations; T takes the worst l. With reordering a receive may iterate over 1..j again: j statements
 * per receive. For k = 2 and N = 2 this gives T = 5M, exactly the longest run of the model (measured by a
 * depth-first search over its states; k = 3, M = 5: T = 30, longest run 29). The explorer's `depth` is the
 * farthest state by shortest path, only a lower bound on the longest run (k = 3, M = 5: 28).
 *
 * The tail assumption (Theorem 1's assumption (1)) as in the model: lost#j only for j ≤ M − k. Supported
 * config options: everything of RecoveryConfigJson except a ring log, lostMark and congestionGap (the encoding has Theorem 1's
 * assumption (2), an unbounded log), so historyLength, recovery, tailAssumption, lossBudget, reorder,
 * maxUpdate, streamEnd, and every fault of RECOVERY_FAULTS.
 *
 * Time per case (Z3 WASM, one query per M, 2 cores, k = 2): M = 1..3 under a second, M = 4 about 1.2 s,
 * M = 5 about 4.5 s, M = 6 about 7 minutes; hence the default M = 1..5 (`packets` picks others). k = 3:
 * M = 3 about 4 s, M = 4 about 85 s, M = 5 more than 10 minutes (refutations come much faster).
 *
 * A counterexample comes back as the loss pattern and the event at every step; `explain` replays those
 * events through recoveryModel itself and says what the executable model makes of them.
 */
import type { Z3Context } from "../core/z3.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { formatRanges, toRanges } from "../models/scr/replica.ts";
import {
  DEFAULT_RECOVERY_PROGRAM, describeRecoveryConfig, toRecoveryConfig, type RecoveryConfigJson,
} from "../models/scr/recovery-config.ts";
import { HISTORY, LOST, NOT_INIT } from "../models/scr/recovery-log.ts";
import {
  appliedList, recoveryModel, sprayedTo, type RecoveryConfig, type RecoveryEvent, type RecoveryState,
} from "../models/scr/recovery.ts";
import { atomicity, passedByAll } from "../specs/scr-recovery.ts";
import type { Lemma, LemmaCase } from "./lemma.ts";

type Bool = ReturnType<Z3Context["Bool"]["const"]>;
type Bits = ReturnType<Z3Context["BitVec"]["const"]>;
type Int = ReturnType<Z3Context["Int"]["const"]>;
type Term = Bool | Bits;

export const RECOVERY_BMC_LEMMA = "recovery-atomicity-bmc";
export const DEFAULT_BMC_PACKETS: readonly number[] = [1, 2, 3, 4, 5];

/** The model's config options (as in a counterexample file), with a list of M instead of one. */
export type RecoveryBmcOptions = Partial<Omit<RecoveryConfigJson, "packets" | "program" | "traffic">> & {
  /** One case per M (default 1..5). */
  readonly packets?: readonly number[];
  /** The number of events to unroll (default `runBound`); below the longest run, the claim is refuted. */
  readonly bound?: (config: RecoveryConfig) => number;
};

/** The config the explorer uses for the same case: the same JSON through the same defaults. */
export function recoveryBmcConfig(options: RecoveryBmcOptions, packets: number): RecoveryConfig {
  const { packets: _list, bound: _bound, ...json } = options;
  const config = toRecoveryConfig({ ...json, cores: options.cores ?? 2, packets }, SCR_PROGRAMS[DEFAULT_RECOVERY_PROGRAM]!);
  if (config.log.kind !== "unbounded") throw new Error("the recovery BMC encodes Theorem 1's unbounded log only");
  if (config.lostMark !== "entry" || config.congestionGap !== null) throw new Error("the recovery BMC encodes Alg. 1's LOST entries only (no lostMark: max-before-recovery, no congestionGap)");
  return config;
}

/** An upper bound on the number of events of any run (see the header); the claim itself checks it. */
export function runBound(config: RecoveryConfig): number {
  const k = config.cores;
  const M = config.packets;
  // Packet j carries history[minseq..j], `carried` histories (Alg. 1 line 4).
  const carried = config.fault === "minseq-off-by-one" ? Math.max(0, config.historyLength - 1) : config.historyLength;
  const readsPerLost = !config.recovery ? 0 : config.fault === "lost-everywhere-after-one" ? 1 : k - 1;
  let T = M + 1; // M sends or losses, then the end of the stream
  for (let c = 0; c < k; c++) {
    const mine: number[] = [];
    for (let j = c + 1; j <= M; j += k) mine.push(j);
    if (config.reorder) {
      for (const j of mine) T += 2 + j + readsPerLost * Math.max(0, j - carried);
      continue;
    }
    const h = mine.length > 0 ? mine[mine.length - 1]! : 0;
    let lossable = mine.filter((j) => !config.tail || j <= M - k).length;
    if (config.lossBudget !== null) lossable = Math.min(lossable, config.lossBudget);
    let worst = 0;
    for (let l = 0; l <= lossable; l++) {
      const lostIterations = carried >= k ? Math.min(carried * l, Math.max(0, h - carried)) : Math.max(0, h - carried);
      worst = Math.max(worst, 2 * (mine.length - l) + h + readsPerLost * lostIterations);
    }
    T += worst;
  }
  return T;
}

export function recoveryAtomicityLemma(options: RecoveryBmcOptions = {}): Lemma {
  const list = options.packets ?? DEFAULT_BMC_PACKETS;
  if (list.length === 0) throw new Error("the recovery BMC needs at least one M");
  const sample = recoveryBmcConfig(options, list[0]!);
  const setting = describeRecoveryConfig(sample).split(", ").filter((p) => !/^M [=≤]/.test(p)).join(", ");
  const variant = variantOf(options);
  return {
    name: variant === "" ? RECOVERY_BMC_LEMMA : `${RECOVERY_BMC_LEMMA} (${variant})`,
    statement:
      `for ${setting} and M ∈ {${list.join(", ")}}: every run of Alg. 1, for every loss pattern and interleaving, ends within ` +
      `T events (T = ${list.map((M) => boundOf(options, M)).join(", ")}) in a quiescent state where each i ≤ min_c max[c] is applied by all cores or by none`,
    source: "SCR App. B, Alg. 1, Theorem 1",
    cases: () => list.map((M) => bmcCase(recoveryBmcConfig(options, M), boundOf(options, M))),
  };
}

const boundOf = (options: RecoveryBmcOptions, M: number) => (options.bound ?? runBound)(recoveryBmcConfig(options, M));

/** What differs from the paper's algorithm and assumptions, for the lemma's name. */
function variantOf(o: RecoveryBmcOptions): string {
  const parts: string[] = [];
  if (o.cores !== undefined && o.cores !== 2) parts.push(`k = ${o.cores}`);
  if (o.historyLength !== undefined && o.historyLength !== (o.cores ?? 2)) parts.push(`N = ${o.historyLength}`);
  if (o.recovery === false) parts.push("no loss recovery");
  if (o.tailAssumption === false) parts.push("no tail assumption");
  if (o.lossBudget !== undefined) parts.push(`at most ${o.lossBudget} loss${o.lossBudget === 1 ? "" : "es"}`);
  if (o.reorder) parts.push("reordering");
  if (o.maxUpdate === "max") parts.push("line 14 keeps the larger max");
  if (o.streamEnd === "any-time") parts.push("stream may end early");
  if (o.fault) parts.push(`fault ${o.fault}`);
  if (o.bound) parts.push("custom bound");
  return parts.join(", ");
}

const IDLE = 0;
const LOOP = 1;
const RECOVER = 2;
/** Phases and log entries (NOT_INIT, LOST, HISTORY) are 2-bit vectors. */
const TAG_BITS = 2;

interface CoreVars {
  /** max[c]. */
  readonly max: Bits;
  readonly phase: Bits;
  /** maxseq, the packet being handled. */
  readonly j: Bits;
  readonly i: Bits;
  /** Only with the recovery-out-of-order fault; otherwise upTo = j. */
  readonly upTo: Bits | null;
  /** Only with the recovery-out-of-order fault (0 stands for null); otherwise null. */
  readonly then: Bits | null;
  /** C_lost[c'] per core (this core's own entry is the constant false). */
  readonly cLost: readonly Bool[];
  /** link[j]: packet j is in flight to this core; null for packets sprayed to other cores (index 0 unused). */
  readonly link: readonly (Bool | null)[];
  /** log[c][i], i = 1..M (index 0 unused). */
  readonly log: readonly Bits[];
  /** applied[c][i], i = 1..M (index 0 unused). */
  readonly applied: readonly Bool[];
}

interface StateVars {
  readonly next: Bits;
  readonly ended: Bool;
  readonly cores: readonly CoreVars[];
}

/** Every state variable, in a fixed order (constants such as C_lost[c][c] and the unused index 0 left out). */
function variablesOf(s: StateVars): Term[] {
  const out: Term[] = [s.next, s.ended];
  for (const [c, core] of s.cores.entries()) {
    out.push(core.max, core.phase, core.j, core.i);
    if (core.upTo) out.push(core.upTo);
    if (core.then) out.push(core.then);
    for (const [o, x] of core.cLost.entries()) if (o !== c) out.push(x);
    for (const x of core.link) if (x) out.push(x);
    out.push(...core.log.slice(1), ...core.applied.slice(1));
  }
  return out;
}

/** An event as the encoding numbers it; `seq` of a receive is null when it takes the oldest packet. */
type Slot =
  | { readonly type: "seq" }
  | { readonly type: "end" }
  | { readonly type: "receive"; readonly core: number; readonly seq: number | null }
  | { readonly type: "step"; readonly core: number }
  | { readonly type: "read"; readonly core: number; readonly from: number };

function slotsOf(config: RecoveryConfig): Slot[] {
  const k = config.cores;
  const slots: Slot[] = [{ type: "seq" }, { type: "end" }];
  for (let c = 0; c < k; c++) {
    if (config.reorder) for (let j = c + 1; j <= config.packets; j += k) slots.push({ type: "receive", core: c, seq: j });
    else slots.push({ type: "receive", core: c, seq: null });
  }
  for (let c = 0; c < k; c++) slots.push({ type: "step", core: c });
  for (let c = 0; c < k; c++) for (let from = 0; from < k; from++) if (from !== c) slots.push({ type: "read", core: c, from });
  return slots;
}

/** Bits for every number the encoding computes: up to M + 2 (i + 1 past j), M + k + 1 (`tailHolds`), the event numbers. */
function widthFor(config: RecoveryConfig): number {
  const largest = Math.max(config.packets + config.cores + 2, slotsOf(config).length + 1);
  return Math.max(2, Math.ceil(Math.log2(largest + 1)));
}

function bmcCase(config: RecoveryConfig, T: number): LemmaCase {
  const k = config.cores;
  const M = config.packets;
  const slots = slotsOf(config);
  const STUTTER = slots.length;
  const outOfOrder = config.fault === "recovery-out-of-order";

  const query = (ctx: Z3Context) => {
    const W = widthFor(config);
    const num = (n: number): Bits => ctx.BitVec.val(n, W);
    const tag = (n: number): Bits => ctx.BitVec.val(n, TAG_BITS);
    const TRUE = ctx.Bool.val(true);
    const FALSE = ctx.Bool.val(false);
    /** If-then-else that keeps a term as it is when both branches are the same term (so unchanged variables stay recognizable). */
    const ite = <X extends Term>(c: Bool, a: X, b: X): X => (a === b ? a : (ctx.If(c, a as Bits, b as Bits) as unknown as X));
    const is = (x: Bits, n: number) => x.eq(ctx.BitVec.val(n, x.size()));
    const packets = Array.from({ length: M }, (_, x) => x + 1);

    // The loss pattern, with the adversary's limits of `mayLose`: the tail assumption and the loss budget.
    const lost: Bool[] = [FALSE, ...packets.map((j) => ctx.Bool.const(`lost#${j}`))];
    const assumptions: Bool[] = [];
    for (const j of packets) if (config.tail && j > M - k) assumptions.push(ctx.Not(lost[j]!));
    // (A sum of bit-vectors, not AtMost: a pseudo-Boolean constraint takes Z3 off its bit-blasting tactic.)
    if (config.lossBudget !== null) assumptions.push(lost.slice(1).reduce((sum, x) => sum.add(ite(x, num(1), num(0))), num(0)).ule(config.lossBudget));

    const fresh = (t: number): StateVars => ({
      next: ctx.BitVec.const(`t${t}.next`, W),
      ended: ctx.Bool.const(`t${t}.ended`),
      cores: Array.from({ length: k }, (_, c): CoreVars => {
        const name = (v: string) => `t${t}.c${c}.${v}`;
        return {
          max: ctx.BitVec.const(name("max"), W), phase: ctx.BitVec.const(name("phase"), TAG_BITS),
          j: ctx.BitVec.const(name("j"), W), i: ctx.BitVec.const(name("i"), W),
          upTo: outOfOrder ? ctx.BitVec.const(name("upTo"), W) : null,
          then: outOfOrder ? ctx.BitVec.const(name("then"), W) : null,
          cLost: Array.from({ length: k }, (_, o) => (o === c ? FALSE : ctx.Bool.const(name(`clost${o}`)))),
          link: [null, ...packets.map((j) => (sprayedTo(j, k) === c ? ctx.Bool.const(name(`link${j}`)) : null))],
          log: [tag(NOT_INIT), ...packets.map((i) => ctx.BitVec.const(name(`log${i}`), TAG_BITS))],
          applied: [FALSE, ...packets.map((i) => ctx.Bool.const(name(`applied${i}`)))],
        };
      }),
    });
    const withCore = (s: StateVars, c: number, core: CoreVars): StateVars => ({ ...s, cores: s.cores.map((x, o) => (o === c ? core : x)) });
    const mergeCore = (c: Bool, a: CoreVars, b: CoreVars): CoreVars => ({
      max: ite(c, a.max, b.max), phase: ite(c, a.phase, b.phase), j: ite(c, a.j, b.j), i: ite(c, a.i, b.i),
      upTo: a.upTo && b.upTo ? ite(c, a.upTo, b.upTo) : null,
      then: a.then && b.then ? ite(c, a.then, b.then) : null,
      cLost: a.cLost.map((x, o) => ite(c, x, b.cLost[o]!)),
      link: a.link.map((x, j) => (x ? ite(c, x, b.link[j]!) : null)),
      log: a.log.map((x, i) => ite(c, x, b.log[i]!)),
      applied: a.applied.map((x, i) => ite(c, x, b.applied[i]!)),
    });

    /** array[at] for a symbolic 1 ≤ at ≤ M; `store` writes v there. */
    const select = (array: readonly Bits[], at: Bits): Bits => packets.reduceRight((rest, x) => ite(is(at, x), array[x]!, rest), tag(NOT_INIT));
    const store = <X extends Term>(array: readonly X[], at: Bits, v: X): X[] => array.map((old, x) => (x === 0 ? old : ite(is(at, x), v, old)));

    /** Line 4: minseq ← max(1, maxseq − N + 1) (the minseq-off-by-one fault: one more). */
    const minseq = (j: Bits): Bits => {
      const back = config.historyLength - (config.fault === "minseq-off-by-one" ? 2 : 1);
      if (back <= 0) return j.add(-back);
      return ite(j.uge(back + 1), j.sub(back), num(1)); // unsigned: compare before subtracting
    };
    const upToOf = (core: CoreVars) => core.upTo ?? core.j;

    /** Line 5's loop moves on to i + 1 (the out-of-order fault: from the packet's sequences back to the lost ones). */
    const nextI = (core: CoreVars): CoreVars => {
      const i = core.i.add(1);
      if (!core.then || !core.upTo) return { ...core, phase: tag(LOOP), i };
      const wrap = ctx.And(i.ugt(core.upTo), ctx.Not(is(core.then, 0)));
      return { ...core, phase: tag(LOOP), i: ite(wrap, core.then, i), upTo: ite(wrap, minseq(core.j).sub(1), core.upTo), then: ite(wrap, num(0), core.then) };
    };

    /** Lines 3–5 on SCR packet `seq`: maxseq ← seq, minseq, for i ← max[c] + 1 (and the faults that change them). */
    const receive = (core: CoreVars, seq: Bits): CoreVars => {
      const max = config.fault === "max-advanced-early" ? seq : core.max;
      const first = max.add(1);
      const link = core.link.map((x, j) => (x ? ctx.And(x, ctx.Not(is(seq, j))) : null));
      if (!outOfOrder) return { ...core, max, phase: tag(LOOP), j: seq, i: first, link };
      const m = minseq(seq);
      const swap = first.ult(m);
      return { ...core, max, phase: tag(LOOP), j: seq, i: ite(swap, m, first), upTo: seq, then: ite(swap, first, num(0)), link };
    };

    /** One statement of the loop (lines 5–14). */
    const loopStep = (core: CoreVars): CoreVars => {
      // Line 14: max[c] ← maxseq (`maxUpdate: "max"`: the larger of the two).
      const leave: CoreVars = { ...core, phase: tag(IDLE), max: config.maxUpdate === "assign" ? core.j : ite(core.max.uge(core.j), core.max, core.j) };
      // Lines 6–8: log[c][i] ← LOST, then handle_loss_recovery with C_lost ← ∅ (line 18); without recovery, skip i.
      const logLost = store(core.log, core.i, tag(LOST));
      const lose: CoreVars = config.recovery
        ? { ...core, log: logLost, phase: tag(RECOVER), cLost: core.cLost.map(() => FALSE) }
        : { ...nextI(core), log: logLost };
      // Lines 10–11: log[c][i] ← history, and the regular processing applies it.
      const keep: CoreVars = { ...nextI(core), log: store(core.log, core.i, tag(HISTORY)), applied: store(core.applied, core.i, TRUE) };
      return mergeCore(core.i.ugt(upToOf(core)), leave, mergeCore(core.i.ult(minseq(core.j)), lose, keep));
    };

    /** log[from][i] as waiting core c sees it. */
    const entryFor = (s: StateVars, c: number, from: number): Bits => select(s.cores[from]!.log, s.cores[c]!.i);
    /** Line 21 as the model reads it: no event while the entry is NOT_INIT (the not-init-as-lost fault reads it as LOST). */
    const mayRead = (s: StateVars, c: number, from: number): Bool => {
      const core = s.cores[c]!;
      const waiting = ctx.And(is(core.phase, RECOVER), ctx.Not(core.cLost[from]!));
      return config.fault === "not-init-as-lost" ? waiting : ctx.And(waiting, ctx.Not(is(entryFor(s, c, from), NOT_INIT)));
    };
    /** One read of log[from][i] (lines 19–33). */
    const read = (s: StateVars, c: number, from: number): CoreVars => {
      const core = s.cores[c]!;
      // Lines 27–30: history ← log[c'][i]; update state using history; return.
      const recovered: CoreVars = config.fault === "history-not-applied" ? nextI(core) : { ...nextI(core), applied: store(core.applied, core.i, TRUE) };
      // Lines 22–25: C_lost ← C_lost ∪ {c'}; if C_lost = C_others then return (C_lost is empty again on the next wait).
      const rest = core.cLost.filter((_, o) => o !== c && o !== from);
      const noted: CoreVars = { ...core, cLost: core.cLost.map((x, o) => (o === from ? TRUE : x)) };
      const returned: CoreVars = { ...nextI(core), cLost: core.cLost.map(() => FALSE) };
      const lostEverywhere = config.fault === "lost-everywhere-after-one" || rest.length === 0 ? returned : mergeCore(ctx.And(...rest), returned, noted);
      return mergeCore(is(entryFor(s, c, from), HISTORY), recovered, lostEverywhere);
    };

    /** The sequencer's `tailHolds`: every loss so far lies at least k deliveries back (lost#j, j < next ⇒ j ≤ next − 1 − k). */
    const tailHolds = (s: StateVars): Bool =>
      !config.tail ? TRUE : ctx.And(...packets.map((j) => ctx.Implies(ctx.And(lost[j]!, s.next.ugt(j)), s.next.uge(j + 1 + k))));
    /** The oldest packet in flight to a core (FIFO: the sequencer sends in increasing order). */
    const oldest = (core: CoreVars): Bits => packets.reduceRight((rest, j) => (core.link[j] ? ite(core.link[j]!, num(j), rest) : rest), num(0));
    const inFlight = (core: CoreVars): Bool[] => core.link.filter((x): x is Bool => x !== null);

    const guard = (s: StateVars, slot: Slot): Bool => {
      switch (slot.type) {
        case "seq": return ctx.And(ctx.Not(s.ended), s.next.ule(M));
        case "end": return ctx.And(ctx.Not(s.ended), config.streamEnd === "after-all" ? s.next.ugt(M) : ctx.Or(s.next.ugt(M), tailHolds(s)));
        case "receive": {
          const core = s.cores[slot.core]!;
          return ctx.And(is(core.phase, IDLE), slot.seq === null ? ctx.Or(...inFlight(core)) : core.link[slot.seq]!);
        }
        case "step": return is(s.cores[slot.core]!.phase, LOOP);
        case "read": return mayRead(s, slot.core, slot.from);
      }
    };
    const update = (s: StateVars, slot: Slot): StateVars => {
      switch (slot.type) {
        case "seq": {
          // Packet `next` goes to core (next − 1) mod k unless it is lost; either way the sequencer moves on.
          const cores = s.cores.map((core) => ({ ...core, link: core.link.map((x, j) => (x ? ctx.Or(x, ctx.And(is(s.next, j), ctx.Not(lost[j]!))) : null)) }));
          return { next: s.next.add(1), ended: s.ended, cores };
        }
        case "end": return { ...s, ended: TRUE };
        case "receive": {
          const core = s.cores[slot.core]!;
          return withCore(s, slot.core, receive(core, slot.seq === null ? oldest(core) : num(slot.seq)));
        }
        case "step": return withCore(s, slot.core, loopStep(s.cores[slot.core]!));
        case "read": return withCore(s, slot.core, read(s, slot.core, slot.from));
      }
    };

    // Alg. 1 line 1: max[c] ← 0, every log entry NOT_INIT; nothing sent, in flight or applied.
    const states = Array.from({ length: T + 1 }, (_, t) => fresh(t));
    const s0 = states[0]!;
    const init: Bool[] = [is(s0.next, 1), ctx.Not(s0.ended)];
    for (const core of s0.cores) {
      init.push(is(core.max, 0), is(core.phase, IDLE), is(core.j, 0), is(core.i, 0));
      if (core.upTo) init.push(is(core.upTo, 0));
      if (core.then) init.push(is(core.then, 0));
      for (const x of [...core.cLost, ...inFlight(core), ...core.applied.slice(1)]) init.push(ctx.Not(x));
      for (const x of core.log.slice(1)) init.push(is(x, NOT_INIT));
    }

    // Step t: event@t is enabled in state t − 1 and state t is what it makes of state t − 1, every variable
    // (unchanged ones included); or nothing is enabled, and it stutters.
    const events: Bits[] = [];
    const transitions: Bool[] = [];
    for (let t = 1; t <= T; t++) {
      const s = states[t - 1]!;
      const ev = ctx.BitVec.const(`event@${t}`, W);
      events.push(ev);
      const guards = slots.map((slot) => guard(s, slot));
      const after = variablesOf(states[t]!);
      const becomes = (values: readonly Term[]) => ctx.And(...after.map((a, v) => (a as Bits).eq(values[v] as Bits)));
      transitions.push(ev.ule(STUTTER), ctx.Implies(is(ev, STUTTER), ctx.And(ctx.Not(ctx.Or(...guards)), becomes(variablesOf(s)))));
      for (const [x, slot] of slots.entries()) transitions.push(ctx.Implies(is(ev, x), ctx.And(guards[x]!, becomes(variablesOf(update(s, slot))))));
    }

    // The claim at step T: quiescent, and atomicity (specs/scr-recovery.ts) for every i ≤ P = min_c max[c].
    const last = states[T]!;
    const quiescent = ctx.And(last.ended, ...last.cores.flatMap((core) => [is(core.phase, IDLE), ...inFlight(core).map((x) => ctx.Not(x))]));
    const P = last.cores.slice(1).reduce((p, core) => ite(core.max.ult(p), core.max, p), last.cores[0]!.max);
    const atomic = ctx.And(...packets.map((i) => ctx.Implies(P.uge(i), ctx.Or(
      ctx.And(...last.cores.map((core) => core.applied[i]!)),
      ctx.And(...last.cores.map((core) => ctx.Not(core.applied[i]!))),
    ))));

    // core/z3.ts shows integers and booleans: bit-vectors go through BV2Int.
    const shown = (x: Bits): Int => ctx.BV2Int(x, false);
    const show: Record<string, Bool | Int> = {};
    for (const j of packets) show[`lost#${j}`] = lost[j]!;
    for (const [t, ev] of events.entries()) show[`event@${t + 1}`] = shown(ev);
    show["quiescent@T"] = quiescent;
    show["enabled@T"] = ctx.Or(...slots.map((slot) => guard(last, slot)));
    for (const [c, core] of last.cores.entries()) {
      show[`max[${c}]`] = shown(core.max);
      show[`applied[${c}]`] = core.applied.slice(1).reduce<Int>((sum, x, i) => sum.add(ctx.If(x, ctx.Int.val(2 ** i), ctx.Int.val(0))), ctx.Int.val(0));
    }
    return { negation: [...init, ...assumptions, ...transitions, ctx.Not(ctx.And(quiescent, atomic))], show };
  };

  return { label: `k = ${k}, M = ${M}`, query, explain: (values) => explainRun(config, T, slots, values) };
}

/** The counterexample in the model's terms: the losses, the run replayed through recoveryModel, and the verdict. */
function explainRun(config: RecoveryConfig, T: number, slots: readonly Slot[], values: Readonly<Record<string, string>>): string {
  const k = config.cores;
  const lostSet = new Set<number>();
  for (let j = 1; j <= config.packets; j++) if (values[`lost#${j}`] === "true") lostSet.add(j);
  const run: RecoveryEvent[] = [];
  let state: RecoveryState = recoveryModel.init(config);
  let rejected: string | null = null;
  for (let t = 1; t <= T; t++) {
    const slot = slots[Number(values[`event@${t}`])];
    if (slot === undefined) break; // a stutter: nothing is enabled any more
    const event = toModelEvent(state, slot, lostSet, k);
    if (!recoveryModel.enabled(state, config).some((e) => JSON.stringify(e) === JSON.stringify(event))) {
      rejected = `the executable model does not enable event ${t} (${describeEvent(event)}) there: the encoding and the model disagree`;
      break;
    }
    run.push(event);
    state = recoveryModel.step(state, event, config);
  }
  const lostList = state.sequencer.lost;
  const losses = lostList.length === 0 ? "no packet lost" : `${lostList.length === 1 ? "packet" : "packets"} ${lostList.map((j) => `#${j}`).join(", ")} lost`;
  const head = `k = ${k}, M = ${config.packets}, ${losses}; run: ${run.map(describeEvent).join(", ") || "none"}`;
  if (rejected) return `${head}; ${rejected}`;
  const applied = state.cores
    .map((core, c) => `core ${c} applied ${formatRanges(toRanges(appliedList(core.applied).map((a) => a.i))) || "nothing"} (max ${core.max})`)
    .join(", ");
  if (!recoveryModel.quiescent(state, config)) {
    const why = recoveryModel.enabled(state, config).length > 0 ? `an event is still enabled after T = ${T} events: the bound is too small` : "no event is enabled: a deadlock";
    return `${head}; then the system is not quiescent and ${why} (${applied})`;
  }
  const verdict = atomicity.check(state, config);
  return `${head}; at quiescence P = ${passedByAll(state)} and ${applied}: ${verdict ?? "yet the model's atomicity check passes: the encoding and the model disagree"}`;
}

function toModelEvent(state: RecoveryState, slot: Slot, lostSet: ReadonlySet<number>, k: number): RecoveryEvent {
  switch (slot.type) {
    case "seq": {
      const seq = state.sequencer.next;
      return { type: lostSet.has(seq) ? "lose" : "send", seq, core: sprayedTo(seq, k) };
    }
    case "end": return { type: "end" };
    case "receive": return { type: "receive", core: slot.core, seq: slot.seq ?? state.cores[slot.core]!.link[0] ?? 0 };
    case "step": return { type: "step", core: slot.core };
    case "read": return { type: "read", core: slot.core, from: slot.from };
  }
}

function describeEvent(e: RecoveryEvent): string {
  switch (e.type) {
    case "send": return `send #${e.seq} to core ${e.core}`;
    case "lose": return `lose #${e.seq}`;
    case "end": return "end";
    case "receive": return `core ${e.core} receives #${e.seq}`;
    case "step": return `core ${e.core} steps`;
    case "read": return `core ${e.core} reads core ${e.from}'s log`;
  }
}
