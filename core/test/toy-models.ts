/** Small models with known state spaces, to test the engine against hand-computed answers. */
import * as fc from "fast-check";
import { ModelError, type Model } from "../model.ts";
import type { Invariant } from "../spec.ts";

/**
 * Two processes take two locks in opposite order (p0: A then B, p1: B then A), then release both.
 * The classic deadlock: p0 holds A, p1 holds B, each waits for the other. Shortest path to it: 2 events.
 */
export interface LockState {
  readonly pc: readonly [number, number];
  readonly a: number | null;
  readonly b: number | null;
}
export type LockEvent = { readonly type: "advance"; readonly p: 0 | 1 };

const wants = (p: 0 | 1, pc: number): "a" | "b" | "release" | "done" => {
  if (pc === 0) return p === 0 ? "a" : "b";
  if (pc === 1) return p === 0 ? "b" : "a";
  return pc === 2 ? "release" : "done";
};

export const lockModel: Model<LockState, LockEvent, null> = {
  name: "toy.locks",
  init: () => ({ pc: [0, 0], a: null, b: null }),
  enabled(s) {
    const out: LockEvent[] = [];
    for (const p of [0, 1] as const) {
      const w = wants(p, s.pc[p]);
      if (w === "release" || ((w === "a" || w === "b") && s[w] === null)) out.push({ type: "advance", p });
    }
    return out;
  },
  step(s, e) {
    if (!this.enabled(s, null).some((x) => x.p === e.p)) throw new ModelError(`process ${e.p} cannot move`);
    const w = wants(e.p, s.pc[e.p]);
    const pc: [number, number] = [s.pc[0], s.pc[1]];
    pc[e.p]++;
    if (w === "release") return { pc, a: s.a === e.p ? null : s.a, b: s.b === e.p ? null : s.b };
    return { ...s, pc, [w]: e.p };
  },
  quiescent: (s) => s.pc[0] === 3 && s.pc[1] === 3,
};

/** A counter that adds 1 or 2 up to `max`; its states are 0..max. */
export interface CounterConfig {
  readonly max: number;
  /** The invariant forbids this value (none when null). */
  readonly forbidden: number | null;
}
export type CounterEvent = { readonly type: "add"; readonly by: 1 | 2 };

export const counterModel: Model<number, CounterEvent, CounterConfig> = {
  name: "toy.counter",
  init: () => 0,
  enabled: (s, c) => ([1, 2] as const).filter((by) => s + by <= c.max).map((by) => ({ type: "add", by })),
  step(s, e, c) {
    if (s + e.by > c.max) throw new ModelError(`${s} + ${e.by} exceeds ${c.max}`);
    return s + e.by;
  },
  arbitraryEvents: () => fc.array(fc.constantFrom<CounterEvent>({ type: "add", by: 1 }, { type: "add", by: 2 }), { maxLength: 40 }),
  quiescent: () => true,
};

export const notForbidden: Invariant<number, CounterConfig> = {
  kind: "invariant",
  name: "not-forbidden",
  check: (s, c) => (s === c.forbidden ? `reached the forbidden value ${s}` : null),
};

/**
 * A counter that only counts up (0, 1, 2, … without end) and writes a key of `width` units per state:
 * big states as the visited set sees them, for the memory ceiling. Its memory grows outside V8's heap.
 */
export const bigKeyModel: Model<number, { readonly type: "next" }, { readonly width: number }> = {
  name: "toy.big-keys",
  init: () => 0,
  enabled: () => [{ type: "next" }],
  step: (s) => s + 1,
  quiescent: () => false,
  writeKey(s, w, c) {
    w.int(s);
    for (let x = 0; x < c.width; x++) w.int(x & 0xff);
  },
};
