/**
 * The reference semantics of a flow table with ageing: a map from session to its state with expiry. A
 * session's entry lives while a packet of it is being processed, and for `timeout` seconds after its last
 * packet was released (MiddleClick §II-G); after that, the next packet of the session starts afresh.
 *
 * The flow manager keeps this map beside itself (system.ts updates it from the events alone, never from
 * the manager's own bookkeeping), and the reference-semantics spec compares what each packet sees in its
 * FCB's scratchpad with what the map says it should see.
 */

export interface RefEntry {
  /** Packets of the session in this lifetime. */
  readonly packets: number;
  /** Packets of the session being processed. */
  readonly held: number;
  /** When `held` last reached zero (s). */
  readonly idleSince: number;
}

export const refAlive = (e: RefEntry | null, now: number, timeout: number): e is RefEntry =>
  e !== null && (e.held > 0 || now < e.idleSince + timeout);

/** The packets a new packet of the session must find counted: those of its live lifetime, or none. */
export const refExpectedPackets = (e: RefEntry | null, now: number, timeout: number): number =>
  refAlive(e, now, timeout) ? e.packets : 0;

/** A packet of the session is processed (`idleSince` means nothing while a packet is held: kept at 0). */
export const refArrive = (e: RefEntry | null, now: number, timeout: number): RefEntry =>
  ({ packets: refExpectedPackets(e, now, timeout) + 1, held: refAlive(e, now, timeout) ? e.held + 1 : 1, idleSince: 0 });

/** A packet of the session is released. */
export const refDone = (e: RefEntry, now: number): RefEntry =>
  ({ ...e, held: e.held - 1, idleSince: e.held === 1 ? now : e.idleSince });
