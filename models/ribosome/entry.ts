/** Ribosome's events as JSON, and its trace table (the system, with its specs, is systems/ribosome.ts). */
import { Schema } from "effect";
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";
import { describeBytes } from "./bytes.ts";
import type { RibosomeConfig } from "./config.ts";
import { DROP_REASONS, type RibosomeState } from "./state.ts";
import { ribosomeModel, splits, type RibosomeEvent } from "./system.ts";

const Index = Schema.Int.pipe(Schema.nonNegative());

export const RibosomeEventJson = Schema.Union(
  Schema.Struct({ type: Schema.Literal("arrive"), size: Schema.Int.pipe(Schema.positive()), flow: Index }),
  Schema.Struct({ type: Schema.Literal("server", "response", "lose"), server: Index }),
  Schema.Struct({ type: Schema.Literal("nf", "nf-drop"), index: Index }),
  Schema.Struct({ type: Schema.Literal("expire"), id: Index }),
);

const tagText = (t: { id: number; seq: number }) => `ID ${t.id}, gen ${t.seq}`;

/** The packet a drop was counted for in this step, or -1. */
const newlyDropped = (before: RibosomeState, after: RibosomeState) => after.drops.findIndex((d, p) => d.length > (before.drops[p]?.length ?? 0));

/** What one event did. */
export function describeRibosomeEvent(before: RibosomeState, event: RibosomeEvent, after: RibosomeState, c: RibosomeConfig): string {
  switch (event.type) {
    case "arrive": {
      const pkt = before.inputs.length;
      const meta = after.split[pkt];
      const flow = event.flow > 0 ? ` of flow ${event.flow}` : "";
      if (!meta) return `packet ${pkt}${flow} (${event.size} B) arrives: goes whole to the NF${splits(event.size, c) ? ` (header buffer full: ID ${before.nextId} held)` : ""}`;
      return `packet ${pkt}${flow} (${event.size} B) arrives: split, header ${describeBytes(after.nf[after.nf.length - 1]!.bytes)} to the NF (${tagText(meta.tag)}), payload WRITE to server ${meta.server} slot ${meta.slot}`;
    }
    case "server": {
      const op = before.ops[event.server]![0]!;
      if (op.kind === "write") {
        const old = before.ring[event.server]![op.slot];
        return `server ${event.server}: WRITE of packet ${op.payload.pkt}'s payload lands in slot ${op.slot}${old && old.pkt !== op.payload.pkt ? ` (over packet ${old.pkt}'s)` : ""}`;
      }
      const p = before.ring[event.server]![op.slot];
      return `server ${event.server}: READ of slot ${op.slot} for packet ${op.pkt} returns ${p ? `packet ${p.pkt}'s payload (${tagText(p.tag)})` : "nothing"}`;
    }
    case "nf": {
      const item = before.nf[event.index]!;
      if (item.meta === null) return `NF returns packet ${item.pkt} whole: it leaves as ${describeBytes(after.last ?? [])}`;
      const issued = after.ops[item.meta.server]!.length > before.ops[item.meta.server]!.length;
      return `NF returns packet ${item.pkt}'s header: stored in header slot ${item.meta.tag.id}, ${issued ? "" : "no "}READ of server ${item.meta.server} slot ${item.meta.slot} issued`;
    }
    case "nf-drop": return `NF drops packet ${before.nf[event.index]!.pkt} (counted)`;
    case "response": {
      const r = before.responses[event.server]![0]!;
      if (after.last) return `READ response for packet ${r.pkt} (${tagText(r.tag)}): leaves as ${describeBytes(after.last)}`;
      const dropped = newlyDropped(before, after);
      return `READ response for packet ${r.pkt} (${tagText(r.tag)}): ${dropped >= 0 ? `packet ${dropped} dropped: ${DROP_REASONS[after.drops[dropped]!.at(-1)!]}` : "nothing sent"}`;
    }
    case "lose": return `the network loses server ${event.server}'s READ response for packet ${before.responses[event.server]![0]!.pkt}`;
    case "expire": {
      const w = before.regs[event.id];
      const counted = newlyDropped(before, after) >= 0;
      return `lease of header ID ${event.id} ends${w ? `: packet ${w.pkt}'s header dropped${counted ? " (counted)" : " (not counted)"}` : `: packet ${before.held[event.id]!.pkt}'s ID freed`}`;
    }
  }
}

const phases = (s: RibosomeState) => s.phase.map((p, i) => `${i}:${p}`).join(" ") || "-";
const buffer = (s: RibosomeState) => s.regs.map((w, id) => (w ? `${id}:#${w.pkt}` : null)).filter((x) => x !== null).join(" ") || "-";
const rings = (s: RibosomeState) => s.ring.map((r) => r.map((p) => (p ? `#${p.pkt}` : "·")).join("")).join(" | ");

/** One row per event: what it did, each packet's phase, the header buffer (slot:#packet), the rings. */
export const explainRibosomeTrace = (config: RibosomeConfig, events: readonly RibosomeEvent[]): Table =>
  traceTable(ribosomeModel, config, events, ["step", "event", "packets", "header buffer", "rings"],
    (before, event, after) => [describeRibosomeEvent(before, event, after, config), phases(after), buffer(after), rings(after)],
    (event, why) => `${event.type}: ${why}`);
