/**
 * The classification tree's dynamic levels (MiddleClick §II-D, Fig. 4, Fig. 5): hash tables with linear
 * probing. A probe visits every slot from the key's home slot on (the tables are small; visiting them all
 * means an emptied slot needs no tombstone, where the FastClick code keeps tombstones and stops at an
 * empty slot). Nodes are identified by their IP-level slot.
 */
import type { FlowConfig, SessionFields } from "./config.ts";
import { isLive } from "./fcb.ts";
import { own, type Draft, type FlowState, type IpNode } from "./state.ts";

/** The slots of a table of `size` in probe order from `key`'s home slot. */
export function* probe(key: number, size: number): Generator<number> {
  const home = key % size;
  for (let i = 0; i < size; i++) yield (home + i) % size;
}

/** Where the IP node of `ip` is, or null. */
export function findIpNode(s: Pick<FlowState, "ipLevel">, ip: number): number | null {
  for (const slot of probe(ip, s.ipLevel.length)) if (s.ipLevel[slot]?.ip === ip) return slot;
  return null;
}

/**
 * Fig. 5 (1), the IP level: the child for `ip`, or on a miss a copy of the level's default child (an
 * empty port table) in the first empty slot. Null when the table is full (§II-E would grow the node; we
 * drop the packet and count it).
 */
export function ipChild(d: Draft, c: FlowConfig, ip: number): number | null {
  const found = findIpNode(d, ip);
  if (found !== null) return found;
  for (const slot of probe(ip, d.ipLevel.length)) {
    if (d.ipLevel[slot] === null) {
      own(d, "ipLevel")[slot] = { ip, slots: Array.from({ length: c.buckets }, () => null) };
      return slot;
    }
  }
  return null;
}

export function setPortSlot(d: Draft, node: number, slot: number, fcb: number | null): void {
  const n = d.ipLevel[node]!;
  const slots = [...n.slots];
  slots[slot] = fcb;
  own(d, "ipLevel")[node] = { ...n, slots };
}

export const hasChildren = (n: IpNode): boolean => n.slots.some((x) => x !== null);

/** Removes FCB `id` from its parent's table (§II-G: "returned to the pool but removed from the tree"). */
export function removeFromTree(d: Draft, id: number): void {
  const f = d.fcbs[id]!;
  if (f.parent === null) return;
  const n = d.ipLevel[f.parent];
  if (!n) return;
  const slot = n.slots.indexOf(id);
  if (slot >= 0) setPortSlot(d, f.parent, slot, null);
}

/**
 * §II-G tree pruning: walk up from a released leaf while the level is dynamic and the node has no
 * children left. Here one dynamic node sits above the leaves (the IP node); the static level above it is
 * never removed. `live-child`: the broken variant that removes the parent whatever it still holds.
 */
export function prune(d: Draft, node: number, mode: "empty" | "never" | "live-child"): void {
  const n = d.ipLevel[node];
  if (!n || mode === "never") return;
  if (mode === "empty" && hasChildren(n)) return;
  own(d, "ipLevel")[node] = null;
}

/**
 * Fig. 5 (2) `verify`: from the FCB up to the static level, every field must equal the packet's. A pooled
 * FCB has no parent and verifies nothing.
 */
export function verify(s: Pick<FlowState, "ipLevel" | "fcbs">, packet: SessionFields, id: number): boolean {
  const f = s.fcbs[id]!;
  if (!isLive(f) || f.parent === null) return false;
  if (f.port !== packet.port) return false;
  const node = s.ipLevel[f.parent];
  return node !== null && node !== undefined && node.ip === packet.ip;
}
