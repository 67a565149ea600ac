/**
 * The stream-rewriting middlebox of MiddleClick §IV-B and §IV-C, one direction of data (sender → receiver)
 * and the ACKs coming back. It does not terminate the connection: it rewrites segments as they pass.
 *
 * Data (§IV-B): the bytes of a segment beyond what the middlebox has seen go to the rewriter, which says
 * up to where the stream is decided; bytes after that are held (kept in the flow's state, "a request for
 * more data", Fig. 13) and go out with the segment that decides them. The FIN makes the rewriter decide
 * the rest. Every decided edit is recorded twice: in the edit log (the bytes to insert, so that a
 * retransmission is rewritten the same way) and in the modification list (§IV-C, for the numbers). A
 * segment goes out with sequence number mapSeq(its first byte) and its bytes rewritten by the edit log.
 *
 * ACKs (§IV-C): an ACK is mapped back with mapAck and, "once an ACK arrives for the data, the list can
 * be pruned": modifications the ACK covers are folded into the list's base shift and leave the edit log.
 *
 * Choices where the paper and the reference implementation leave room (see also the config):
 * - A segment that starts beyond what the middlebox has seen is dropped; the sender retransmits it. (The
 *   reference orders segments first; dropping keeps the model small and is legal TCP.)
 * - A retransmission that starts below the last ACK the middlebox forwarded — the sender did not see that
 *   ACK — is trimmed to it, and the middlebox answers with that ACK again (`belowAck: "trim"`, as the
 *   reference answers with a forged ACK below the last ACK). The receiver has every byte below it, and the
 *   pruned list could not map them. `belowAck: "map"` maps them through the pruned list anyway: the
 *   hazard §IV-C warns about, kept as a broken variant.
 * - Retransmitted bytes are rewritten from the edit log whatever their segmentation. (The reference resends
 *   its buffered modified copy whose sequence number matches, so a re-segmented retransmission matches no
 *   copy: kept as the variant `retransmissions: "fastclick-retransmitter"`, models/tcp/retransmitter.ts.)
 * - The list may be FastClick's trees instead (`modificationList: "fastclick"`, models/tcp/fastclick-list.ts),
 *   which prune themselves on the ACKs as they come (ListOps.onAck).
 * - A segment whose bytes were all removed has nothing to forward. When the middlebox knows the receiver
 *   has everything before it, it answers the sender itself with an ACK of its end, as the reference's
 *   TCPOut forges one; otherwise the sender's retransmission will come back once that is known.
 */
import type { FastClickList } from "./fastclick-list.ts";
import { ModificationError, type ListOps, type ModificationList } from "./modification-list.ts";
import { modificationsOf, REWRITER_CONTRACT, RewriterContractError, type AnyRewriter, type Edit } from "./rewriter.ts";
import { seqAdd, seqDiff } from "./serial.ts";
import type { Ack, ForwardedSegment, SentSegment } from "./segment.ts";
import type { Connection } from "./connection.ts";
import { buffered, EMPTY_BUFFER, heard, isRetransmission, resend, type RetransmitBuffer, type Retransmissions } from "./retransmitter.ts";
import { StepViolation } from "../../core/spec.ts";

/** The list of §IV-C, or FastClick's trees (models/tcp/fastclick-list.ts). */
export type AnyList = ModificationList | FastClickList;

export interface MiddleboxConfig {
  readonly rewriter: AnyRewriter;
  // Method parameters are bivariant: the ops of either representation fit.
  readonly ops: ListOps<any>;
  /** Prune the list (and the edit log) on every ACK (§IV-C). */
  readonly pruning: boolean;
  readonly belowAck: "trim" | "map";
  /** false: a broken variant that applies only the edits decided by the segment at hand. */
  readonly reapplyEdits: boolean;
  /** "received": a broken variant that prunes at the ACK number before mapping it back. */
  readonly pruneAt: "mapped" | "received";
  /** true: a broken variant that drops a segment it has forwarded all of before (faults.ts). */
  readonly dropRetransmissions: boolean;
  /** "fastclick-retransmitter": retransmissions answered from a buffer of sent copies (see retransmitter.ts). */
  readonly retransmissions: Retransmissions;
}

export interface Middlebox {
  /** The rewriter's own state. */
  readonly rw: unknown;
  /** Offsets: bytes pushed to the rewriter, bytes decided. */
  readonly seen: number;
  readonly decided: number;
  readonly finished: boolean;
  /** Decided edits not yet pruned, in stream order (original offsets). */
  readonly edits: readonly Edit[];
  readonly list: AnyList;
  /** Highest ACK forwarded to the sender, as an original offset. */
  readonly acked: number;
  /** Only with `retransmissions: "fastclick-retransmitter"`: its buffer and the last ACK it knows. */
  readonly retransmitter?: RetransmitBuffer;
}

export { REWRITER_CONTRACT, RewriterContractError };
/** The property a list that cannot take a well-formed edit breaks (specs/tcp.ts checks it on every state). */
export const MAPPING_LAWS = "mapping-laws";

export function openMiddlebox(c: MiddleboxConfig, isn: number): Middlebox {
  const mb: Middlebox = { rw: c.rewriter.init(), seen: 0, decided: 0, finished: false, edits: [], list: c.ops.empty(isn), acked: 0 };
  return c.retransmissions === "fastclick-retransmitter" ? { ...mb, retransmitter: EMPTY_BUFFER } : mb;
}

/** The bytes of original offsets lo..hi−1 rewritten by `edits`; an insertion at hi is included when `withEnd`. */
export function rewriteRange(bytes: Uint8Array, edits: readonly Edit[], lo: number, hi: number, withEnd: boolean): number[] {
  const out: number[] = [];
  let p = lo;
  for (const e of edits) {
    if (e.at < lo ? e.at + e.remove <= lo : false) continue;
    if (e.at > hi || (e.at === hi && !withEnd)) break;
    if (e.at >= lo) {
      for (; p < e.at; p++) out.push(bytes[p]!);
      out.push(...e.insert);
    }
    p = Math.max(p, Math.min(hi, e.at + e.remove));
  }
  for (; p < hi; p++) out.push(bytes[p]!);
  return out;
}

/**
 * What the rewriter decided, checked against its contract before anything is recorded. The shape of what it
 * returned was checked at the call (models/tcp/rewriter-calls.ts); this is its behaviour.
 */
function checkDecision(name: string, edits: readonly Edit[], decided: number, decidedBefore: number, seen: number, last: Edit | undefined): readonly Edit[] {
  if (decided < decidedBefore || decided > seen) {
    throw new RewriterContractError(`${name} declared the stream decided up to ${decided}; it must be from ${decidedBefore} (decided before) to ${seen} (bytes seen)`);
  }
  let lastEnd = decidedBefore;
  for (const e of edits) {
    if (e.at < decidedBefore) throw new RewriterContractError(`${name} edited offset ${e.at}, before ${decidedBefore}, which it had already declared decided`);
    if (e.at < lastEnd) throw new RewriterContractError(`${name} returned an edit at ${e.at} that overlaps or precedes the previous one (which ends at ${lastEnd})`);
    if (last !== undefined && e.at === last.at && e.insert.length > 0 && last.insert.length > 0) {
      throw new RewriterContractError(`${name} returned two insertions at offset ${e.at}; one edit must insert all that goes there`);
    }
    if (e.at + e.remove > decided || e.at > decided) throw new RewriterContractError(`${name} returned an edit of offsets ${e.at}..${e.at + e.remove - 1} beyond what it declared decided (${decided})`);
    lastEnd = e.at + e.remove;
    last = e;
  }
  return edits;
}

function record(c: MiddleboxConfig, mb: Middlebox, isn: number, edits: readonly Edit[]): Pick<Middlebox, "edits" | "list"> {
  let list = mb.list;
  const mods = edits.flatMap((e) => modificationsOf(e, isn));
  try {
    // One segment's edits together, where the list groups them by packet (FastClick); else one by one.
    if (c.ops.commit !== undefined) list = mods.length > 0 ? c.ops.commit(list, mods, seqAdd(isn, mb.decided)) : list;
    else for (const m of mods) list = c.ops.addModification(list, m);
  } catch (x) {
    // The rewriter's edits were checked: a list that refuses them is the middlebox's own fault.
    if (x instanceof ModificationError) throw new StepViolation(MAPPING_LAWS, `the modification list refused an edit of ${c.rewriter.name}: ${x.message}`);
    throw x;
  }
  return { edits: [...mb.edits, ...edits], list };
}

/** Pushes the new bytes of a segment (and the end of the stream) through the rewriter. */
function decide(c: MiddleboxConfig, mb: Middlebox, conn: Connection, upTo: number, fin: boolean): Middlebox {
  let next = mb;
  // Every edit recorded so far ends at or before `decided` (checked when it was made).
  const last = () => next.edits[next.edits.length - 1];
  if (upTo > mb.seen) {
    const r = c.rewriter.push(mb.rw, Array.from(conn.bytes.subarray(mb.seen, upTo)), mb.seen);
    const edits = checkDecision(`${c.rewriter.name}.push()`, r.edits, r.decided, mb.decided, upTo, last());
    next = { ...next, rw: r.state, seen: upTo, decided: r.decided, ...record(c, next, conn.isn, edits) };
  }
  const length = conn.bytes.length;
  if (fin && !next.finished && next.seen === length) {
    const r = c.rewriter.finish(next.rw, length);
    const edits = checkDecision(`${c.rewriter.name}.finish()`, r.edits, length, next.decided, length, last());
    next = { ...next, rw: r.state, decided: length, finished: true, ...record(c, next, conn.isn, edits) };
  }
  return next;
}

export interface DataResult {
  readonly mb: Middlebox;
  readonly out: ForwardedSegment | null;
  /** An ACK the middlebox sends the sender itself. */
  readonly answer: Ack | null;
}

/** A segment from the sender. */
export function onData(c: MiddleboxConfig, mb: Middlebox, conn: Connection, seg: SentSegment): DataResult {
  const length = conn.bytes.length;
  const o1 = seqDiff(seg.seq, conn.isn);
  const o2 = o1 + seg.length;
  if (o1 > mb.seen || o1 < 0 || o2 > length) return { mb, out: null, answer: null };
  if (mb.retransmitter !== undefined && isRetransmission(mb.seen, mb.finished, o1, o2, seg)) {
    return { mb, ...resend(mb.retransmitter, c.ops.mapSeq(mb.list, seg.seq), seg) };
  }
  // The broken variant: nothing in it is new, so it is taken for a duplicate — but it is a retransmission.
  if (c.dropRetransmissions && o2 <= mb.decided && (!seg.fin || mb.finished)) return { mb, out: null, answer: null };
  const next = decide(c, mb, conn, o2, seg.fin);
  // What goes out now: the segment's decided bytes, and the held bytes it decided.
  const advanced = next.decided > mb.decided;
  let lo = advanced ? Math.min(o1, mb.decided) : o1;
  const hi = advanced ? next.decided : Math.min(o2, next.decided);
  const fin = seg.fin && next.finished && hi === length;
  let answer: Ack | null = null;
  if (lo < mb.acked && c.belowAck === "trim") {
    // The sender missed an ACK: the receiver has every byte below it (§IV-C's hazard, answered).
    answer = { ack: seqAdd(conn.isn, mb.acked) };
    lo = mb.acked;
  }
  if (lo > hi || (lo === hi && !fin)) return { mb: next, out: null, answer };
  const edits = c.reapplyEdits ? next.edits : next.edits.slice(mb.edits.length);
  const bytes = rewriteRange(conn.bytes, edits, lo, hi, fin);
  if (bytes.length === 0 && !fin) {
    // Every byte removed: nothing to forward. If the receiver has all before lo, it has all the image of
    // lo..hi−1 (there is none), and the middlebox acknowledges them itself.
    if (lo > next.acked) return { mb: next, out: null, answer };
    return { mb: acknowledge(c, next, conn, hi), out: null, answer: { ack: seqAdd(conn.isn, hi) } };
  }
  const out = { seq: c.ops.mapSeq(next.list, seqAdd(conn.isn, lo)), bytes, fin };
  return { mb: next.retransmitter !== undefined ? { ...next, retransmitter: buffered(next.retransmitter, out) } : next, out, answer };
}

/** An edit the ACK of original offset `o` covers: its removed bytes and the byte its insertion precedes. */
const covered = (e: Edit, o: number) => e.at + e.remove <= o && (e.insert.length === 0 || e.at < o);

/** The receiver has every byte before original offset `off`: the list is pruned there (§IV-C). */
function acknowledge(c: MiddleboxConfig, mb: Middlebox, conn: Connection, off: number, pruneAt = seqAdd(conn.isn, off)): Middlebox {
  if (off <= mb.acked) return mb;
  const pruned = c.pruning ? { list: c.ops.prune(mb.list, pruneAt), edits: mb.edits.filter((e) => !covered(e, seqDiff(pruneAt, conn.isn))) } : {};
  return { ...mb, ...pruned, acked: off };
}

/** An ACK from the receiver: mapped back, and the list pruned. */
export function onAck(c: MiddleboxConfig, mb: Middlebox, conn: Connection, ack: Ack): { mb: Middlebox; out: Ack } {
  const o = c.ops.mapAck(mb.list, ack.ack);
  let next = mb;
  // FastClick's trees prune themselves on the ACK as it came, after mapping it (TCPIn: otherMaintainer.prune(ackNumber)).
  if (c.pruning && c.ops.onAck !== undefined) next = { ...next, list: c.ops.onAck(next.list, ack.ack) };
  if (next.retransmitter !== undefined) next = { ...next, retransmitter: heard(next.retransmitter, ack.ack) };
  return { mb: acknowledge(c, next, conn, seqDiff(o, conn.isn), c.pruneAt === "mapped" ? o : ack.ack), out: { ack: o } };
}
