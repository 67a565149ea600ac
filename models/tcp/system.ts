/**
 * The end-to-end model of a stream-rewriting middlebox (MiddleClick §IV-B, §IV-C): a sender, four lossy
 * channels (sender → middlebox → receiver for data, receiver → middlebox → sender for ACKs), the
 * middlebox with a rewriter, and a receiver. One connection: the trace opens it with an ISN and a stream,
 * then the sender sends, channels deliver, lose or duplicate, and the sender's timer fires.
 *
 * The adversary: every channel may lose or duplicate what it carries (up to the config's budgets), and
 * deliver in any order when `reorder` is on (else first in, first out). Fair channels are the runs in which
 * the adversary stops: then the transfer must complete (the progress property).
 *
 * Stall: the timer fires only when nothing is in flight (sender.ts). If it fires twice with nothing having
 * changed in between — no byte acknowledged, received, seen or decided, and no loss or duplicate — the
 * second retransmission would do exactly what the first did, forever: the connection is stalled. The
 * model stops there (a final state), and the progress property reports it.
 */
import { ModelError, type Model } from "../../core/model.ts";
import { countOf } from "../../core/report.ts";
import { StepViolation } from "../../core/spec.ts";
import { canonicalKey } from "../../core/canonical.ts";
import { openConnection, type Connection, type StreamSpec } from "./connection.ts";
import { fastclickListOps } from "./fastclick-list.ts";
import { listOpsFor, type TcpFault } from "./faults.ts";
import { onAck as middleboxOnAck, onData, openMiddlebox, REWRITER_CONTRACT, RewriterContractError, type Middlebox, type MiddleboxConfig } from "./middlebox.ts";
import { finTaken, onSegment, RECEIVER_START, type Receiver } from "./receiver.ts";
import type { Retransmissions } from "./retransmitter.ts";
import type { AnyRewriter } from "./rewriter.ts";
import { CHANNELS, channelsEmpty, NO_CHANNELS, withChannel, without, type ChannelName, type Channels } from "./segment.ts";
import { onAck as senderOnAck, retransmission, send, senderDone, sendableSizes, SENDER_START, type Sender } from "./sender.ts";

export interface TcpConfig {
  readonly rewriter: AnyRewriter;
  /** The connections the explorer opens (random runs open any). */
  readonly connections: readonly { readonly isn: number; readonly stream: StreamSpec }[];
  readonly mss: number;
  readonly retransmit: "all" | "first";
  /** Sender's window: bytes (and FIN) sent but not acknowledged. */
  readonly window: number;
  /** Receiver's window: bytes beyond the next expected one it accepts. */
  readonly rcvWindow: number;
  readonly reorder: boolean;
  /** The receiver → middlebox channel (ack-in) delivers in any order even when the others are FIFO. */
  readonly reorderAcks: boolean;
  /** Most losses / duplicates the adversary may cause in a run (null: any number). */
  readonly lossBudget: number | null;
  readonly duplicationBudget: number | null;
  readonly pruning: boolean;
  readonly belowAck: "trim" | "map";
  /** The list of §IV-C ("paper") or FastClick's trees ("fastclick", models/tcp/fastclick-list.ts). */
  readonly modificationList: "paper" | "fastclick";
  /** FastClick's trees are pruned on every pruneEvery-th ACK (BS_PRUNE_THRESHOLD = 10). */
  readonly pruneEvery: number;
  readonly retransmissions: Retransmissions;
  readonly fault: TcpFault | null;
  /** Derived from the above: what the middlebox runs. */
  readonly middlebox: MiddleboxConfig;
}

export type TcpEvent =
  | { readonly type: "open"; readonly isn: number; readonly stream: StreamSpec }
  | { readonly type: "send"; readonly size: number }
  | { readonly type: "timeout" }
  | { readonly type: "deliver" | "lose" | "duplicate"; readonly channel: ChannelName; readonly index: number };

export interface OpenState {
  readonly conn: Connection;
  readonly sender: Sender;
  readonly middlebox: Middlebox;
  readonly receiver: Receiver;
  readonly channels: Channels;
  readonly losses: number;
  readonly duplicates: number;
  /** What had happened when the timer last fired (see the header). */
  readonly lastTimeout: string | null;
  readonly stalled: boolean;
}

/** Before the trace's first event, nothing is open. */
export type TcpState = OpenState | { readonly conn: null };

export const isOpen = (s: TcpState): s is OpenState => s.conn !== null;

export function middleboxConfig(
  c: Pick<TcpConfig, "rewriter" | "pruning" | "belowAck" | "fault" | "modificationList" | "pruneEvery" | "retransmissions">,
): MiddleboxConfig {
  // FastClick's trees replace the list (and a fault of the list with it); the middlebox's own faults still apply.
  const ops = c.modificationList === "fastclick" ? fastclickListOps(c.pruneEvery) : listOpsFor(c.fault);
  return {
    rewriter: c.rewriter, ops, pruning: c.pruning, belowAck: c.belowAck, reapplyEdits: c.fault !== "edits-not-reapplied",
    pruneAt: c.fault === "prune-too-early" ? "received" : "mapped", dropRetransmissions: c.fault === "drops-retransmissions",
    retransmissions: c.retransmissions,
  };
}

/** Whether a channel delivers in any order. */
const reorders = (c: TcpConfig, channel: ChannelName) => c.reorder || (c.reorderAcks && channel === "ack-in");

const within = (used: number, budget: number | null) => budget === null || used < budget;

/** What the stall check compares (see the header). */
function progressMark(s: OpenState): string {
  const pendingBytes = s.receiver.pending.reduce((n, p) => n + p.bytes.length, 0);
  return [s.sender.una, s.sender.nxt, s.receiver.nxt, pendingBytes, s.middlebox.seen, s.middlebox.decided, s.losses, s.duplicates].join(",");
}

function canTimeOut(s: OpenState, c: TcpConfig): boolean {
  return !s.stalled && channelsEmpty(s.channels) && s.sender.una < s.sender.nxt && sendableSizes(s.sender, s.conn.bytes.length, c).length === 0;
}

export function enabledEvents(state: TcpState, c: TcpConfig): TcpEvent[] {
  if (!isOpen(state)) return c.connections.map((x) => ({ type: "open", isn: x.isn, stream: x.stream }));
  if (state.stalled) return [];
  const events: TcpEvent[] = sendableSizes(state.sender, state.conn.bytes.length, c).map((size) => ({ type: "send", size }));
  if (canTimeOut(state, c)) events.push({ type: "timeout" });
  for (const channel of CHANNELS) {
    const n = state.channels[channel].length;
    // First in, first out unless the channel reorders; a loss or a duplicate of a later packet is the
    // same as of the first one after the earlier ones were delivered.
    for (let index = 0; index < (reorders(c, channel) ? n : Math.min(n, 1)); index++) {
      events.push({ type: "deliver", channel, index });
      if (within(state.losses, c.lossBudget)) events.push({ type: "lose", channel, index });
      if (within(state.duplicates, c.duplicationBudget)) events.push({ type: "duplicate", channel, index });
    }
  }
  return events;
}

function put<K extends ChannelName>(channels: Channels, name: K, item: Channels[K][number] | null): Channels {
  return item === null ? channels : withChannel(channels, name, [...channels[name], item] as Channels[K]);
}

/**
 * `{ ...s, ...change }`, the fields by name: the spread of a state, on every step, was a large part of what
 * a step cost (the type checker says when a field of OpenState is missing here).
 */
function changed(s: OpenState, change: Partial<OpenState>): OpenState {
  return {
    conn: change.conn ?? s.conn, sender: change.sender ?? s.sender, middlebox: change.middlebox ?? s.middlebox, receiver: change.receiver ?? s.receiver,
    channels: change.channels ?? s.channels, losses: change.losses ?? s.losses, duplicates: change.duplicates ?? s.duplicates,
    lastTimeout: change.lastTimeout !== undefined ? change.lastTimeout : s.lastTimeout, stalled: change.stalled ?? s.stalled,
  };
}

/** The item a deliver, lose or duplicate event names, or a ModelError. */
function itemAt(s: OpenState, c: TcpConfig, channel: ChannelName, index: number): void {
  const n = s.channels[channel]?.length;
  if (n === undefined) throw new ModelError(`no channel "${channel}"`);
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new ModelError(`channel ${channel} holds ${countOf(n, "packet")}; there is no #${index}`);
  if (!reorders(c, channel) && index !== 0) throw new ModelError(`channel ${channel} is first in, first out; only #0 can go`);
}

function deliver(s: OpenState, c: TcpConfig, channel: ChannelName, index: number): OpenState {
  const rest = without(s.channels, channel, index);
  const { conn } = s;
  try {
    switch (channel) {
      case "data-in": {
        const r = onData(c.middlebox, s.middlebox, conn, s.channels["data-in"][index]!);
        return changed(s, { middlebox: r.mb, channels: put(put(rest, "data-out", r.out), "ack-out", r.answer) });
      }
      case "data-out": {
        const r = onSegment(s.receiver, conn.isn, s.channels["data-out"][index]!, c.rcvWindow);
        return changed(s, { receiver: r.receiver, channels: put(rest, "ack-in", r.ack) });
      }
      case "ack-in": {
        const r = middleboxOnAck(c.middlebox, s.middlebox, conn, s.channels["ack-in"][index]!);
        return changed(s, { middlebox: r.mb, channels: put(rest, "ack-out", r.out) });
      }
      case "ack-out":
        return changed(s, { sender: senderOnAck(s.sender, conn.isn, s.channels["ack-out"][index]!.ack), channels: rest });
    }
  } catch (e) {
    if (e instanceof RewriterContractError) throw new StepViolation(REWRITER_CONTRACT, e.message);
    throw e;
  }
}

export function stepTcp(state: TcpState, e: TcpEvent, c: TcpConfig): TcpState {
  if (e.type === "open") {
    if (isOpen(state)) throw new ModelError("the connection is already open");
    if (!Number.isInteger(e.isn) || e.isn < 0 || e.isn >= 2 ** 32) throw new ModelError(`ISN ${e.isn} is not a 32-bit sequence number`);
    let conn: Connection;
    try {
      conn = openConnection(e.isn, e.stream, c.rewriter);
    } catch (x) {
      if (x instanceof RewriterContractError) throw new StepViolation(REWRITER_CONTRACT, x.message);
      throw x;
    }
    if (conn.bytes.length === 0) throw new ModelError("a stream needs at least one byte");
    return {
      conn, sender: SENDER_START, middlebox: openMiddlebox(c.middlebox, conn.isn), receiver: RECEIVER_START, channels: NO_CHANNELS,
      losses: 0, duplicates: 0, lastTimeout: null, stalled: false,
    };
  }
  if (!isOpen(state)) throw new ModelError("the first event must open the connection");
  if (state.stalled) throw new ModelError("the connection is stalled; nothing happens any more");
  const length = state.conn.bytes.length;
  switch (e.type) {
    case "send": {
      if (!sendableSizes(state.sender, length, c).includes(e.size)) throw new ModelError(`the sender cannot send ${e.size} new bytes now`);
      const r = send(state.sender, state.conn.isn, length, e.size);
      return changed(state, { sender: r.sender, channels: put(state.channels, "data-in", r.segment) });
    }
    case "timeout": {
      if (!canTimeOut(state, c)) throw new ModelError("the timer fires only when nothing is in flight and the window allows nothing new");
      const mark = progressMark(state);
      if (mark === state.lastTimeout) return changed(state, { stalled: true });
      const segments = retransmission(state.sender, state.conn.isn, length, c);
      return changed(state, { lastTimeout: mark, channels: withChannel(state.channels, "data-in", [...state.channels["data-in"], ...segments]) });
    }
    case "deliver":
      itemAt(state, c, e.channel, e.index);
      return deliver(state, c, e.channel, e.index);
    case "lose": {
      itemAt(state, c, e.channel, e.index);
      if (!within(state.losses, c.lossBudget)) throw new ModelError("the adversary has no loss left");
      return changed(state, { losses: state.losses + 1, channels: without(state.channels, e.channel, e.index) });
    }
    case "duplicate": {
      itemAt(state, c, e.channel, e.index);
      if (!within(state.duplicates, c.duplicationBudget)) throw new ModelError("the adversary has no duplicate left");
      const items = state.channels[e.channel];
      return changed(state, { duplicates: state.duplicates + 1, channels: withChannel(state.channels, e.channel, [...items, items[e.index]!] as typeof items) });
    }
  }
}

/** Done: everything acknowledged (or stalled), and nothing left in flight. */
export function tcpQuiescent(s: TcpState): boolean {
  return isOpen(s) && channelsEmpty(s.channels) && (s.stalled || senderDone(s.sender, s.conn.bytes.length));
}

/** The explorer's key: everything that matters (channels in their order, which FIFO channels need). */
function tcpKey(s: TcpState): string {
  if (!isOpen(s)) return "closed";
  const channels = CHANNELS.map((n) => s.channels[n]);
  const r = s.receiver;
  const m = s.middlebox;
  return canonicalKey([
    s.conn.isn, s.conn.stream, s.sender, [m.rw, m.seen, m.decided, m.finished, m.edits, m.list, m.acked, m.retransmitter ?? null],
    [r.nxt, r.pending, r.finAt, finTaken(r), r.delivered, deliveredKey(r)], channels, s.losses, s.duplicates, s.lastTimeout, s.stalled,
  ]);
}

function deliveredKey(r: Receiver): string {
  const parts: string[] = [];
  for (let d = r.app; d !== null; d = d.prev) parts.push(d.bytes.join("."));
  return parts.reverse().join("|");
}

export const tcpModel: Model<TcpState, TcpEvent, TcpConfig> = {
  name: "tcp",
  init: () => ({ conn: null }),
  enabled: enabledEvents,
  step: stepTcp,
  quiescent: tcpQuiescent,
  key: tcpKey,
};
