/**
 * The explorer's state key for the flow manager (core/key-writer.ts). It leaves out what no step and no
 * spec can tell apart, so that states that differ only there are explored once:
 * - the drop counters and the last packet's observation (read by step properties on the transition that
 *   sets it, never later);
 * - absolute ages past what any rule compares: the time since an idle FCB's count reached zero (or, for
 *   an FCB no held packet holds, since its last release — the same time unless an over-release broke
 *   the count) is capped at timeout + clean timer + 1 (expiry, early and bounded release compare it with
 *   less), and a session of the reference map that expired is written as absent;
 * - lifetime counters, written as differences (callbacks − lifetimes, and for a held packet how many
 *   lifetimes its FCB has ended since the packet got it), which is all the specs compare;
 * - a pooled FCB's stale time, scratchpad and counters (allocation resets them).
 */
import type { KeyWriter } from "../../core/key-writer.ts";
import type { FlowConfig } from "./config.ts";
import { refAlive } from "./reference.ts";
import type { FlowState } from "./state.ts";

/** Offsets that keep small signed differences non-negative. */
const BIAS = 1_000;

export function writeFlowKey(s: FlowState, w: KeyWriter, c: FlowConfig): void {
  const ageCap = c.timeout + c.cleanTimer + 1;
  w.int(s.now).int(s.nextTimer).int(s.threshold);
  for (const n of s.ipLevel) {
    if (n === null) {
      w.int(0);
      continue;
    }
    w.int(n.ip + 1);
    for (const x of n.slots) w.int(x === null ? 0 : x + 1);
  }
  w.ints(s.free).ints(s.pending);
  for (const x of s.cache) w.int(x === null ? 0 : x + 1);
  for (let id = 0; id < s.fcbs.length; id++) {
    const f = s.fcbs[id]!;
    w.int(f.port).int(f.callbacks - f.lifetimes + BIAS);
    if (f.session === null) {
      w.int(0);
      continue;
    }
    const aged = f.count === 0 || c.fault === "timeout-from-arrival" || !s.held.some((h) => h.fcb === id && h.lifetime === f.lifetimes);
    const age = aged ? Math.min(s.now - f.lastRelease, ageCap) : 0;
    w.int(f.session + 1).int(f.parent === null ? 0 : f.parent + 1).int(f.count).int(f.inList ? 1 : 0).int(f.timeout)
      .int(f.scratch.owner === null ? 0 : f.scratch.owner + 1).int(f.scratch.packets).int(age + BIAS);
  }
  w.int(s.held.length);
  for (const h of s.held) w.int(h.session).int(h.fcb).int(s.fcbs[h.fcb]!.lifetimes - h.lifetime + BIAS);
  for (const n of s.sent) w.int(n);
  for (const e of s.ref) {
    if (!refAlive(e, s.now, c.timeout)) {
      w.int(0);
      continue;
    }
    w.int(1).int(e.packets).int(e.held).int(e.held === 0 ? Math.min(s.now - e.idleSince, c.timeout) : 0);
  }
}
