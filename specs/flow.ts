/**
 * What the flow manager (models/flow/) must guarantee, written against its state and, for the reference
 * semantics, against a map with expiry kept beside it (models/flow/reference.ts). Issue 5's list:
 *
 * no-use-after-free   no FCB is released or renewed while its use count is above zero; a held packet's
 *                     FCB is always the one it got, in the same lifetime, of its own session;
 * no-early-release    no FCB is released or renewed before last release + timeout (the configured timeout);
 * pool-conservation   every FCB is either in the pool or in the tree, once; no double free; the release
 *                     callbacks ran exactly once per ended lifetime;
 * lookup-correctness  a packet only ever gets an FCB of its own session, one that verifies (Fig. 5 (2));
 *                     no session has two live FCBs;
 * session-isolation   a packet never sees another session's scratchpad;
 * bounded-release     an idle FCB (one no held packet holds) is released at most timeout + clean timer
 *                     after its last packet was released;
 * no-leak             at the end, no empty dynamic node is left in the tree, and once every FCB has been
 *                     idle for timeout + clean timer, the tree is back to its static shape, the pool full;
 * reference-semantics every packet finds in its scratchpad exactly what a map with expiry holds for its
 *                     session (the packets of its live lifetime, or nothing), and no packet of a live
 *                     session is dropped;
 * no-state-loss       a packet of a session the map with expiry holds live (a packet of it still held, or
 *                     its last one released less than the timeout ago) finds at least the packets of that
 *                     lifetime counted: the state is never lost mid-flow. Reference-semantics says the
 *                     same and more: it also rejects state kept past the timeout, as a revival keeps it
 *                     (FastClick check_fcb_still_valid), which this one accepts as the session going on —
 *                     so a revival that later loses the state (the code's zero timeout) is seen as the
 *                     loss it is, not as the revival that came first;
 * use-count-conservation  a live FCB's use count is the number of held packets of its current lifetime.
 *
 * Idle and held are judged by the held packets (not by the count), so that an FCB whose count went wrong
 * (an over-release wrapping it around: FastClick common.hh) is still seen idle by bounded-release and
 * no-leak.
 */
import type { Invariant, QuiescenceProperty, StepProperty } from "../core/spec.ts";
import { sessionFields, type FlowConfig } from "../models/flow/config.ts";
import { isLive, type Fcb } from "../models/flow/fcb.ts";
import { refAlive, refExpectedPackets } from "../models/flow/reference.ts";
import type { FlowState } from "../models/flow/state.ts";
import type { FlowEvent } from "../models/flow/system.ts";
import { verify } from "../models/flow/tree.ts";

export const NO_USE_AFTER_FREE = "no-use-after-free";
export const NO_EARLY_RELEASE = "no-early-release";
export const POOL_CONSERVATION = "pool-conservation";
export const LOOKUP_CORRECTNESS = "lookup-correctness";
export const SESSION_ISOLATION = "session-isolation";
export const BOUNDED_RELEASE = "bounded-release";
export const NO_LEAK = "no-leak";
export const REFERENCE_SEMANTICS = "reference-semantics";
export const NO_STATE_LOSS = "no-state-loss";
export const USE_COUNT_CONSERVATION = "use-count-conservation";

type FlowInvariant = Invariant<FlowState, FlowConfig>;
type FlowStepProperty = StepProperty<FlowState, FlowEvent, FlowConfig>;
type FlowQuiescence = QuiescenceProperty<FlowState, FlowConfig>;

const who = (session: number | null) => (session === null ? "the pool" : `session ${session}`);

/** How many held packets hold FCB `id` in its current lifetime. */
const holders = (s: FlowState, id: number): number => {
  let n = 0;
  for (const h of s.held) if (h.fcb === id && h.lifetime === s.fcbs[id]!.lifetimes) n++;
  return n;
};

/**
 * FCBs whose lifetime ended in this step (released or renewed): id, before, after, and how many packets
 * still held it when it ended — its count before the step, less the packet a `done` event released
 * first, before anything else happened in the step.
 */
function* ended(before: FlowState, event: FlowEvent, after: FlowState): Generator<[number, Fcb, Fcb, number]> {
  const doneOn = event.type === "done" ? before.held[event.index]?.fcb : undefined;
  for (let id = 0; id < before.fcbs.length; id++) {
    const b = before.fcbs[id]!;
    const a = after.fcbs[id]!;
    if (a.lifetimes !== b.lifetimes) yield [id, b, a, b.count - (id === doneOn ? 1 : 0)];
  }
}

export const noUseAfterFreeStep: FlowStepProperty = {
  kind: "step", name: NO_USE_AFTER_FREE,
  check(before, event, after) {
    for (const [id, b, a, holding] of ended(before, event, after)) {
      if (holding > 0) return `FCB ${id} of session ${b.session} was ${isLive(a) ? `renewed for ${who(a.session)}` : "released"} with ${holding} packet(s) still holding it`;
    }
    return null;
  },
};

export const noUseAfterFreeHeld: FlowInvariant = {
  kind: "invariant", name: NO_USE_AFTER_FREE,
  check(s) {
    for (const h of s.held) {
      const f = s.fcbs[h.fcb]!;
      if (!isLive(f)) return `a held packet of session ${h.session} uses FCB ${h.fcb}, which is back in the pool`;
      if (f.lifetimes !== h.lifetime || f.session !== h.session) return `a held packet of session ${h.session} uses FCB ${h.fcb}, which now belongs to ${who(f.session)} (a new lifetime)`;
    }
    return null;
  },
};

export const noEarlyRelease: FlowStepProperty = {
  kind: "step", name: NO_EARLY_RELEASE,
  check(before, event, after, c) {
    for (const [id, b, , holding] of ended(before, event, after)) {
      if (holding > 0) continue; // no-use-after-free's case
      // Idle since this step when this step's packet was its last one.
      const idleSince = b.count > 0 ? after.now : b.lastRelease;
      if (after.now < idleSince + c.timeout) {
        return `FCB ${id} of session ${b.session} ended its lifetime at ${after.now} s, before ${idleSince + c.timeout} s (idle since ${idleSince} s, timeout ${c.timeout} s)`;
      }
    }
    return null;
  },
};

export const poolConservation: FlowInvariant = {
  kind: "invariant", name: POOL_CONSERVATION,
  check(s) {
    // Where each FCB was seen: 0 nowhere, 1 in the pool, 2 in the tree (typed, for tables of thousands).
    const where = new Uint8Array(s.fcbs.length);
    for (const id of s.free) {
      if (where[id] === 1) return `FCB ${id} is in the pool twice (double free)`;
      where[id] = 1;
      if (isLive(s.fcbs[id]!)) return `FCB ${id} is in the pool and belongs to session ${s.fcbs[id]!.session}`;
    }
    for (let slot = 0; slot < s.ipLevel.length; slot++) {
      const n = s.ipLevel[slot]!;
      if (n === null) continue;
      for (const id of n.slots) {
        if (id === null) continue;
        if (where[id] === 2) return `FCB ${id} is in the tree twice`;
        where[id] = 2;
        const f = s.fcbs[id]!;
        if (!isLive(f)) return `the tree (IP node ${n.ip}) holds FCB ${id}, which is back in the pool`;
        if (f.parent !== slot) return `FCB ${id} hangs under IP node ${n.ip} but its parent pointer says otherwise`;
      }
    }
    for (let id = 0; id < s.fcbs.length; id++) {
      const f = s.fcbs[id]!;
      if (where[id] === 0) return isLive(f) ? `FCB ${id} of session ${f.session} is neither in the pool nor reachable in the tree` : `FCB ${id} is lost: neither in the pool nor in the tree`;
      if (f.callbacks !== f.lifetimes) return `FCB ${id}: ${f.lifetimes} lifetime(s) ended but the release callbacks ran ${f.callbacks} time(s)`;
    }
    return null;
  },
};

export const lookupCorrectness: FlowStepProperty = {
  kind: "step", name: LOOKUP_CORRECTNESS,
  check(_before, event, after, c) {
    if (event.type !== "packet" || after.last === null || "dropped" in after.last) return null;
    const { fcb } = after.last;
    const f = after.fcbs[fcb]!;
    if (f.session !== event.session) return `a packet of session ${event.session} got FCB ${fcb}, which belongs to ${who(f.session)}${after.last.viaCache ? " (through the RSS cache)" : ""}`;
    if (!verify(after, sessionFields(c, event.session), fcb)) return `a packet of session ${event.session} got FCB ${fcb}, which does not verify against its fields (Fig. 5 (2))`;
    return null;
  },
};

export const oneFcbPerSession: FlowInvariant = {
  kind: "invariant", name: LOOKUP_CORRECTNESS,
  check(s) {
    const owner = new Map<number, number>();
    for (let id = 0; id < s.fcbs.length; id++) {
      const f = s.fcbs[id]!;
      if (f.session === null) continue;
      const other = owner.get(f.session);
      if (other !== undefined) return `session ${f.session} has two live FCBs, ${other} and ${id}`;
      owner.set(f.session, id);
    }
    return null;
  },
};

export const sessionIsolation: FlowStepProperty = {
  kind: "step", name: SESSION_ISOLATION,
  check(_before, event, after) {
    if (event.type !== "packet" || after.last === null || "dropped" in after.last) return null;
    const { observed, fcb } = after.last;
    if (observed.owner !== null && observed.owner !== event.session) {
      return `a packet of session ${event.session} read FCB ${fcb}'s scratchpad as session ${observed.owner} left it (${observed.packets} packet(s))`;
    }
    return null;
  },
};

export const boundedRelease: FlowInvariant = {
  kind: "invariant", name: BOUNDED_RELEASE,
  check(s, c) {
    for (let id = 0; id < s.fcbs.length; id++) {
      const f = s.fcbs[id]!;
      if (isLive(f) && s.now > f.lastRelease + c.timeout + c.cleanTimer && holders(s, id) === 0) {
        const count = f.count === 0 ? "" : ` (no packet holds it, yet its use count is ${f.count})`;
        return `FCB ${id} of session ${f.session} has been idle since ${f.lastRelease} s and is still not released at ${s.now} s${count} (bound: timeout ${c.timeout} s + clean timer ${c.cleanTimer} s)`;
      }
    }
    return null;
  },
};

export const noLeak: FlowQuiescence = {
  kind: "quiescent", name: NO_LEAK,
  check(s, c) {
    for (const n of s.ipLevel) {
      if (n !== null && n.slots.every((x) => x === null)) return `the IP node ${n.ip} has no children left but was not pruned`;
    }
    // Nothing held: every live FCB is idle, whatever its count says.
    const live = s.fcbs.filter(isLive);
    const settled = s.held.length === 0 && live.every((f) => s.now >= f.lastRelease + c.timeout + c.cleanTimer);
    if (!settled) return null;
    if (s.free.length !== s.fcbs.length) return `every flow ended by ${s.now - c.timeout - c.cleanTimer} s, yet only ${s.free.length} of ${s.fcbs.length} FCBs are back in the pool at ${s.now} s`;
    const nodes = s.ipLevel.filter((n) => n !== null).length;
    if (nodes > 0) return `every flow ended and every FCB is free, yet ${nodes} dynamic node(s) are left in the tree`;
    if (s.pending.length > 0) return `every FCB is free, yet ${s.pending.length} are still on the pending-timeout list`;
    return null;
  },
};

export const referenceSemantics: FlowStepProperty = {
  kind: "step", name: REFERENCE_SEMANTICS,
  check(before, event, after, c) {
    if (event.type !== "packet" || after.last === null) return null;
    const e = before.ref[event.session]!;
    if ("dropped" in after.last) {
      return refAlive(e, before.now, c.timeout) ? `a packet of session ${event.session}, live since its last packet, was dropped (${after.last.dropped})` : null;
    }
    const expected = refExpectedPackets(e, before.now, c.timeout);
    const seen = after.last.observed.owner === event.session ? after.last.observed.packets : 0;
    if (seen !== expected) {
      const why = expected === 0 ? (e === null ? "it is the session's first packet" : `the session expired at ${e.idleSince + c.timeout} s`) : `the session is live with ${expected} packet(s)`;
      return `a packet of session ${event.session} at ${before.now} s found ${seen} packet(s) counted in its FCB; a map with expiry has ${expected}: ${why}`;
    }
    return null;
  },
};

export const noStateLoss: FlowStepProperty = {
  kind: "step", name: NO_STATE_LOSS,
  check(before, event, after, c) {
    if (event.type !== "packet" || after.last === null || "dropped" in after.last) return null;
    const e = before.ref[event.session]!;
    const expected = refExpectedPackets(e, before.now, c.timeout);
    const seen = after.last.observed.owner === event.session ? after.last.observed.packets : 0;
    if (seen < expected) {
      const live = e.held > 0 ? `${e.held} packet(s) of it still held` : `its last packet released at ${e.idleSince} s, within the timeout of ${c.timeout} s`;
      return `a packet of session ${event.session} at ${before.now} s found ${seen} packet(s) counted in FCB ${after.last.fcb}: the session's state was lost mid-flow (the session is live, ${live}, with ${expected} packet(s) in a map with expiry)`;
    }
    return null;
  },
};

export const useCountConservation: FlowInvariant = {
  kind: "invariant", name: USE_COUNT_CONSERVATION,
  check(s) {
    const held = new Map<number, number>();
    for (const h of s.held) if (h.lifetime === s.fcbs[h.fcb]!.lifetimes) held.set(h.fcb, (held.get(h.fcb) ?? 0) + 1);
    for (let id = 0; id < s.fcbs.length; id++) {
      const f = s.fcbs[id]!;
      if (!isLive(f)) continue;
      const n = held.get(id) ?? 0;
      if (f.count !== n) return `FCB ${id} of session ${f.session} has use count ${f.count}, but ${n} held packet(s) hold it`;
    }
    return null;
  },
};

export const FLOW_SPECS = [
  noUseAfterFreeStep, noUseAfterFreeHeld, noEarlyRelease, poolConservation, lookupCorrectness, oneFcbPerSession,
  sessionIsolation, boundedRelease, noLeak, referenceSemantics, noStateLoss, useCountConservation,
] as const;

export const FLOW_PROPERTIES = [
  NO_USE_AFTER_FREE, NO_EARLY_RELEASE, POOL_CONSERVATION, LOOKUP_CORRECTNESS, SESSION_ISOLATION, BOUNDED_RELEASE, NO_LEAK, REFERENCE_SEMANTICS,
  NO_STATE_LOSS, USE_COUNT_CONSERVATION,
] as const;
