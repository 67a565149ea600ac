/**
 * FastClick's byte-stream maintenance, the reference implementation of MiddleClick §IV-C, as a variant of
 * the modification list (`modificationList: "fastclick"`). It follows the public code line by line:
 * - each packet has its own list of nodes (FastClick lib/modificationlist.cc, ModificationList): an element
 *   that removes or inserts bytes calls `addModification(first, position, offset)` with a position in the
 *   packet's current content (TCPIn::removeBytes, TCPIn::insertBytes); the list translates it back past the
 *   earlier nodes of the packet and, when a node sits at that position already, adds the offset to it
 *   ("Case 1: reuse an existing node"), then merges overlapping removals (mergeNodes);
 * - when the packet leaves (TCPOut), the list is committed (ModificationList::commit) into two red-black
 *   trees of the flow (lib/bytestreammaintainer.cc, ByteStreamMaintainer): the ACK tree, keyed by the
 *   modified position of each node with the opposite of the running total of offsets, and the sequence
 *   tree, keyed by the original position with the running total. A key that is already in a tree gets the
 *   new value (insertInTree: "Node already exists, replace the old value"). Both trees start with a guard
 *   key at the flow's start (ByteStreamMaintainer::initialize);
 * - mapSeq(s) takes the greatest key ≤ s − 1 of the sequence tree, mapAck(a) the greatest key ≤ a of the
 *   ACK tree; the value is added, and the result is raised to the node's key plus its predecessor's
 *   value — 0 when the node has no predecessor (ByteStreamMaintainer::mapSeq, mapAck); no key ≤ the
 *   number: the number unchanged;
 * - pruning happens in TCPIn on every ACK the receiver sends, at the ACK number as it came: every
 *   `pruneEvery`-th ACK (BS_PRUNE_THRESHOLD = 10, include/click/rbt.hh) the ACK tree loses every key below
 *   the predecessor of the predecessor of the greatest key ≤ the ACK (RBPrune, lib/rbt.cc), and the
 *   sequence tree the same below the ACK mapped through the pruned ACK tree (ByteStreamMaintainer::prune).
 *   The middlebox's own pruning at the mapped ACK does nothing here.
 *
 * Where it differs from the list of models/tcp/modification-list.ts (SOURCES.md, "Measured against the
 * reference code"):
 * - adjacent edits collapse: an insertion and a removal at the same position of one packet become one node
 *   with the net offset, and the ACK tree no longer knows which of the bytes were removed: with ISN 2^32 − 2
 *   and "AB" → "WXYZ" the node (0, +2) maps ACK 3 to 1 (the truth is 0, "A" has no image of its own)
 *   and sequence number 1 to 3 (the truth is 4);
 * - after a real prune the smallest key left has no predecessor, so mapAck raises an old ACK to that key
 *   itself, above the truth when insertions were pruned before it. (TCPIn drops a "meaningless" ACK, one
 *   mapped at or below the last ACK sent; the middlebox here forwards every ACK, which tells the sender
 *   nothing more: an ACK raised above the last one sent passes that check in the reference too.)
 */
import type { ListOps, Modification, ModificationList } from "./modification-list.ts";
import { seqAdd, seqLe, seqLt } from "./serial.ts";

/** A red-black tree of the reference as an array of [key, value] in the serial order of the keys. */
export type Tree = readonly (readonly [key: number, value: number])[];

export interface FastClickList {
  /** Modified position → the offset that maps it back (ByteStreamMaintainer::treeAck). */
  readonly ack: Tree;
  /** Original position → the running total of offsets up to it (ByteStreamMaintainer::treeSeq). */
  readonly seq: Tree;
  /** ACKs since the last prune (ByteStreamMaintainer::pruneCounter). */
  readonly acks: number;
}

/** A node of one packet's list (struct ModificationNode). */
export interface PacketNode {
  readonly position: number;
  readonly offset: number;
}

/** The reference's prune period (BS_PRUNE_THRESHOLD). */
export const FASTCLICK_PRUNE_EVERY = 10;

/** 0 − x without a negative zero (keys of the explorer's states must not tell 0 and −0 apart). */
const neg = (x: number) => (x === 0 ? 0 : -x);

/** ModificationList::sameSign. */
const sameSign = (x: number, y: number) => (x <= 0) === (y <= 0);

/** ModificationList::mergeNodes: a removal swallows the removals that start inside it. */
function mergeNodes(nodes: readonly PacketNode[]): PacketNode[] {
  const out: PacketNode[] = [];
  for (const node of nodes) {
    const prev = out[out.length - 1];
    if (prev !== undefined && seqLt(node.position, seqAdd(prev.position, Math.abs(prev.offset))) && prev.offset < 0 && sameSign(node.offset, prev.offset)) {
      out[out.length - 1] = { position: prev.position, offset: prev.offset + node.offset };
    } else {
      out.push(node);
    }
  }
  return out;
}

/** ModificationList::addModification: `position` is in the packet's current content; `first` is the packet's sequence number. */
export function addToPacket(nodes: readonly PacketNode[], first: number, position: number, offset: number): PacketNode[] {
  let prev = -1;
  for (let i = 0; i < nodes.length && seqLe(nodes[i]!.position, position); i++) {
    const node = nodes[i]!;
    if (seqLt(node.position, position)) {
      let p = seqAdd(position, -node.offset);
      if (seqLt(p, first)) p = first;
      if (seqLt(p, node.position)) p = node.position;
      position = p;
    }
    prev = i;
  }
  const at = nodes[prev];
  const next = at !== undefined && at.position === position
    ? nodes.map((n, i) => (i === prev ? { position, offset: n.offset + offset } : n)) // Case 1: reuse the node
    : [...nodes.slice(0, prev + 1), { position, offset }, ...nodes.slice(prev + 1)]; // Case 2: a new node
  return mergeNodes(next);
}

/** Index of the greatest key ≤ q (RBFindElementGreatestBelow), or −1. */
function floorIndex(tree: Tree, q: number): number {
  let found = -1;
  for (let i = 0; i < tree.length && seqLe(tree[i]![0], q); i++) found = i;
  return found;
}

/** ByteStreamMaintainer::insertInTree: a key already there gets the new value. */
function insertInTree(tree: Tree, key: number, value: number): Tree {
  const i = floorIndex(tree, key);
  if (i >= 0 && tree[i]![0] === key) return tree.map((n, k) => (k === i ? [key, value] as const : n));
  return [...tree.slice(0, i + 1), [key, value] as const, ...tree.slice(i + 1)];
}

/** The mapping of mapSeq and mapAck: through the node found for `seek`, raised to the bound its predecessor gives. */
function mapThrough(tree: Tree, seek: number, x: number): number {
  const i = floorIndex(tree, seek);
  if (i < 0) return x; // "If no node found, no mapping to perform"
  const [key, value] = tree[i]!;
  const predOffset = i > 0 ? tree[i - 1]![1] : 0;
  const mapped = seqAdd(x, value);
  const bound = seqAdd(key, predOffset);
  return seqLt(mapped, bound) ? bound : mapped;
}

/** RBPrune: every key below the predecessor of the predecessor of the greatest key ≤ q goes. */
export function rbPrune(tree: Tree, q: number): Tree {
  let end = floorIndex(tree, q);
  if (end < 0) return tree;
  for (let step = 0; step < 2; step++) {
    end--;
    if (end <= 0) return tree; // no predecessor, or it is the smallest key already
  }
  return tree.slice(end);
}

/** ModificationList::commit: one packet's nodes into the trees. */
function commitNodes(list: FastClickList, nodes: readonly PacketNode[]): FastClickList {
  let { ack, seq } = list;
  // The effect of the earlier packets: the value of the greatest key of the ACK tree (lastOffsetInAckTree).
  let total = ack.length === 0 ? 0 : neg(ack[ack.length - 1]![1]);
  for (const node of nodes) {
    const ackKey = seqAdd(node.position, total);
    total += node.offset;
    ack = insertInTree(ack, ackKey, neg(total));
    seq = insertInTree(seq, node.position, total);
  }
  return { ...list, ack, seq };
}

/**
 * The modifications of one packet as its elements would issue them: each at its position in the packet's
 * content as the earlier ones left it (the original position plus the offsets before it).
 */
export function packetNodes(mods: readonly Modification[], first: number): PacketNode[] {
  let nodes: PacketNode[] = [];
  let before = 0;
  for (const m of mods) {
    nodes = addToPacket(nodes, first, seqAdd(m.pos, before), m.offset);
    before += m.offset;
  }
  return nodes;
}

/** The sequence tree as a list of positions and offsets, as FastClick maps it (for the specs' probes). */
export function fastclickView(list: FastClickList): ModificationList {
  const [first, ...rest] = list.seq;
  if (first === undefined) return { floor: 0, shift: 0, mods: [] };
  const mods: Modification[] = [];
  let previous = 0;
  for (const [pos, total] of [first, ...rest]) {
    if (total !== previous) mods.push({ pos, offset: total - previous });
    previous = total;
  }
  return { floor: first[0], shift: 0, mods };
}

/** The list operations of FastClick, pruning on every `pruneEvery`-th ACK. */
export function fastclickListOps(pruneEvery: number = FASTCLICK_PRUNE_EVERY): ListOps<FastClickList> {
  const commit = (list: FastClickList, mods: readonly Modification[], first: number) => commitNodes(list, packetNodes(mods, first));
  const mapAck = (list: FastClickList, a: number) => mapThrough(list.ack, a, a);
  return {
    empty: (isn) => ({ ack: [[isn >>> 0, 0]], seq: [[isn >>> 0, 0]], acks: 0 }),
    addModification: (list, m) => commit(list, [m], m.pos),
    commit,
    // "We do not search the requested position but the position just before it" (mapSeq).
    mapSeq: (list, s) => mapThrough(list.seq, seqAdd(s, -1), s),
    mapAck,
    prune: (list) => list,
    onAck(list, a) {
      const acks = list.acks + 1;
      if (acks < pruneEvery) return { ...list, acks };
      const ack = rbPrune(list.ack, a);
      // "Map the value to have a valid seq number", through the pruned ACK tree.
      return { ack, seq: rbPrune(list.seq, mapAck({ ...list, ack }, a)), acks: 0 };
    },
    view: fastclickView,
  };
}
