/**
 * The per-direction list of stream modifications of MiddleClick §IV-C: "a list of modifications,
 * represented by a position (the position at which the modification occurred) and an offset that
 * corresponds to the number of bytes modified. This offset is negative if bytes are removed and positive if
 * bytes are added." Positions are in the original sequence space of the direction, modulo 2^32.
 *
 * Reading of a modification (pos, offset), where the paper leaves room:
 * - offset −n: original bytes pos .. pos+n−1 are removed;
 * - offset +n: n new bytes are inserted just before original byte pos.
 * Modifications are committed in stream order and never overlap (each original byte is edited at most once),
 * as the reference implementation relies on.
 *
 * The two maps:
 * - mapSeq(s), original → modified, maps a sequence number as the middlebox rewrites it in a segment that
 *   starts at original s: the modified stream's position of the boundary before s. Edits at s itself are
 *   the segment's own (an insertion at s is sent at the front of that segment, so it is not counted; the
 *   reference implementation looks up the floor of s − 1 for this reason). A boundary inside a removed
 *   region maps to where the region was.
 * - mapAck(a), modified → original, maps a cumulative ACK: a says the receiver has every modified byte
 *   before a; in the original space that covers every byte before the last boundary b with mapSeq(b) ≤ a,
 *   i.e. every original byte whose whole image (itself, or the bytes inserted in its place) has arrived.
 *   So an ACK inside (or at the end of) inserted bytes maps to the insertion point: the original byte after
 *   them is not acknowledged yet; removed bytes with nothing inserted in their place count as acknowledged
 *   as soon as everything before them is (they have no image to wait for).
 * Laws (tested against a byte-by-byte rewrite, and proved with Z3 in proofs/tcp-mapping.ts for lists of up
 * to one modification by default, two on request): mapAck(mapSeq(x)) = x for every kept byte x; both maps
 * are monotone.
 *
 * Pruning: once the receiver acknowledges original position o, modifications wholly before o can go; their
 * offsets are folded into `shift`, so every number at or after the pruning point (`floor`) maps exactly as
 * before. Numbers below the floor cannot be mapped any more: a retransmission from below it is the hazard
 * the paper warns about ("an ACK may induce a retransmission of previously sent data").
 *
 * The reference implementation keeps the same numbers in two red-black trees instead, with two bugs of its
 * own: a variant of this list, `modificationList: "fastclick"` (models/tcp/fastclick-list.ts).
 */
import { SERIAL_ORDER, seqAdd, type SeqOrder } from "./serial.ts";

export interface Modification {
  /** Original sequence number where the edit happens. */
  readonly pos: number;
  /** −n: n bytes removed from pos on; +n: n bytes inserted before pos. Never 0. */
  readonly offset: number;
}

export interface ModificationList {
  /** Lowest original number the list still maps (raised by pruning). */
  readonly floor: number;
  /** Sum of the offsets of the pruned modifications. */
  readonly shift: number;
  /** In stream order, not overlapping, all at or after `floor`. */
  readonly mods: readonly Modification[];
}

export class ModificationError extends Error {
  override readonly name = "ModificationError";
}

export function emptyList(isn: number): ModificationList {
  return { floor: isn >>> 0, shift: 0, mods: [] };
}

/**
 * The list's operations, over the list's representation `L`: this list, or a variant that keeps the
 * numbers another way (FastClick's two trees, models/tcp/fastclick-list.ts).
 */
export interface ListOps<L = ModificationList> {
  /** The list of a new connection whose first byte is `isn`. */
  empty(isn: number): L;
  addModification(list: L, m: Modification): L;
  /** The modifications one segment's rewriting decided, in stream order (absent: added one by one). */
  commit?(list: L, mods: readonly Modification[], first: number): L;
  mapSeq(list: L, s: number): number;
  mapAck(list: L, a: number): number;
  /** Called when the receiver has every byte before original position `o` (the mapped ACK). */
  prune(list: L, o: number): L;
  /** Called on every ACK from the receiver, as it came (absent: nothing); the reference prunes here. */
  onAck?(list: L, ack: number): L;
  /** The list as positions and offsets (the identity here), where the specs probe the maps. */
  view(list: L): ModificationList;
}

/** Broken variants of the list, for the mutants (models/tcp/faults.ts); the model uses none of them. */
export interface ListFaults {
  /** mapAck: an ACK inside inserted bytes maps past the insertion, as if the bytes were original ones. */
  readonly ackPastInsertion?: boolean;
  /** mapSeq: a number inside a removed region maps to the far side of the removal, as if it were kept. */
  readonly removedFarSide?: boolean;
}

/**
 * The operations with a given order of sequence numbers: the serial order of RFC 1982 for the model, plain
 * `<` for the mutant that forgets about wrap-around.
 */
export function listOps(order: SeqOrder, faults: ListFaults = {}): ListOps {
  const { lt: seqLt, le: seqLe, gt: seqGt, ge: seqGe } = order;
  const endOf = (m: Modification) => (m.offset < 0 ? seqAdd(m.pos, -m.offset) : m.pos);

  /** Records an edit; edits come in stream order and do not overlap earlier ones. */
  function addModification(list: ModificationList, m: Modification): ModificationList {
    if (!Number.isInteger(m.offset) || m.offset === 0) throw new ModificationError(`a modification needs a non-zero integer offset, got ${m.offset}`);
    const pos = m.pos >>> 0;
    if (seqLt(pos, list.floor)) throw new ModificationError(`modification at ${pos} is below the list's floor ${list.floor}`);
    const last = list.mods[list.mods.length - 1];
    if (last !== undefined) {
      const lastEnd = endOf(last);
      // A removal may follow an insertion at the same position; otherwise edits must not overlap.
      if (seqLt(pos, lastEnd) || (seqLe(pos, last.pos) && !(pos === last.pos && last.offset > 0 && m.offset < 0))) {
        throw new ModificationError(`modification at ${pos} (${m.offset}) overlaps or precedes the one at ${last.pos} (${last.offset})`);
      }
    }
    return { ...list, mods: [...list.mods, { pos, offset: m.offset }] };
  }

  /** Original → modified, for a sequence number at the start of a segment (see the header). */
  function mapSeq(list: ModificationList, s: number): number {
    let shift = list.shift;
    for (const m of list.mods) {
      if (seqLe(s, m.pos)) break;
      if (m.offset < 0 && seqLt(s, endOf(m))) return seqAdd(faults.removedFarSide ? s : m.pos, shift); // inside a removed region
      shift += m.offset;
    }
    return seqAdd(s, shift);
  }

  /** Modified → original, for a cumulative acknowledgement (see the header). */
  function mapAck(list: ModificationList, a: number): number {
    let shift = list.shift;
    for (const m of list.mods) {
      const at = seqAdd(m.pos, shift); // the modified position of the boundary before m.pos
      if (m.offset > 0) {
        if (seqLe(a, at)) return seqAdd(a, -shift);
        if (seqLt(a, seqAdd(at, m.offset))) return faults.ackPastInsertion ? seqAdd(a, -shift) : m.pos; // inside the inserted bytes
      } else if (seqLt(a, at)) {
        return seqAdd(a, -shift);
      }
      shift += m.offset;
    }
    return seqAdd(a, -shift);
  }

  /**
   * Forgets what an acknowledgement of original position `o` makes unnecessary: removals that end at or
   * before o, insertions before o (the byte after them has been received). Mapping of numbers ≥ o is kept.
   */
  function prune(list: ModificationList, o: number): ModificationList {
    if (seqLe(o, list.floor)) return list;
    let shift = list.shift;
    let kept = 0;
    for (const m of list.mods) {
      const done = m.offset < 0 ? seqLe(endOf(m), o) : seqLt(m.pos, o);
      if (!done) break;
      shift += m.offset;
      kept++;
    }
    // The floor cannot rise past a modification still in the list.
    const next = list.mods[kept];
    const floor = next !== undefined && seqGt(o, next.pos) ? next.pos : o;
    return { floor: seqGe(floor, list.floor) ? floor : list.floor, shift, mods: list.mods.slice(kept) };
  }

  return { empty: emptyList, addModification, mapSeq, mapAck, prune, view: (list) => list };
}

export const { addModification, mapSeq, mapAck, prune } = listOps(SERIAL_ORDER);
