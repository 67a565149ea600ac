/**
 * The offload probe as a sequence diagram: the traffic, the NIC, the offload thread and each host thread
 * are lanes. A packet enters the NIC from the traffic and goes on to its thread (or stays in the NIC,
 * handled in hardware); a thread's requests go to the offload thread, which programs the NIC; the NIC's
 * expiry events go to the threads.
 */
import type { SequenceView } from "../../core/sequence.ts";
import type { OffloadConfig } from "../../models/offload/config.ts";
import { threadOf, type OffloadState } from "../../models/offload/state.ts";
import type { OffloadEvent } from "../../models/offload/system.ts";

const TRAFFIC = "traffic";
const NIC = "NIC";
const OFFLOADER = "offload thread";
const thread = (t: number) => `thread ${t}`;

export const offloadSequence: SequenceView<OffloadState, OffloadEvent, OffloadConfig> = {
  actors: (c) => [TRAFFIC, NIC, OFFLOADER, ...Array.from({ length: c.threads }, (_, t) => thread(t))],
  place(e, before, after, c) {
    switch (e.type) {
      case "arrive": {
        const toHost = after.threads.some((x, t) => x.rx.length > before.threads[t]!.rx.length);
        return { actor: TRAFFIC, to: toHost ? [NIC, thread(threadOf(e.flow, c))] : [NIC], ...(after.dropped.length > before.dropped.length ? { lost: true } : {}) };
      }
      case "receive": return after.requests.length > before.requests.length ? { actor: thread(e.thread), to: [OFFLOADER] } : { actor: thread(e.thread) };
      case "program": return { actor: OFFLOADER, to: [NIC] };
      case "tick": {
        const events = after.threads.flatMap((x, t) => (x.expiries.length > before.threads[t]!.expiries.length ? [thread(t)] : []));
        return events.length > 0 ? { actor: NIC, to: events } : { actor: NIC };
      }
      case "expiry": return { actor: thread(e.thread) };
      case "lose": return { actor: NIC, to: [thread(e.thread)], lost: true };
      case "sweep": return { actor: thread(e.thread) };
    }
  },
};
