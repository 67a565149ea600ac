/** Ribosome's events as JSON, and its trace table (the system, with its specs, is systems/ribosome.ts). */
import { Schema } from "effect";
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";
import { describeBytes } from "./bytes.ts";
import type { RibosomeConfig } from "./config.ts";
import { byteRing, overwritten, readAt, ringSize, type Stored } from "./ring.ts";
import { DROP_REASONS, type Op, type RibosomeState } from "./state.ts";
import { ribosomeModel, splits, type RibosomeEvent } from "./system.ts";

const Index = Schema.Int.pipe(Schema.nonNegative());

export const RibosomeEventJson = Schema.Union(
  Schema.Struct({ type: Schema.Literal("arrive"), size: Schema.Int.pipe(Schema.positive()), flow: Index }),
  Schema.Struct({ type: Schema.Literal("server", "response", "lose"), server: Index }),
  Schema.Struct({ type: Schema.Literal("nf", "nf-drop"), index: Index }),
  Schema.Struct({ type: Schema.Literal("expire"), id: Index }),
);

/** "slot 1", or "bytes 352..703" (with "past the ring's end" when it overruns the ring). */
function where(x: Omit<Stored, "payload">, c: RibosomeConfig): string {
  if (!byteRing(c)) return `slot ${x.slot}`;
  const end = x.slot + x.length;
  return `bytes ${x.slot}..${end - 1}${end > ringSize(c) ? ` (${end - ringSize(c)} B past the ring's end at ${ringSize(c)} B)` : ""}`;
}

type WriteOp = Extract<Op, { kind: "write" }>;

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
      const write = after.ops[meta.server]!.find((o): o is WriteOp => o.kind === "write" && o.payload.pkt === pkt) ?? { slot: meta.slot, length: 1 };
      return `packet ${pkt}${flow} (${event.size} B) arrives: split, header ${describeBytes(after.nf[after.nf.length - 1]!.bytes)} to the NF (${tagText(meta.tag)}), payload WRITE to server ${meta.server} ${where(write, c)}`;
    }
    case "server": {
      const op = before.ops[event.server]![0]!;
      if (op.kind === "write") {
        const over = overwritten(before.ring[event.server]!, op).map((x) => x.payload.pkt);
        return `server ${event.server}: WRITE of packet ${op.payload.pkt}'s payload lands in ${where(op, c)}${over.length > 0 ? ` (over packet ${over.join(", ")}'s)` : ""}`;
      }
      const p = readAt(before.ring[event.server]!, op.slot);
      return `server ${event.server}: READ of ${byteRing(c) ? `byte ${op.slot}` : `slot ${op.slot}`} for packet ${op.pkt} returns ${p ? `packet ${p.pkt}'s payload (${tagText(p.tag)})` : "nothing"}`;
    }
    case "nf": {
      const item = before.nf[event.index]!;
      if (item.meta === null) return `NF returns packet ${item.pkt} whole: it leaves as ${describeBytes(after.last ?? [])}`;
      const issued = after.ops[item.meta.server]!.length > before.ops[item.meta.server]!.length;
      return `NF returns packet ${item.pkt}'s header: stored in header slot ${item.meta.tag.id}, ${issued ? "" : "no "}READ of server ${item.meta.server} ${byteRing(c) ? "at byte" : "slot"} ${item.meta.slot} issued`;
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
/** A ring of slots: "#0·#2" (a dot for an empty slot); of bytes: "#0@0..351 #2@352..703". */
const rings = (s: RibosomeState, c: RibosomeConfig) => s.ring.map((r) => {
  if (byteRing(c)) return r.map((x) => `#${x.payload.pkt}@${x.slot}..${x.slot + x.length - 1}`).join(" ") || "·";
  return Array.from({ length: c.slotsPerServer }, (_, slot) => { const p = readAt(r, slot); return p ? `#${p.pkt}` : "·"; }).join("");
}).join(" | ");

/** One row per event: what it did, each packet's phase, the header buffer (slot:#packet), the rings. */
export const explainRibosomeTrace = (config: RibosomeConfig, events: readonly RibosomeEvent[]): Table =>
  traceTable(ribosomeModel, config, events, ["step", "event", "packets", "header buffer", "rings"],
    (before, event, after) => [describeRibosomeEvent(before, event, after, config), phases(after), buffer(after), rings(after, config)],
    (event, why) => `${event.type}: ${why}`);
