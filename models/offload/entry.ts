/** The offload model's events as JSON, and its trace table (the system, with its specs, is systems/offload.ts). */
import { Schema } from "effect";
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";
import type { OffloadConfig } from "./config.ts";
import { addressOf, packetName, slotOf, type NicEntry, type OffloadState } from "./state.ts";
import { offloadModel, type OffloadEvent } from "./system.ts";

const Index = Schema.Int.pipe(Schema.nonNegative());

export const OffloadEventJson = Schema.Union(
  Schema.Struct({ type: Schema.Literal("arrive"), flow: Index }),
  Schema.Struct({ type: Schema.Literal("receive", "expiry", "lose"), thread: Index }),
  Schema.Struct({ type: Schema.Literal("program", "tick") }),
  Schema.Struct({ type: Schema.Literal("sweep"), thread: Index, slot: Index }),
);

const flowIdText = (id: number) => (id === 0 ? "flowId 0" : `flowId ${id}`);
const nicText = (e: NicEntry) => `f${e.flow}:${e.action === "hw" ? "hw" : "host"}@${e.flowId}(${e.tally.packets})`;

/** What one event did. */
export function describeOffloadEvent(before: OffloadState, event: OffloadEvent, after: OffloadState, c: OffloadConfig): string {
  switch (event.type) {
    case "arrive": {
      const t = after.traffic[event.flow]!;
      const name = packetName((event.flow * c.lifetimes + t.life) * c.packets + t.sent - 1, c);
      const entry = before.nic.find((e) => e.flow === event.flow);
      if (after.dropped.length > before.dropped.length) return `packet ${name} enters the NIC: no entry, table full: dropped`;
      if (entry?.action === "hw") return `packet ${name} enters the NIC: handled in hardware, counted by the NIC`;
      return `packet ${name} enters the NIC: to thread ${event.flow % c.threads}'s buffer with ${flowIdText(entry?.flowId ?? 0)}${entry && c.nicCounts === "every-match" ? ", counted by the NIC" : ""}`;
    }
    case "receive": {
      const p = before.threads[event.thread]!.rx[0]!;
      const name = packetName((p.flow * c.lifetimes + p.life) * c.packets + p.n, c);
      if (!c.softwareTable) return `thread ${event.thread} takes ${name} (${flowIdText(p.flowId)}): exported alone, offload rule requested`;
      const fresh = after.requests.slice(before.requests.length);
      const asks = fresh.map((r) => `${r.kind} request`).join(" and ");
      if (p.flowId !== 0) return `thread ${event.thread} takes ${name} (${flowIdText(p.flowId)}): counted in that entry${asks ? `; ${asks} queued` : ""}`;
      const x = after.threads[event.thread]!;
      const slot = x.slots.findIndex((e) => e !== null && e.flow === p.flow && e.life === p.life && !e.detached);
      const created = before.threads[event.thread]!.slots[slot] === null;
      return `thread ${event.thread} takes ${name} (flowId 0): ${created ? `new entry at flowId ${addressOf(event.thread, slot, c)}` : `found by key at flowId ${addressOf(event.thread, slot, c)}`}${asks ? `; ${asks} queued` : ""}`;
    }
    case "program": {
      const r = before.requests[0]!;
      if (r.kind === "learn") {
        const learned = after.nic.some((e) => e.flow === r.flow && e.flowId === r.flowId) && !before.nic.some((e) => e.flow === r.flow);
        return `offload thread: learn flow ${r.flow} with flowId ${r.flowId}: ${learned ? "the NIC holds it" : `refused (table ${before.nic.length}/${c.hwCapacity})`}`;
      }
      const programmed = after.programmed.some((n, i) => n > before.programmed[i]!);
      return `offload thread: offload flow ${r.flow}: ${programmed ? "rule programmed, the NIC handles it in hardware" : "dropped (already offloaded, or not in the NIC's table)"}`;
    }
    case "tick": {
      const purged = before.nic.filter((e) => !after.nic.some((x) => x.flow === e.flow && x.flowId === e.flowId));
      return `epoch ${after.now}${purged.length > 0 ? `: the NIC purges ${purged.map((e) => `flow ${e.flow} (${flowIdText(e.flowId)}, ${e.tally.packets} packet(s))`).join(", ")} and queues the expiry event` : ""}`;
    }
    case "expiry": {
      const ev = before.threads[event.thread]!.expiries[0]!;
      const { slot } = slotOf(ev.flowId, c);
      const e = before.threads[event.thread]!.slots[slot];
      return `thread ${event.thread} reads the expiry event of ${flowIdText(ev.flowId)}: ${e ? `merges ${ev.tally.packets} NIC packet(s) into flow ${e.flow}'s entry, exports ${e.tally.packets + ev.tally.packets} packet(s), frees the slot` : "the slot is free: nothing to merge"}`;
    }
    case "lose": return `the expiry event of ${flowIdText(before.threads[event.thread]!.expiries[0]!.flowId)} is lost`;
    case "sweep": {
      const e = before.threads[event.thread]!.slots[event.slot]!;
      return `thread ${event.thread}'s idle sweep exports flow ${e.flow}'s entry (${e.tally.packets} packet(s)) and frees flowId ${addressOf(event.thread, event.slot, c)}`;
    }
  }
}

const hostText = (s: OffloadState, c: OffloadConfig) => s.threads.flatMap((x, t) => x.slots.flatMap((e, slot) =>
  (e ? [`${addressOf(t, slot, c)}:f${e.flow}.l${e.life} ${e.status}${e.detached ? " (old)" : ""} (${e.tally.packets})`] : []))).join(" ") || "-";

/** One row per event: what it did, the NIC's table, the host's entries (flowId:flow status (packets)), the queues, the records. */
export const explainOffloadTrace = (config: OffloadConfig, events: readonly OffloadEvent[]): Table =>
  traceTable(offloadModel, config, events, ["step", "event", "NIC table", "host entries", "queued", "records"],
    (before, event, after) => [
      describeOffloadEvent(before, event, after, config),
      after.nic.map(nicText).join(" ") || "-",
      hostText(after, config),
      `${after.threads.reduce((n, x) => n + x.rx.length, 0)} pkt, ${after.requests.length} req, ${after.threads.reduce((n, x) => n + x.expiries.length, 0)} exp`,
      String(after.records.length),
    ],
    (event, why) => `${event.type}: ${why}`);
