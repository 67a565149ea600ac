/**
 * A flow control block (MiddleClick §II-C, §II-G): the per-session block of the flow manager. It has a
 * use count (packets of the session being processed; use-count.ts), a timeout and the time its count last reached zero,
 * a flag saying it is on the pending-timeout list, and the VNFs' scratchpad. Its place in the tree is its
 * parent (the IP node) and its own field value (the source port), which `verify` (Fig. 5 (2)) reads.
 *
 * `lifetimes` counts the lifetimes that ended (release or renewal) and `callbacks` the release-callback
 * chains that ran: each ended lifetime runs the chain exactly once, so the two are equal.
 */

/**
 * The VNFs' per-session bytes (§II-C), abstracted to what the specs need: whose session wrote them last,
 * and how many packets of it they counted. Every VNF of the chain writes its bytes on every packet and all
 * are reset together on renewal, so one record stands for the scratchpad of each VNF (the byte layout of
 * several VNFs in one FCB is layout.ts's subject).
 */
export interface Scratchpad {
  readonly owner: number | null;
  readonly packets: number;
}

/** What a VNF's scratchpad holds when its FCB is given to a new session (§II-G: "space reset to its initial value"). */
export const FRESH_SCRATCHPAD: Scratchpad = { owner: null, packets: 0 };

export interface Fcb {
  /** The session it belongs to; null while it is in the pool. */
  readonly session: number | null;
  /** The IP-level slot of its parent node; null while it is in the pool. */
  readonly parent: number | null;
  /** Its value of the port level's field. */
  readonly port: number;
  readonly count: number;
  /** When a packet of it was last released (s): when its count last reached zero, while the count is right. */
  readonly lastRelease: number;
  readonly timeout: number;
  readonly inList: boolean;
  readonly lifetimes: number;
  readonly callbacks: number;
  readonly scratch: Scratchpad;
}

export const POOLED_FCB: Fcb = {
  session: null, parent: null, port: 0, count: 0, lastRelease: 0, timeout: 0, inList: false, lifetimes: 0, callbacks: 0, scratch: FRESH_SCRATCHPAD,
};

export const isLive = (f: Fcb): boolean => f.session !== null;

/** §II-G: released only when the count is 0 **and** the timeout has passed (we read "passed" as now ≥ last release + timeout). */
export const isExpired = (f: Fcb, now: number): boolean => isLive(f) && f.count === 0 && now >= f.lastRelease + f.timeout;

/** The lifecycle state of the XState machine (fcb-lifecycle.ts) an FCB is in. */
export type FcbPhase = "free" | "active" | "idle";

export const phaseOf = (f: Fcb): FcbPhase => (!isLive(f) ? "free" : f.count > 0 ? "active" : "idle");
