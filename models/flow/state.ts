/**
 * The flow manager's state (MiddleClick §II-D, §II-G) and a mutable copy of it that one step works on.
 *
 * The classification tree: a static level (the traffic class, e.g. TCP to port 80, whose default child is
 * the first dynamic level) and two dynamic PFP levels, each a small hash table with linear probing: the
 * IP level (slot → the node duplicated for one source IP) and, in each IP node, the port level (slot →
 * an FCB, a leaf). Nodes are identified by their IP-level slot; an FCB's parent is that slot.
 */
import type { FlowConfig } from "./config.ts";
import { POOLED_FCB, type Fcb, type Scratchpad } from "./fcb.ts";
import type { RefEntry } from "./reference.ts";

/** A node duplicated from the IP level's default child on a miss: its IP and its port table. */
export interface IpNode {
  readonly ip: number;
  readonly slots: readonly (number | null)[];
}

/** A packet being processed: it holds its FCB's count above zero until `done`. */
export interface Held {
  readonly session: number;
  readonly fcb: number;
  /** The FCB's lifetime when the packet got it. */
  readonly lifetime: number;
}

export type DropReason = "pool-empty" | "table-full";

/** What the last packet saw: its FCB and the scratchpad before it wrote, or why it was dropped. */
export type LastPacket =
  | { readonly session: number; readonly fcb: number; readonly lifetime: number; readonly observed: Scratchpad; readonly viaCache: boolean }
  | { readonly session: number; readonly dropped: DropReason };

export interface FlowState {
  readonly now: number;
  readonly nextTimer: number;
  /** Length of a pending list above which a batch ends with a sweep (exponential back-off; one for every thread's list). */
  readonly threshold: number;
  readonly ipLevel: readonly (IpNode | null)[];
  readonly fcbs: readonly Fcb[];
  /** The pool's free FCBs, a stack (FastClick's per-thread pools are LIFO). */
  readonly free: readonly number[];
  /** The pending-timeout lists, one per thread, kept as one: thread t's is the FCBs of t's sessions, in order (release.ts). */
  readonly pending: readonly number[];
  /** The RSS cache of §II-F: hash slot → FCB. */
  readonly cache: readonly (number | null)[];
  readonly held: readonly Held[];
  /** Packets each session has sent. */
  readonly sent: readonly number[];
  readonly drops: { readonly poolEmpty: number; readonly tableFull: number };
  /** Set by a packet event, null after any other. */
  readonly last: LastPacket | null;
  /** The reference: a map with expiry (reference.ts), kept beside the flow manager for the specs. */
  readonly ref: readonly (RefEntry | null)[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What a step changes: its arrays are the step's own copies (the large ones made on first write, through
 * `own`: writing one without it would change the state the step started from); elements are replaced,
 * never written in place.
 */
export interface Draft extends Mutable<Omit<FlowState, "ipLevel" | "fcbs" | "free" | "pending" | "cache" | "held" | "sent" | "ref" | "drops">> {
  ipLevel: (IpNode | null)[];
  fcbs: Fcb[];
  free: number[];
  pending: number[];
  cache: (number | null)[];
  held: Held[];
  sent: number[];
  ref: (RefEntry | null)[];
  drops: { poolEmpty: number; tableFull: number };
}

export function initialState(c: FlowConfig): FlowState {
  return {
    now: 0, nextTimer: c.cleanTimer, threshold: c.threshold,
    ipLevel: Array.from({ length: c.ipBuckets }, () => null),
    fcbs: Array.from({ length: c.pool }, () => POOLED_FCB),
    // The top of the stack is the end: FCB 0 is handed out first.
    free: Array.from({ length: c.pool }, (_, i) => c.pool - 1 - i),
    pending: [],
    cache: Array.from({ length: c.cache }, () => null),
    held: [],
    sent: Array.from({ length: c.sessions }, () => 0),
    drops: { poolEmpty: 0, tableFull: 0 },
    last: null,
    ref: Array.from({ length: c.sessions }, () => null),
  };
}

/**
 * The draft being written and the arrays it has copied so far (the others are still the previous state's).
 * One draft at a time, in a module variable rather than a WeakMap from drafts to sets: a WeakMap entry per
 * step cost a third of the flow explorer's time. A draft that is written after another one was made forgets
 * what it had copied and copies again, which costs a copy and changes nothing.
 */
let drafting: Draft | null = null;
const copied = new Set<Owned>();

/**
 * A draft of `s` for one step: the small arrays are copied now; the FCBs, the pool, the per-session
 * arrays, the IP level and the cache (thousands of entries at scale) only when the step first writes
 * them (`own`).
 */
export function draftOf(s: FlowState): Draft {
  // Field by field rather than `{ ...s }`: the spread was most of what a step spent here (it looks the
  // fields up by name on every copy); the type checker says when a field of FlowState is missing.
  const d: Draft = {
    now: s.now, nextTimer: s.nextTimer, threshold: s.threshold,
    ipLevel: s.ipLevel as Draft["ipLevel"], fcbs: s.fcbs as Draft["fcbs"], free: s.free as Draft["free"],
    pending: [...s.pending], cache: s.cache as Draft["cache"], held: [...s.held], sent: s.sent as Draft["sent"],
    drops: { poolEmpty: s.drops.poolEmpty, tableFull: s.drops.tableFull }, last: s.last, ref: s.ref as Draft["ref"],
  };
  drafting = d;
  copied.clear();
  return d;
}

type Owned = "ipLevel" | "cache" | "sent" | "ref" | "fcbs" | "free";

/** The draft's own copy of one of its lazily copied arrays, to write to. */
export function own<K extends Owned>(d: Draft, key: K): Draft[K] {
  if (drafting !== d) {
    drafting = d;
    copied.clear();
  }
  if (!copied.has(key)) {
    copied.add(key);
    (d as unknown as Record<K, unknown[]>)[key] = [...d[key]];
  }
  return d[key];
}

/** Replaces FCB `id` with `f` changed by `patch`. */
export function setFcb(d: Draft, id: number, patch: Partial<Fcb>): Fcb {
  const f = { ...d.fcbs[id]!, ...patch };
  own(d, "fcbs")[id] = f;
  return f;
}
