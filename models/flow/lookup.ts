/**
 * Finding a packet's FCB (MiddleClick §II-D Fig. 5 (1) `match`, §II-F the RSS cache with `verify`,
 * §II-G lazy deletion):
 * - the static level sends the traffic class to the IP level; the IP level finds the session's IP node,
 *   or duplicates its default child (an empty port table) on a miss;
 * - the port level probes for the session's port. On a miss the packet takes the first usable slot in
 *   probe order: an empty one gets an FCB from the pool; one whose FCB belongs to another session and has
 *   expired is renewed for this session — "upon collision ... the FCB encountered during the traversal
 *   will be verified for expiration. If it is expired, the FCB will be renewed (i.e. the release function
 *   is called and the FCB's space reset to its initial value)";
 * - a hit on the session's own FCB that has expired but was not yet collected is handled as the config's
 *   `expiredSameSession` says (config.ts).
 * A packet that finds neither a usable slot nor a free FCB is dropped and counted; a node duplicated for
 * it alone is pruned again.
 */
import type { FlowConfig, SessionFields } from "./config.ts";
import { FRESH_SCRATCHPAD, isExpired } from "./fcb.ts";
import { allocate, endLifetime } from "./release.ts";
import { own, setFcb, type Draft, type DropReason } from "./state.ts";
import { ipChild, probe, prune, setPortSlot, verify } from "./tree.ts";

export type LookupResult = { readonly fcb: number; readonly viaCache: boolean } | { readonly dropped: DropReason };

/** Lazy deletion's renewal: the old lifetime ends (callbacks, off the pending list), the space is reset. */
function renew(d: Draft, c: FlowConfig, id: number, session: number, port: number): void {
  endLifetime(d, id);
  const keep = c.fault === "renew-keeps-scratchpad";
  setFcb(d, id, { session, port, count: 0, lastRelease: d.now, timeout: c.timeout, ...(keep ? {} : { scratch: FRESH_SCRATCHPAD }) });
}

/** The session's own FCB, found expired but not yet collected. */
function expiredSameSession(d: Draft, c: FlowConfig, id: number, session: number, port: number): void {
  switch (c.expiredSameSession) {
    case "renew": return renew(d, c, id, session, port);
    case "revive": return;
    // FastClick ctxmanager.hh, check_fcb_still_valid: `flags = FLOW_TIMEOUT | FLOW_TIMEOUT_INLIST` — the
    // timeout kept in the flags' upper bits is gone; the FCB stays on the pending list.
    case "revive-zero-timeout": setFcb(d, id, { timeout: 0 }); return;
  }
}

/** The RSS hash of the packet's fields, as the NIC would give it. */
const rssHash = (p: SessionFields) => (p.ip * 31 + p.port) >>> 0;

/** Fig. 5 (1), below the IP node: the port level with lazy deletion. */
function portChild(d: Draft, c: FlowConfig, node: number, session: number, port: number): number | DropReason {
  const slots = d.ipLevel[node]!.slots;
  let usable: number | null = null;
  for (const slot of probe(port, slots.length)) {
    const id = slots[slot]!;
    if (id === null) {
      usable ??= slot;
      if (c.fault === "probe-stops-at-empty") break;
      continue;
    }
    const f = d.fcbs[id]!;
    if (f.port === port) {
      if (isExpired(f, d.now)) expiredSameSession(d, c, id, session, port);
      return id;
    }
    if (usable === null && (c.fault === "lazy-without-expiry-check" || isExpired(f, d.now))) usable = slot;
  }
  if (usable === null) return "table-full";
  const occupant = slots[usable]!;
  if (occupant !== null) {
    renew(d, c, occupant, session, port);
    return occupant;
  }
  const id = allocate(d, c, session, node, port);
  if (id === null) return "pool-empty";
  setPortSlot(d, node, usable, id);
  return id;
}

export function lookup(d: Draft, c: FlowConfig, session: number, packet: SessionFields): LookupResult {
  const cacheSlot = c.cache > 0 ? rssHash(packet) % c.cache : null;
  if (cacheSlot !== null) {
    const cached = d.cache[cacheSlot];
    if (cached !== null && cached !== undefined && (c.fault === "cache-without-verify" ? d.fcbs[cached]!.session !== null : verify(d, packet, cached))) {
      const f = d.fcbs[cached]!;
      if (isExpired(f, d.now) && f.port === packet.port) expiredSameSession(d, c, cached, session, packet.port);
      return { fcb: cached, viaCache: true };
    }
  }
  const node = ipChild(d, c, packet.ip);
  if (node === null) return { dropped: "table-full" };
  const child = portChild(d, c, node, session, packet.port);
  if (typeof child === "string") {
    prune(d, node, "empty");
    return { dropped: child };
  }
  if (cacheSlot !== null) own(d, "cache")[cacheSlot] = child;
  return { fcb: child, viaCache: false };
}
