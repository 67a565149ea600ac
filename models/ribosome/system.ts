/**
 * Ribosome (NSDI'23; the talk's "Send Only Relevant Bits!" to "Packet Size Impact"; the public
 * Ribosome-P4 and RDMA-agent code) as a labelled transition system. The steps, in the code's order:
 *
 *   arrive    the switch splits a packet above the threshold: its first `headerLength` bytes and the
 *             metadata (ID, generation, server, slot) go to the NF; the payload, behind its tag, is
 *             written by RDMA WRITE into the next slot (or bytes) of the chosen server's ring. Smaller
 *             packets go whole to the NF; so do large ones when the header buffer is full ("reserve").
 *   server s  server s's queue pair executes its next operation in order (RC): a WRITE lands in its
 *             slot, a READ reads its slot and sends the response back.
 *   nf i      the NF sends back the i-th packet it holds (any order: it delays and reorders), with the
 *             header bytes rewritten. A whole packet leaves; a header is stored in the header buffer at
 *             its ID and the switch issues the READ of its slot.
 *   nf-drop i the NF drops the i-th packet it holds and counts it (budget `nfDrops`).
 *   response s the switch gets server s's next READ response: the request's tag (from its PSN) names the
 *             header; if the payload's tag is the request's, header ++ payload leaves, else the packet is
 *             dropped and counted (its slot was overwritten: the ring wrapped).
 *   lose s    the network loses server s's next READ response (budget `readLosses`).
 *   expire id the lease of header ID `id` ends: after the maximal NF and RDMA latency its packet can no
 *             longer come back, so the ID is free again, and a header still waiting for a READ is
 *             dropped and counted ("read-lost"). Under the latency bound the lease only ends for packets
 *             that were lost, so the step is enabled exactly then.
 *
 * Choices (the papers and the code are silent or do otherwise; each is in the config):
 * - the READ is matched to its header by the request (RDMA responses come in order on a queue pair and
 *   carry the request's PSN); the code reads the ID back from the payload's first bytes instead, which is
 *   the same while no slot is overwritten;
 * - the payload's tag carries the generation as well as the ID, and the switch compares it (the code
 *   writes only the ID and compares nothing: `tagCheck: false`); the check also compares the header in
 *   the request's slot with the request, since a buffer that overwrites may hold another packet's header
 *   there by then (`tagCheckCovers: "payload"` compares the payload only, and still mixes them up);
 * - a header ID is held until its packet leaves or its lease ends, and a packet that finds the next ID
 *   held goes whole to the NF (the code wraps its counter and overwrites: `headerBuffer: "overwrite"`);
 * - a lost READ response is noticed by the lease and counted (the code loses the packet silently and
 *   its header stays: `readLease: false`);
 * - a ring of bytes (`ringBytes`, the code's layout) wraps when the WRITE, its padding and the padding
 *   since the last wrap included, would reach the ring's end (the code counts no padding:
 *   `ringWrapCheck: "unpadded"`, and writes past the end; ring.ts);
 * - the RDMA WRITE cannot be lost: the code's NAK path (queue pair disabled, packets sent whole, returning
 *   headers dropped) is not modelled; nor is loss on the links between the switch and the NF (the NF's
 *   own drops are), which no one could count.
 */
import { ModelError, type Model } from "../../core/model.ts";
import { countOf } from "../../core/report.ts";
import { rewrite, segment, splitAt, type Bytes } from "./bytes.ts";
import type { RibosomeConfig } from "./config.ts";
import { writeRibosomeKey } from "./key.ts";
import { isFinal, packetTarget, type PacketEvent, type Phase } from "./lifecycle.ts";
import { place, readAt, written } from "./ring.ts";
import type { AtNf, DropReason, Op, Parked, ReadResponse, RibosomeState, Tag, Waiting } from "./state.ts";
import { windowOpen } from "./state.ts";

export type RibosomeEvent =
  | { readonly type: "arrive"; readonly size: number; readonly flow: number }
  | { readonly type: "server"; readonly server: number }
  | { readonly type: "nf"; readonly index: number }
  | { readonly type: "nf-drop"; readonly index: number }
  | { readonly type: "response"; readonly server: number }
  | { readonly type: "lose"; readonly server: number }
  | { readonly type: "expire"; readonly id: number };

const fill = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

export function initialState(c: RibosomeConfig): RibosomeState {
  return {
    inputs: [], phase: [], split: [], exits: [], drops: [],
    splits: 0, nextId: 0, rr: 0, acc: fill(c.servers, () => 0), padding: fill(c.servers, () => 0),
    regs: fill(c.headerSlots, () => null), held: fill(c.headerSlots, () => null),
    ring: fill(c.servers, () => []),
    ops: fill(c.servers, () => []), responses: fill(c.servers, () => []),
    nf: [], nfDropsUsed: 0, lossesUsed: 0, last: null,
  };
}

const setAt = <T>(xs: readonly T[], i: number, x: T): T[] => {
  const out = xs.slice();
  out[i] = x;
  return out;
};

/** Moves packet `pkt` along its lifecycle; a final packet stays where it is (a late WRITE of a dropped one). */
function move(phase: readonly Phase[], pkt: number, type: PacketEvent["type"]): Phase[] {
  const from = phase[pkt]!;
  if (isFinal(from) && type === "WRITTEN") return phase.slice();
  const to = packetTarget(from, type);
  if (to === null) throw new Error(`packet ${pkt}: no lifecycle move ${type} from ${from}`);
  return setAt(phase, pkt, to);
}

const countDrop = (drops: RibosomeState["drops"], pkt: number, reason: DropReason) => setAt(drops, pkt, [...drops[pkt]!, reason]);

/** The split rule ("Send Only Relevant Bits!"; the P4 code: IPv4 total length > SPLIT, 128 B by default). */
export const splits = (size: number, c: RibosomeConfig) => c.fault === "small-packets-split" || size > c.threshold;

/** The header buffer is full: the next ID is still held ("reserve" only). */
export const headerBufferFull = (s: RibosomeState, c: RibosomeConfig) => c.headerBuffer === "reserve" && s.held[s.nextId] !== null;

/** Where the payload starts. */
const cut = (c: RibosomeConfig) => c.headerLength + (c.fault === "split-offset-off-by-one" ? 1 : 0);

/**
 * `{ ...s, ...change }`, the fields by name: the spread of a state, on every step, was a large part of what
 * a step cost (the type checker says when a field of RibosomeState is missing here).
 */
function changed(s: RibosomeState, change: Partial<RibosomeState>): RibosomeState {
  return {
    inputs: change.inputs !== undefined ? change.inputs : s.inputs,
    phase: change.phase !== undefined ? change.phase : s.phase,
    split: change.split !== undefined ? change.split : s.split,
    exits: change.exits !== undefined ? change.exits : s.exits,
    drops: change.drops !== undefined ? change.drops : s.drops,
    splits: change.splits !== undefined ? change.splits : s.splits,
    nextId: change.nextId !== undefined ? change.nextId : s.nextId,
    rr: change.rr !== undefined ? change.rr : s.rr,
    acc: change.acc !== undefined ? change.acc : s.acc,
    padding: change.padding !== undefined ? change.padding : s.padding,
    regs: change.regs !== undefined ? change.regs : s.regs,
    held: change.held !== undefined ? change.held : s.held,
    ring: change.ring !== undefined ? change.ring : s.ring,
    ops: change.ops !== undefined ? change.ops : s.ops,
    responses: change.responses !== undefined ? change.responses : s.responses,
    nf: change.nf !== undefined ? change.nf : s.nf,
    nfDropsUsed: change.nfDropsUsed !== undefined ? change.nfDropsUsed : s.nfDropsUsed,
    lossesUsed: change.lossesUsed !== undefined ? change.lossesUsed : s.lossesUsed,
    last: change.last !== undefined ? change.last : s.last,
  };
}

/**
 * Ingress (the slides' "The Ribosome Approach"; the P4 code's splitter): the ID counter, the server
 * (round-robin, or the code's 5-tuple hash), the next place in its ring (ring.ts: a slot, or the code's
 * `memory_offset[s] + add_memory_offset[s]` with its wrap check), the RDMA WRITE of tag ++ payload, and
 * the header with its metadata to the NF.
 */
function arrive(s: RibosomeState, size: number, flow: number, c: RibosomeConfig): RibosomeState {
  const pkt = s.inputs.length;
  const base = changed(s, {
    inputs: [...s.inputs, { size, flow }], phase: [...s.phase, "arriving" as Phase], exits: [...s.exits, 0], drops: [...s.drops, []],
  });
  if (!splits(size, c) || headerBufferFull(s, c)) {
    const whole: AtNf = { pkt, bytes: [segment(pkt, 0, size)], meta: null };
    return changed(base, { split: [...s.split, null], phase: move(base.phase, pkt, "WHOLE"), nf: [...s.nf, whole] });
  }
  const tag: Tag = { id: s.nextId, seq: s.splits };
  const server = c.serverChoice === "flow-hash" ? flow % c.servers : s.rr;
  const { slot, length, acc, padding } = place(s.acc[server]!, s.padding[server]!, Math.max(0, size - c.headerLength), c);
  const header = Math.min(c.headerLength, size);
  const payload: Parked = { pkt, tag, bytes: segment(pkt, Math.min(cut(c), size), size) };
  const meta = { tag, server, slot };
  return changed(base, {
    split: [...s.split, meta],
    phase: move(base.phase, pkt, "SPLIT"),
    splits: s.splits + 1,
    nextId: (s.nextId + 1) % c.headerSlots,
    rr: c.serverChoice === "round-robin" && c.fault !== "round-robin-stuck" ? (s.rr + 1) % c.servers : s.rr,
    acc: setAt(s.acc, server, acc),
    padding: setAt(s.padding, server, padding),
    held: c.headerBuffer === "reserve" ? setAt(s.held, tag.id, { pkt, seq: tag.seq }) : s.held,
    ops: setAt(s.ops, server, [...s.ops[server]!, { kind: "write", slot, length, payload }]),
    nf: [...s.nf, { pkt, bytes: [segment(pkt, 0, header)], meta }],
  });;
}

/** An RDMA server's NIC executes the next operation of the queue pair (RC: in order, no CPU involved). */
function serverStep(s: RibosomeState, server: number): RibosomeState {
  const [op, ...rest] = s.ops[server]!;
  if (op === undefined) throw new ModelError(`server ${server} has no operation queued`);
  const ops = setAt(s.ops, server, rest);
  if (op.kind === "write") {
    return changed(s, { ops, ring: setAt(s.ring, server, written(s.ring[server]!, { slot: op.slot, length: op.length, payload: op.payload })), phase: move(s.phase, op.payload.pkt, "WRITTEN") });
  }
  const response: ReadResponse = { tag: op.tag, pkt: op.pkt, payload: readAt(s.ring[server]!, op.slot) };
  return changed(s, { ops, responses: setAt(s.responses, server, [...s.responses[server]!, response]) });
}

/**
 * The NF sends a packet back ("Store Headers on the Switch": the header waits in the switch's memory while
 * the payload is read back; the P4 code stores it in register slot `hdr_idx` and issues the RDMA READ).
 */
function nfReturn(s: RibosomeState, index: number, c: RibosomeConfig): RibosomeState {
  const item = s.nf[index];
  if (item === undefined) throw new ModelError(`the NF holds no packet ${index}`);
  const nf = s.nf.filter((_, i) => i !== index);
  const phase = move(s.phase, item.pkt, "RETURNED");
  if (item.meta === null) {
    // A whole packet: the NF rewrites its view (the first headerLength bytes), the switch forwards it.
    const [view, rest] = splitAt(item.bytes, c.headerLength);
    return emit(changed(s, { nf, phase }), item.pkt, [...rewrite(view), ...rest]);
  }
  // A header: stored at its ID (over whatever is there, as the code does), and the READ of its slot issued.
  const { tag, server, slot } = item.meta;
  const waiting: Waiting = { pkt: item.pkt, tag, header: rewrite(item.bytes), server, slot };
  const read: Op = { kind: "read", slot, tag, pkt: item.pkt };
  const regs = setAt(s.regs, tag.id, waiting);
  if (c.fault === "read-skipped-before-write" && s.ops[server]!.some((o) => o.kind === "write" && o.payload.pkt === item.pkt)) return changed(s, { nf, phase, regs });
  return changed(s, { nf, phase, regs, ops: setAt(s.ops, server, [...s.ops[server]!, read]) });
}

/** Sends `out` and counts it as the exit of the packet whose header it carries. */
function emit(s: RibosomeState, headerOf: number, out: Bytes): RibosomeState {
  return changed(s, { exits: setAt(s.exits, headerOf, s.exits[headerOf]! + 1), last: out });
}

/** Frees header ID `id` if `seq` still holds it. */
const release = (held: RibosomeState["held"], id: number, seq: number) => (held[id]?.seq === seq ? setAt(held, id, null) : held);

/** The header a READ response is glued to: the request's (by its ID), or under the mutant the oldest waiting. */
function headerFor(s: RibosomeState, r: ReadResponse, c: RibosomeConfig): Waiting | null {
  if (c.fault !== "oldest-waiting") {
    const w = s.regs[r.tag.id] ?? null;
    // "overwrite" (the code): whatever header is in the slot now.
    return w !== null && (c.headerBuffer === "overwrite" || w.tag.seq === r.tag.seq) ? w : null;
  }
  let oldest: Waiting | null = null;
  for (const w of s.regs) if (w !== null && (oldest === null || w.tag.seq < oldest.tag.seq)) oldest = w;
  return oldest;
}

/**
 * The READ response reaches the switch (the P4 code glues `regs[hdr_idx]` to the payload and fixes the
 * lengths); here with the tag compared first, as the header of this file says.
 */
function response(s: RibosomeState, server: number, c: RibosomeConfig): RibosomeState {
  const [r, ...rest] = s.responses[server]!;
  if (r === undefined) throw new ModelError(`no READ response from server ${server} is on its way`);
  const base = changed(s, { responses: setAt(s.responses, server, rest) });
  const w = headerFor(s, r, c);
  if (w === null) {
    return changed(base, { phase: move(s.phase, r.pkt, "MISMATCH"), drops: countDrop(s.drops, r.pkt, "no-header"), held: release(s.held, r.tag.id, r.tag.seq) });
  }
  const checks = c.tagCheck && c.fault !== "no-tag-check";
  const inSlot = s.regs[r.tag.id] ?? null;
  if (checks && c.tagCheckCovers === "payload-and-header" && inSlot !== null && inSlot.tag.seq !== r.tag.seq) {
    // The request's slot holds a header that overwrote this request's: it stays for its own READ, and this
    // packet, whose header is gone, is dropped and counted.
    return changed(base, { phase: move(s.phase, r.pkt, "MISMATCH"), drops: countDrop(s.drops, r.pkt, "no-header"), held: release(s.held, r.tag.id, r.tag.seq) });
  }
  const freed = changed(base, { regs: setAt(s.regs, w.tag.id, null), held: release(s.held, w.tag.id, w.tag.seq) });
  if (checks && (r.payload === null || r.payload.tag.seq !== r.tag.seq || r.payload.tag.id !== r.tag.id)) {
    return { ...freed, phase: move(s.phase, r.pkt, "MISMATCH"), drops: countDrop(s.drops, w.pkt, "payload-overwritten") };
  }
  const bytes: Bytes = [...w.header, ...(r.payload ? [r.payload.bytes] : [])];
  return emit({ ...freed, phase: move(s.phase, r.pkt, "MERGED") }, w.pkt, bytes);
}

/** The network loses a READ response (the code: the packet is lost silently). */
function lose(s: RibosomeState, server: number): RibosomeState {
  const [r, ...rest] = s.responses[server]!;
  if (r === undefined) throw new ModelError(`no READ response from server ${server} is on its way`);
  return changed(s, { responses: setAt(s.responses, server, rest), phase: move(s.phase, r.pkt, "LOST"), lossesUsed: s.lossesUsed + 1 });
}

/**
 * Whether the lease of header ID `id` can end: something holds it (a reservation or a waiting header) and
 * its packet can no longer come back — under the latency bound, exactly when the packet was lost.
 */
export function expirable(s: RibosomeState, id: number, c: RibosomeConfig): boolean {
  const w = s.regs[id];
  const h = s.held[id];
  if (w === null && h === null) return false;
  if (w !== null && !c.readLease) return false;
  if (w === null && c.fault === "nf-drop-leaks-entry") return false;
  const pkt = w?.pkt ?? h!.pkt;
  if (!isFinal(s.phase[pkt]!)) return false;
  const seq = w?.tag.seq ?? h!.seq;
  // Nothing of it is still on its way (a READ queued or answered).
  return !s.ops.some((q) => q.some((o) => o.kind === "read" && o.tag.seq === seq)) && !s.responses.some((q) => q.some((r) => r.tag.seq === seq));
}

function expire(s: RibosomeState, id: number, c: RibosomeConfig): RibosomeState {
  if (!expirable(s, id, c)) throw new ModelError(`the lease of header ID ${id} cannot end now`);
  const w = s.regs[id] ?? null;
  const next = changed(s, { regs: setAt(s.regs, id, null), held: setAt(s.held, id, null) });
  if (w === null || c.fault === "lost-read-uncounted") return next;
  return changed(next, { drops: countDrop(s.drops, w.pkt, "read-lost") });
}

export function enabledEvents(s: RibosomeState, c: RibosomeConfig): RibosomeEvent[] {
  const out: RibosomeEvent[] = [];
  if (s.inputs.length < c.packets && windowOpen(s, c.window)) {
    const flows = c.serverChoice === "flow-hash" ? c.flows : 1;
    for (const size of c.sizes) for (let flow = 0; flow < flows; flow++) out.push({ type: "arrive", size, flow });
  }
  for (let server = 0; server < c.servers; server++) if (s.ops[server]!.length > 0) out.push({ type: "server", server });
  for (let index = 0; index < s.nf.length; index++) {
    out.push({ type: "nf", index });
    if (s.nfDropsUsed < c.nfDrops) out.push({ type: "nf-drop", index });
  }
  for (let server = 0; server < c.servers; server++) {
    if (s.responses[server]!.length === 0) continue;
    out.push({ type: "response", server });
    if (s.lossesUsed < c.readLosses) out.push({ type: "lose", server });
  }
  for (let id = 0; id < c.headerSlots; id++) if (expirable(s, id, c)) out.push({ type: "expire", id });
  return out;
}

export function stepRibosome(s: RibosomeState, e: RibosomeEvent, c: RibosomeConfig): RibosomeState {
  const settled = s.last === null ? s : changed(s, { last: null });
  switch (e.type) {
    case "arrive":
      if (s.inputs.length >= c.packets) throw new ModelError(`every packet has arrived (${countOf(c.packets, "packet")} in a run)`);
      if (!windowOpen(s, c.window)) throw new ModelError(`the oldest packet in flight arrived ${countOf(c.window, "packet")} ago (the window: rate × maximal latency)`);
      if (!c.sizes.includes(e.size)) throw new ModelError(`a packet of ${e.size} B is not among the sizes ${c.sizes.join(", ")}`);
      if (e.flow >= c.flows) throw new ModelError(`flow ${e.flow} is not among the ${c.flows} flows`);
      return arrive(settled, e.size, e.flow, c);
    case "server":
      checkServer(e.server, c);
      return serverStep(settled, e.server);
    case "nf":
      return nfReturn(settled, e.index, c);
    case "nf-drop": {
      if (s.nfDropsUsed >= c.nfDrops) throw new ModelError(`the NF may drop ${c.nfDrops} packet(s) in a run`);
      const item = s.nf[e.index];
      if (item === undefined) throw new ModelError(`the NF holds no packet ${e.index}`);
      return {
        ...settled, nf: s.nf.filter((_, i) => i !== e.index), phase: move(s.phase, item.pkt, "NF_DROP"),
        drops: countDrop(s.drops, item.pkt, "nf-drop"), nfDropsUsed: s.nfDropsUsed + 1,
      };
    }
    case "response":
      checkServer(e.server, c);
      return response(settled, e.server, c);
    case "lose":
      checkServer(e.server, c);
      if (s.lossesUsed >= c.readLosses) throw new ModelError(`the network may lose ${c.readLosses} READ response(s) in a run`);
      return lose(settled, e.server);
    case "expire":
      if (!Number.isInteger(e.id) || e.id < 0 || e.id >= c.headerSlots) throw new ModelError(`there is no header ID ${e.id}`);
      return expire(settled, e.id, c);
  }
}

function checkServer(server: number, c: RibosomeConfig) {
  if (!Number.isInteger(server) || server < 0 || server >= c.servers) throw new ModelError(`there is no server ${server}`);
}

/**
 * The next step of fair channels with no more faults, or null when nothing is left for them: a server's
 * next operation (the lowest server first), else a READ response, else (with `nf`) the NF's oldest packet,
 * else a lease that can end. Each such step consumes something in flight, so fair delivery always ends.
 */
export function fairStep(s: RibosomeState, c: RibosomeConfig, o: { readonly nf: boolean }): RibosomeEvent | null {
  const server = s.ops.findIndex((q) => q.length > 0);
  if (server >= 0) return { type: "server", server };
  const answered = s.responses.findIndex((q) => q.length > 0);
  if (answered >= 0) return { type: "response", server: answered };
  if (o.nf && s.nf.length > 0) return { type: "nf", index: 0 };
  const id = endingLease(s, c);
  return id === null ? null : { type: "expire", id };
}

/** The lowest header ID whose lease can end now, if any. */
export function endingLease(s: RibosomeState, c: RibosomeConfig): number | null {
  for (let id = 0; id < c.headerSlots; id++) if (expirable(s, id, c)) return id;
  return null;
}

/**
 * How many fair steps a header back from the NF may need to leave or be dropped: the RDMA operations
 * queued ahead of its READ (a WRITE and a READ for each packet in flight, and the WRITEs of packets the
 * NF dropped), then the READ responses (one per packet in flight).
 */
export const progressBound = (c: RibosomeConfig) => 3 * c.window + c.nfDrops;

/** Nothing is in flight: no packet at the NF, no RDMA operation or response, no lease to end. */
export function idle(s: RibosomeState, c: RibosomeConfig): boolean {
  return s.nf.length === 0 && s.ops.every((q) => q.length === 0) && s.responses.every((q) => q.length === 0) &&
    endingLease(s, c) === null;
}

export const ribosomeModel: Model<RibosomeState, RibosomeEvent, RibosomeConfig> = {
  name: "ribosome",
  init: initialState,
  enabled: enabledEvents,
  step: stepRibosome,
  quiescent: idle,
  writeKey: writeRibosomeKey,
};
