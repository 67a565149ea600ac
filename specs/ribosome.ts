/**
 * What Ribosome (models/ribosome/) must guarantee, issue 6's list and the split rule:
 *
 * byte-equivalence  every output is NF(header(p)) ++ payload(p) of one input packet p — the packet the
 *                   NF meant to send, byte for byte (for a packet that went whole, the same bytes);
 * no-mix-up         no output glues one packet's header to another packet's payload (also after the
 *                   rings and the header IDs wrap around);
 * conservation      each input leaves at most once and is never both sent and counted as dropped; once
 *                   nothing is in flight, every input that did not leave was counted as dropped, with
 *                   a reason, by the NF or the switch;
 * bounded-buffers   no buffer overflows: a header is never stored over another that still waits for its
 *                   READ, and a payload is never written over one whose READ has not been served;
 * progress          with fair channels and no more faults, a header back from the NF leaves or is
 *                   dropped within 3 × window + NF drops steps (the RDMA operations and responses that
 *                   can be ahead of it); once nothing is in flight, every packet has left or was dropped,
 *                   and no header ID or header-buffer entry is held any more (deadlock freedom is the
 *                   explorer's own check);
 * split-rule        the NF gets a packet whole if it is at most the threshold (or the header buffer is
 *                   full), and otherwise exactly its first `headerLength` bytes (with the metadata);
 * ring-bounds       every payload WRITE lies inside its server's ring: in a ring of bytes, with its 4 B
 *                   prefix and its padding (a WRITE over a payload not yet read is bounded-buffers').
 */
import type { Invariant, QuiescenceProperty, StepProperty } from "../core/spec.ts";
import { describeBytes, intended, length, normalise, sameBytes } from "../models/ribosome/bytes.ts";
import type { RibosomeConfig } from "../models/ribosome/config.ts";
import { isFinal } from "../models/ribosome/lifecycle.ts";
import { byteRing, inside, overwritten, ringSize, unpaddedLength } from "../models/ribosome/ring.ts";
import { DROP_REASONS, type RibosomeState } from "../models/ribosome/state.ts";
import { fairStep, headerBufferFull, progressBound, ribosomeModel, type RibosomeEvent } from "../models/ribosome/system.ts";

export const BYTE_EQUIVALENCE = "byte-equivalence";
export const NO_MIX_UP = "no-mix-up";
export const CONSERVATION = "conservation";
export const BOUNDED_BUFFERS = "bounded-buffers";
export const PROGRESS = "progress";
export const SPLIT_RULE = "split-rule";
export const RING_BOUNDS = "ring-bounds";

type Step = StepProperty<RibosomeState, RibosomeEvent, RibosomeConfig>;
type Inv = Invariant<RibosomeState, RibosomeConfig>;
type Quiet = QuiescenceProperty<RibosomeState, RibosomeConfig>;

/** The output this step sent, if any. */
const sent = (after: RibosomeState) => after.last;

export const byteEquivalence: Step = {
  kind: "step", name: BYTE_EQUIVALENCE,
  check(_before, _event, after, c) {
    const out = sent(after);
    if (out === null) return null;
    const segments = normalise(out);
    const first = segments[0];
    if (first === undefined) return "an empty packet left the switch";
    const pkt = first.pkt;
    const input = after.inputs[pkt];
    if (input === undefined) return `output ${describeBytes(segments)} starts with bytes of packet ${pkt}, which never arrived`;
    const meant = intended(pkt, input.size, c.headerLength);
    if (sameBytes(segments, meant)) return null;
    return `output ${describeBytes(segments)} (${length(segments)} B) is not what the NF meant to send for packet ${pkt}: ${describeBytes(meant)} (${input.size} B)`;
  },
};

export const noMixUp: Step = {
  kind: "step", name: NO_MIX_UP,
  check(_before, _event, after) {
    const out = sent(after);
    if (out === null) return null;
    const pkts = [...new Set(normalise(out).map((s) => s.pkt))];
    if (pkts.length <= 1) return null;
    return `output ${describeBytes(out)} glues the header of packet ${pkts[0]} to bytes of packet${pkts.length > 2 ? "s" : ""} ${pkts.slice(1).join(", ")}`;
  },
};

export const conservationNow: Inv = {
  kind: "invariant", name: CONSERVATION,
  check(s) {
    for (let p = 0; p < s.inputs.length; p++) {
      const exits = s.exits[p]!;
      const drops = s.drops[p]!;
      if (exits > 1) return `packet ${p} left ${exits} times`;
      if (exits + drops.length > 1) {
        return exits > 0 ? `packet ${p} left and was also counted as dropped (${drops.join(", ")})` : `packet ${p} was counted as dropped ${drops.length} times (${drops.join(", ")})`;
      }
    }
    return null;
  },
};

export const conservationAtEnd: Quiet = {
  kind: "quiescent", name: CONSERVATION,
  check(s) {
    for (let p = 0; p < s.inputs.length; p++) {
      if (s.exits[p]! + s.drops[p]!.length === 0) return `packet ${p} (${s.inputs[p]!.size} B) neither left nor was counted as dropped: nothing is in flight any more`;
    }
    return null;
  },
};

export const boundedBuffers: Step = {
  kind: "step", name: BOUNDED_BUFFERS,
  check(before, event, after, c) {
    if (event.type === "nf") {
      // A header stored over one that still waits for its READ.
      for (let id = 0; id < before.regs.length; id++) {
        const b = before.regs[id];
        const a = after.regs[id];
        if (b && a && a.tag.seq !== b.tag.seq) return `header slot ${id} held packet ${b.pkt}'s header, waiting for its READ, and packet ${a.pkt}'s header was stored over it (the header IDs wrapped while it was in flight: fewer header slots than rate × latency)`;
      }
    }
    if (event.type === "server") {
      const op = before.ops[event.server]![0];
      if (op?.kind !== "write") return null;
      for (const { slot, length, payload: old } of overwritten(before.ring[event.server]!, op)) {
        const owner = old.pkt;
        // Its READ has not been served: the packet is still in flight and no response of it is on its way.
        const served = before.responses.some((q) => q.some((r) => r.tag.seq === old.tag.seq));
        if (!isFinal(before.phase[owner]!) && !served) {
          const where = byteRing(c) ? `bytes ${slot}..${slot + length - 1}` : `slot ${slot}`;
          return `server ${event.server}'s ${where} held packet ${owner}'s payload, not yet read back, and packet ${op.payload.pkt}'s payload was written over it (the ring wrapped before it was read: ${byteRing(c) ? "fewer bytes" : "fewer slots"} than rate × latency)`;
        }
      }
    }
    return null;
  },
};

/**
 * Every payload WRITE, queued or landed, lies inside its server's ring: in a ring of bytes its prefix,
 * padding and payload end at the ring's end at the latest (Ribosome-P4 payload_split.p4 wraps on the
 * unpadded lengths, so with payloads that are not multiples of 4 B the last WRITE of a lap overruns it).
 */
export const ringBounds: Inv = {
  kind: "invariant", name: RING_BOUNDS,
  check(s, c) {
    for (let server = 0; server < s.ops.length; server++) {
      const writes = [...s.ops[server]!.filter((o) => o.kind === "write"), ...s.ring[server]!];
      for (const w of writes) {
        if (inside(w, c)) continue;
        const size = ringSize(c);
        if (!byteRing(c)) return `server ${server}: packet ${w.payload.pkt}'s payload WRITE targets slot ${w.slot}, outside its ring of ${size} slots`;
        const len = unpaddedLength(s.inputs[w.payload.pkt]!.size - c.headerLength);
        return `server ${server}'s ring is ${size} B, and packet ${w.payload.pkt}'s payload WRITE covers bytes ${w.slot}..${w.slot + w.length - 1} (${len} B and ${w.length - len} B of padding): ${w.slot + w.length - size} B past the ring's end (since the last wrap the ring holds ${s.acc[server]} B of payload requests and payloads, and ${s.padding[server]} B of padding)`;
      }
    }
    return null;
  },
};

/** Has packet `p` left, or been counted as dropped? (What an operator can see: outputs and counters.) */
const settled = (s: RibosomeState, p: number) => s.exits[p]! > 0 || s.drops[p]!.length > 0;

export const progressBounded: Step = {
  kind: "step", name: PROGRESS,
  check(before, event, after, c) {
    if (event.type !== "nf") return null;
    const item = before.nf[event.index];
    if (!item || item.meta === null) return null;
    // From here on, fair channels and no fault: the header must leave or be dropped within the bound.
    const bound = progressBound(c);
    let s = after;
    for (let steps = 0; !settled(s, item.pkt); steps++) {
      const next = steps < bound ? fairStep(s, c, { nf: false }) : null;
      if (next === null) {
        return `packet ${item.pkt}'s header came back from the NF, and ${steps < bound ? `after ${steps} fair step(s) nothing is left to deliver` : `after ${bound} fair steps (3 × window + NF drops)`}: it has neither left nor been counted as dropped`;
      }
      s = ribosomeModel.step(s, next, c);
    }
    return null;
  },
};

export const progress: Quiet = {
  kind: "quiescent", name: PROGRESS,
  check(s) {
    for (let p = 0; p < s.inputs.length; p++) if (!isFinal(s.phase[p]!)) return `packet ${p} is stuck ${s.phase[p]} while nothing else can happen`;
    for (let id = 0; id < s.regs.length; id++) {
      const w = s.regs[id];
      if (w) return `header slot ${id} holds packet ${w.pkt}'s header forever: ${s.drops[w.pkt]!.length > 0 ? `the packet was ${DROP_REASONS[s.drops[w.pkt]![0]!]}` : "its READ response will never come"}`;
    }
    for (let id = 0; id < s.held.length; id++) {
      const h = s.held[id];
      if (h) return `header ID ${id} is held forever by packet ${h.pkt}${s.drops[h.pkt]!.length > 0 ? `, which was ${DROP_REASONS[s.drops[h.pkt]![0]!]}` : ""}: the switch can never use it again`;
    }
    return null;
  },
};

export const splitRule: Step = {
  kind: "step", name: SPLIT_RULE,
  check(before, event, after, c) {
    if (event.type !== "arrive") return null;
    const pkt = before.inputs.length;
    const item = after.nf[after.nf.length - 1];
    if (item === undefined || item.pkt !== pkt) return `packet ${pkt} did not reach the NF`;
    const whole = event.size <= c.threshold || headerBufferFull(before, c);
    const expected = whole ? [{ pkt, from: 0, to: event.size, nf: false }] : [{ pkt, from: 0, to: c.headerLength, nf: false }];
    if (sameBytes(item.bytes, expected) && (item.meta === null) === whole) return null;
    const why = event.size <= c.threshold ? `it is ${event.size} B, at most the threshold of ${c.threshold} B` : whole ? "the header buffer is full" : `it is ${event.size} B, above the threshold of ${c.threshold} B`;
    return `packet ${pkt} reached the NF as ${describeBytes(item.bytes)}${item.meta ? " with metadata" : " whole"}, but ${why}: it should get ${describeBytes(expected)}${whole ? " whole" : " with metadata"}`;
  },
};

export const RIBOSOME_SPECS = [byteEquivalence, noMixUp, conservationNow, conservationAtEnd, boundedBuffers, progressBounded, progress, splitRule, ringBounds] as const;
export const RIBOSOME_PROPERTIES = [BYTE_EQUIVALENCE, NO_MIX_UP, CONSERVATION, BOUNDED_BUFFERS, PROGRESS, SPLIT_RULE, RING_BOUNDS] as const;
