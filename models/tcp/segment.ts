/**
 * What travels between the end hosts and the middlebox. Data goes sender → middlebox → receiver, ACKs come
 * back receiver → middlebox → sender: four channels, each of which may lose, duplicate and (when the config
 * allows) reorder what it carries.
 */

/** A segment of the original stream as the sender sends it: its bytes are the stream's, so only the range travels. */
export interface SentSegment {
  /** Sequence number of the first byte (original space). */
  readonly seq: number;
  readonly length: number;
  /** The FIN follows the last byte (it takes sequence number seq + length). */
  readonly fin: boolean;
}

/** A segment as the middlebox forwards it: modified sequence space, rewritten bytes. */
export interface ForwardedSegment {
  readonly seq: number;
  readonly bytes: readonly number[];
  readonly fin: boolean;
}

/** A cumulative acknowledgement: every byte before `ack` has arrived. */
export interface Ack {
  readonly ack: number;
}

export const CHANNELS = ["data-in", "data-out", "ack-in", "ack-out"] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** Where each channel runs, for people. */
export const CHANNEL_PATH: Readonly<Record<ChannelName, string>> = {
  "data-in": "sender → middlebox", "data-out": "middlebox → receiver", "ack-in": "receiver → middlebox", "ack-out": "middlebox → sender",
};

export interface Channels {
  readonly "data-in": readonly SentSegment[];
  readonly "data-out": readonly ForwardedSegment[];
  readonly "ack-in": readonly Ack[];
  readonly "ack-out": readonly Ack[];
}

export const NO_CHANNELS: Channels = { "data-in": [], "data-out": [], "ack-in": [], "ack-out": [] };

export const channelsEmpty = (c: Channels): boolean => CHANNELS.every((n) => c[n].length === 0);

/**
 * The channels with one of them replaced: `{ ...channels, [name]: items }`, the four named (a spread with a
 * computed name, on every step, was a large part of a step's time).
 */
export function withChannel<K extends ChannelName>(channels: Channels, name: K, items: Channels[K]): Channels {
  return {
    "data-in": name === "data-in" ? (items as Channels["data-in"]) : channels["data-in"],
    "data-out": name === "data-out" ? (items as Channels["data-out"]) : channels["data-out"],
    "ack-in": name === "ack-in" ? (items as Channels["ack-in"]) : channels["ack-in"],
    "ack-out": name === "ack-out" ? (items as Channels["ack-out"]) : channels["ack-out"],
  };
}

/** The channels with item `index` of one of them taken out. */
export function without(channels: Channels, name: ChannelName, index: number): Channels {
  const items: readonly unknown[] = channels[name];
  return withChannel(channels, name, [...items.slice(0, index), ...items.slice(index + 1)] as Channels[typeof name]);
}
