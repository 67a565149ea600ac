/**
 * One core's loss-recovery log, `log[c][i]` of SCR §3.4 and Alg. 1: single writer (core c), read by every
 * other core. An entry is NOT_INIT (nothing written yet), LOST (c did not receive sequence i) or the
 * history of i (c received it, in the original packet or in a later packet's history).
 *
 * Two memories:
 * - unbounded (Theorem 1's assumption (2), "infinite memory"): one entry per sequence number;
 * - a ring of L entries indexed by i mod L (the implementation: 1 024 entries). Without a stored sequence
 *   number (`storesSeq: false`), a reader cannot tell the entry of i from the entry of i − L or i + L that
 *   shares its slot, and takes whatever is there for i. With it, a reader sees an older number as "not
 *   written yet" and a newer one as "overwritten": the history of i is gone, which it can detect.
 *
 * What is stored: the kind and, always, the number of the packet whose history it is (`seq`). The number
 * is a ghost when `storesSeq` is false: the algorithm never reads it, but the model uses it to apply the
 * history that is really there, so that a stale entry applies a stale packet's history.
 */
import { IntVector } from "../../core/int-vector.ts";
import type { KeyWriter } from "../../core/key-writer.ts";

export const NOT_INIT = 0;
export const LOST = 1;
export const HISTORY = 2;
export type EntryKind = typeof NOT_INIT | typeof LOST | typeof HISTORY;

export type LogMemory =
  | { readonly kind: "unbounded" }
  | { readonly kind: "ring"; readonly entries: number; readonly storesSeq: boolean };

/** What a reader looking for sequence i finds. */
export type Reading =
  | { readonly kind: typeof NOT_INIT }
  | { readonly kind: typeof LOST | typeof HISTORY; /** whose history or loss the entry records */ readonly seq: number }
  | { readonly kind: "overwritten"; readonly seq: number; readonly slot: number };

const encode = (kind: EntryKind, seq: number) => seq * 4 + kind;

export class RecoveryLog {
  private constructor(private readonly memory: LogMemory, private readonly cells: IntVector) {}

  /** Every entry NOT_INIT (Alg. 1 line 1); `packets` bounds the sequence numbers of an unbounded log. */
  static empty(memory: LogMemory, packets: number): RecoveryLog {
    return new RecoveryLog(memory, IntVector.zeros(memory.kind === "unbounded" ? packets + 1 : memory.entries));
  }

  slotOf(i: number): number {
    return this.memory.kind === "unbounded" ? i : i % this.memory.entries;
  }

  /** log[c][i] ← kind (Alg. 1 lines 7 and 11). */
  write(i: number, kind: typeof LOST | typeof HISTORY): RecoveryLog {
    return new RecoveryLog(this.memory, this.cells.set(this.slotOf(i), encode(kind, i)));
  }

  /** log[c'][i] as another core reads it (Alg. 1 lines 20, 22, 27). */
  read(i: number): Reading {
    const slot = this.slotOf(i);
    const cell = this.cells.get(slot);
    const kind = (cell & 3) as EntryKind;
    if (kind === NOT_INIT) return { kind: NOT_INIT };
    const seq = cell >>> 2;
    if (this.memory.kind === "ring" && this.memory.storesSeq) {
      if (seq < i) return { kind: NOT_INIT };
      if (seq > i) return { kind: "overwritten", seq, slot };
    }
    return { kind, seq };
  }

  writeKey(w: KeyWriter): void {
    this.cells.writeKey(w);
  }
}
