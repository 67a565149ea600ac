/** The end-to-end TCP model's trace table (the system, with its specs, is systems/tcp.ts). */
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";
import { describeStream } from "./connection.ts";
import { textOf } from "./rewriter.ts";
import type { AnyList } from "./middlebox.ts";
import { seqDiff } from "./serial.ts";
import { CHANNEL_PATH, CHANNELS, type ChannelName } from "./segment.ts";
import { isOpen, tcpModel, type OpenState, type TcpConfig, type TcpEvent, type TcpState } from "./system.ts";

const quoted = (bytes: readonly number[]) => {
  const t = JSON.stringify(textOf(bytes));
  return t.length > 34 ? `${t.slice(0, 30)}…" (${bytes.length} B)` : t;
};

/** "list of 2", or for FastClick's trees their numbers of keys. */
const listSize = (list: AnyList) => ("mods" in list ? `list of ${list.mods.length}` : `trees of ${list.ack.length} ACK / ${list.seq.length} sequence keys`);

const range = (from: number, length: number) => (length === 0 ? `none at ${from}` : `${from}..${from + length - 1}`);

function describeItem(s: OpenState, channel: ChannelName, index: number): string {
  const { isn } = s.conn;
  switch (channel) {
    case "data-in": {
      const x = s.channels["data-in"][index]!;
      return `original bytes ${range(seqDiff(x.seq, isn), x.length)}${x.fin ? " + FIN" : ""}`;
    }
    case "data-out": {
      const x = s.channels["data-out"][index]!;
      return `rewritten bytes ${range(seqDiff(x.seq, isn), x.bytes.length)} ${quoted(x.bytes)}${x.fin ? " + FIN" : ""}`;
    }
    case "ack-in":
    case "ack-out": {
      const x = s.channels[channel][index]!;
      return `ACK ${x.ack} (offset ${seqDiff(x.ack, isn)})`;
    }
  }
}

/** What one event did. */
export function describeTcpEvent(before: TcpState, event: TcpEvent, after: TcpState): string {
  if (event.type === "open") return `open: ISN ${event.isn}, stream ${describeStream(event.stream)}`;
  if (!isOpen(before) || !isOpen(after)) return "?";
  const added = (c: ChannelName) => after.channels[c].length - before.channels[c].length + (event.type === "deliver" && event.channel === c ? 1 : 0);
  switch (event.type) {
    case "send": return `sender sends ${describeItem(after, "data-in", after.channels["data-in"].length - 1)}`;
    case "timeout":
      return after.stalled ? "timer fires again with nothing changed: stalled" : `timer fires: sender resends ${added("data-in")} segment(s) from offset ${before.sender.una}`;
    case "lose": return `${CHANNEL_PATH[event.channel]} loses ${describeItem(before, event.channel, event.index)}`;
    case "duplicate": return `${CHANNEL_PATH[event.channel]} duplicates ${describeItem(before, event.channel, event.index)}`;
    case "deliver": {
      const what = describeItem(before, event.channel, event.index);
      switch (event.channel) {
        case "data-in": {
          const answer = added("ack-out") > 0 ? after.channels["ack-out"][after.channels["ack-out"].length - 1]! : null;
          const held = after.middlebox.seen > after.middlebox.decided ? `; holds ${range(after.middlebox.decided, after.middlebox.seen - after.middlebox.decided)}` : "";
          const fwd = added("data-out") > 0 ? `forwards ${describeItem(after, "data-out", after.channels["data-out"].length - 1)}` : "forwards nothing";
          return `middlebox gets ${what}: ${fwd}${answer !== null ? `, answers ACK ${answer.ack}` : ""}${held}`;
        }
        case "data-out": return `receiver gets ${what}: has ${after.receiver.delivered} B${after.receiver.nxt > after.receiver.delivered ? " + FIN" : ""}, ACKs ${after.receiver.nxt}`;
        case "ack-in": {
          const out = after.channels["ack-out"][after.channels["ack-out"].length - 1]!;
          return `middlebox gets ${what}: maps it to ACK ${out.ack} (offset ${seqDiff(out.ack, after.conn.isn)}); ${listSize(after.middlebox.list)}`;
        }
        case "ack-out": return `sender gets ${what}: una = ${after.sender.una}`;
      }
    }
  }
}

/** One row per event: what it did, the sender's una/nxt, what the middlebox has seen and decided, the receiver. */
export const explainTcpTrace = (config: TcpConfig, events: readonly TcpEvent[]): Table =>
  traceTable(tcpModel, config, events, ["step", "event", "sender una/nxt", "middlebox seen/decided", "receiver nxt", "in flight"],
    (before, event, after) => {
      const o = isOpen(after) ? after : null;
      return [
        describeTcpEvent(before, event, after),
        o ? `${o.sender.una}/${o.sender.nxt}` : "", o ? `${o.middlebox.seen}/${o.middlebox.decided}` : "",
        o ? String(o.receiver.nxt) : "", o ? String(CHANNELS.reduce((k, c) => k + o.channels[c].length, 0)) : "",
      ];
    },
    (event, why) => `${event.type}: ${why}`);
