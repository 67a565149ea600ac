/**
 * The TCP middlebox (MiddleClick §IV) as a sequence diagram: sender, middlebox and receiver are lanes; the
 * four channels between them are the arrows — a segment or an ACK delivered, duplicated, or lost on the
 * way.
 */
import type { SequenceView } from "../../core/sequence.ts";
import type { ChannelName } from "../../models/tcp/segment.ts";
import type { TcpConfig, TcpEvent, TcpState } from "../../models/tcp/system.ts";

const ENDS: Readonly<Record<ChannelName, readonly [from: string, to: string]>> = {
  "data-in": ["sender", "middlebox"], "data-out": ["middlebox", "receiver"], "ack-in": ["receiver", "middlebox"], "ack-out": ["middlebox", "sender"],
};

export const tcpSequence: SequenceView<TcpState, TcpEvent, TcpConfig> = {
  actors: () => ["sender", "middlebox", "receiver"],
  place(e) {
    switch (e.type) {
      case "open": case "send": case "timeout": return { actor: "sender" };
      case "deliver": case "duplicate": return { actor: ENDS[e.channel][0], to: [ENDS[e.channel][1]] };
      case "lose": return { actor: ENDS[e.channel][0], to: [ENDS[e.channel][1]], lost: true };
    }
  },
};
