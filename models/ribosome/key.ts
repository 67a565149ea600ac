/**
 * The explorer's state key for Ribosome (core/key-writer.ts): every field of the state but the last
 * output (read only by step specs on the transition that sent it). A payload, a header or a packet at the
 * NF is written as its packet's number: its bytes and its tag follow from the packet (its size and the
 * metadata it got when it was split), so they need not be written again.
 */
import type { KeyWriter } from "../../core/key-writer.ts";
import { PHASES } from "./lifecycle.ts";
import { DROP_REASONS, type DropReason, type Parked, type RibosomeState } from "./state.ts";

const REASONS = Object.keys(DROP_REASONS) as DropReason[];
const parked = (w: KeyWriter, p: Parked | null) => (p === null ? w.int(0) : w.int(p.pkt + 1));

export function writeRibosomeKey(s: RibosomeState, w: KeyWriter): void {
  w.int(s.inputs.length);
  for (let p = 0; p < s.inputs.length; p++) {
    const input = s.inputs[p]!;
    const meta = s.split[p];
    w.int(input.size).int(input.flow).int(PHASES.indexOf(s.phase[p]!)).int(s.exits[p]!);
    w.ints(s.drops[p]!.map((d) => REASONS.indexOf(d)));
    if (meta) w.int(1).int(meta.tag.id).int(meta.tag.seq).int(meta.server).int(meta.slot);
    else w.int(0);
  }
  w.int(s.splits).int(s.nextId).int(s.rr).ints(s.acc).ints(s.padding).int(s.nfDropsUsed).int(s.lossesUsed);
  for (const x of s.regs) w.int(x === null ? 0 : x.pkt + 1);
  for (const h of s.held) w.int(h === null ? 0 : h.pkt + 1);
  // A ring: its payloads in address order, each where it starts (its length follows from its packet).
  for (const ring of s.ring) {
    w.int(ring.length);
    for (const x of ring) w.int(x.slot).int(x.payload.pkt);
  }
  for (const q of s.ops) {
    w.int(q.length);
    for (const op of q) {
      if (op.kind === "write") w.int(0).int(op.slot).int(op.payload.pkt);
      else w.int(1).int(op.slot).int(op.pkt);
    }
  }
  for (const q of s.responses) {
    w.int(q.length);
    for (const r of q) parked(w.int(r.pkt), r.payload);
  }
  w.int(s.nf.length);
  for (const item of s.nf) w.int(item.pkt).int(item.meta === null ? 0 : 1);
}
