/**
 * The lifecycle of one packet through Ribosome, as an XState machine (ARCHITECTURE §3):
 *
 *   (arrival) --SPLIT (above the threshold: header to the NF, payload WRITE queued)--> split
 *   (arrival) --WHOLE (at or below the threshold, or the header buffer full)----------> whole
 *   split    --WRITTEN (the RDMA WRITE landed in its slot)-----------------------------> parked
 *   split | parked --RETURNED (the NF sent the header back; stored, READ issued)-------> waiting
 *   waiting  --WRITTEN (the WRITE lands after the header came back: the READ is behind it)--> waiting
 *   waiting  --MERGED (the READ response glued to the header)--------------------------> out
 *   whole    --RETURNED (the NF sent the packet back; forwarded)-----------------------> out
 *   split | parked | whole --NF_DROP (the NF dropped it)-------------------------------> dropped
 *   waiting  --LOST (its READ response was lost) / MISMATCH (its slot was overwritten)--> dropped
 *
 * The model (system.ts) keeps each packet's phase; the tests check every step of explorations against
 * this machine and that they cover each of its transitions.
 */
import { setup } from "xstate";
import { machineTarget } from "../../core/lifecycle.ts";

export const PHASES = ["arriving", "split", "parked", "whole", "waiting", "out", "dropped"] as const;
export type Phase = (typeof PHASES)[number];

export const PACKET_EVENTS = ["SPLIT", "WHOLE", "WRITTEN", "RETURNED", "MERGED", "NF_DROP", "LOST", "MISMATCH"] as const;
export type PacketEvent = { type: (typeof PACKET_EVENTS)[number] };

export const packetLifecycle = setup({ types: { events: {} as PacketEvent } }).createMachine({
  id: "ribosome-packet",
  initial: "arriving",
  states: {
    arriving: { on: { SPLIT: "split", WHOLE: "whole" } },
    split: { on: { WRITTEN: "parked", RETURNED: "waiting", NF_DROP: "dropped" } },
    parked: { on: { RETURNED: "waiting", NF_DROP: "dropped" } },
    whole: { on: { RETURNED: "out", NF_DROP: "dropped" } },
    waiting: { on: { WRITTEN: "waiting", MERGED: "out", LOST: "dropped", MISMATCH: "dropped" } },
    out: { type: "final" },
    dropped: { type: "final" },
  },
});

/** Where a packet goes from `from` on `type`, or null when the lifecycle has no such move. */
export const packetTarget = (from: Phase, type: PacketEvent["type"]): Phase | null =>
  machineTarget(packetLifecycle, from, type) as Phase | null;

export const isFinal = (p: Phase) => p === "out" || p === "dropped";
