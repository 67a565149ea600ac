/**
 * Connection tracking sharded by RSS (the talk's "core scaling": one table per core behind receive-side
 * scaling): a NIC hashes each packet's 4-tuple with the Toeplitz function and its 40-byte key, and the
 * 128-entry indirection table, filled round-robin, picks the queue — the core, and the core's table.
 * A connection's two directions swap source and destination, so with the standard Microsoft key they
 * usually hash differently and a per-core table sees half a connection; a key made of one 16-bit pattern
 * repeated (0x6d5a, Woo and Park, "Scalable TCP Session Monitoring with Symmetric Receive-side Scaling",
 * 2012) hashes both directions alike. The Toeplitz hash and the indirection table are the SCR model's
 * (models/scr/spray.ts).
 *
 * Events: a packet of a connection, in one direction. The state records which table each direction
 * reached; specs/conntrack-rss.ts says both must be one.
 */
import { Schema } from "effect";
import { optionalField } from "../../core/config-field.ts";
import { ModelError, type Model } from "../../core/model.ts";
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";
import { RSS_KEY, rssQueue, toeplitz } from "../scr/spray.ts";

/** 0x6d5a repeated: a key whose hash is the same for a 4-tuple and its reverse. */
export const SYMMETRIC_KEY: readonly number[] = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 0x6d : 0x5a));

export const RSS_KEYS = ["symmetric", "microsoft"] as const;
export const RSS_FAULTS = [
  /** The symmetric key typed with one wrong byte (0x5b for the sixth): no longer symmetric. */
  "key-typo",
] as const;

const Endpoint = Schema.String.pipe(Schema.pattern(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d{1,5})$/), Schema.filter((s) => {
  const [ip, port] = s.split(":") as [string, string];
  return (ip.split(".").every((b) => Number(b) <= 255) && Number(port) <= 65_535) || `an address a.b.c.d:port, each byte ≤ 255 and the port ≤ 65535, not "${s}"`;
})).annotations({ title: "an address a.b.c.d:port" });

export const DEFAULT_CONNECTIONS = [
  { client: "10.0.0.1:40000", server: "192.168.1.10:80" },
  { client: "10.0.0.2:40001", server: "192.168.1.10:443" },
  { client: "10.0.0.3:51234", server: "8.8.8.8:53" },
  { client: "172.16.5.4:33000", server: "93.184.216.34:443" },
] as const;

export const RssConfigJson = Schema.Struct({
  key: optionalField(Schema.Literal(...RSS_KEYS), "the RSS key: 0x6d5a repeated (symmetric) or the Microsoft specification's default (microsoft)", "symmetric"),
  tables: optionalField(Schema.Int.pipe(Schema.between(1, 128)), "cores, each with its own connection table (RSS queues)", 4),
  connections: optionalField(Schema.NonEmptyArray(Schema.Struct({ client: Endpoint, server: Endpoint })).annotations({ title: "a JSON array of { client, server }" }), "the connections, client and server as a.b.c.d:port", DEFAULT_CONNECTIONS),
  fault: optionalField(Schema.Literal(...RSS_FAULTS), "a broken variant (a mutant; absent: the design)"),
});
export type RssConfigJson = Schema.Schema.Type<typeof RssConfigJson>;

export interface Endpoint4 { readonly ip: number; readonly port: number; readonly text: string }
export interface RssConfig {
  readonly key: readonly number[];
  readonly keyName: (typeof RSS_KEYS)[number];
  readonly tables: number;
  readonly connections: readonly { readonly client: Endpoint4; readonly server: Endpoint4 }[];
  readonly fault: (typeof RSS_FAULTS)[number] | null;
}

function endpoint(text: string): Endpoint4 {
  const [ip, port] = text.split(":") as [string, string];
  return { ip: ip.split(".").reduce((a, b) => ((a << 8) | Number(b)) >>> 0, 0), port: Number(port), text };
}

export function toRssConfig(json: RssConfigJson): RssConfig {
  const keyName = json.key ?? "symmetric";
  const base = keyName === "symmetric" ? SYMMETRIC_KEY : RSS_KEY;
  const key = json.fault === "key-typo" ? base.map((b, i) => (i === 5 ? 0x5b : b)) : base;
  return { key, keyName, tables: json.tables ?? 4, connections: (json.connections ?? DEFAULT_CONNECTIONS).map((c) => ({ client: endpoint(c.client), server: endpoint(c.server) })), fault: json.fault ?? null };
}

export const describeRssConfig = (c: RssConfig) => `${c.connections.length} connection(s) over ${c.tables} tables, ${c.keyName} key${c.fault ? `, fault ${c.fault}` : ""}`;

export type Direction = "request" | "reply";
export interface RssEvent { readonly type: "packet"; readonly connection: number; readonly direction: Direction }

/** Per connection, the table each direction's packet reached (null: none sent yet). */
export interface RssState { readonly reached: readonly { readonly request: number | null; readonly reply: number | null }[] }

/** The packet's 4-tuple: the client's to the server's for a request, the reverse for a reply. */
export function tupleOf(c: RssConfig, e: Pick<RssEvent, "connection" | "direction">) {
  const { client, server } = c.connections[e.connection]!;
  const [src, dst] = e.direction === "request" ? [client, server] : [server, client];
  return { src, dst };
}

export function tableOf(c: RssConfig, e: Pick<RssEvent, "connection" | "direction">): number {
  const { src, dst } = tupleOf(c, e);
  return rssQueue(toeplitz({ srcIp: src.ip, dstIp: dst.ip, srcPort: src.port, dstPort: dst.port }, c.key), c.tables);
}

export const rssModel: Model<RssState, RssEvent, RssConfig> = {
  name: "conntrack.rss",
  init: (c) => ({ reached: c.connections.map(() => ({ request: null, reply: null })) }),
  enabled: (s, c) => c.connections.flatMap((_, connection) =>
    (["request", "reply"] as const).filter((d) => s.reached[connection]![d] === null).map((direction) => ({ type: "packet" as const, connection, direction }))),
  step(s, e, c) {
    const r = s.reached[e.connection];
    if (r === undefined || r[e.direction] !== null) throw new ModelError(`event ${JSON.stringify(e)} is not enabled`);
    return { reached: s.reached.map((x, i) => (i === e.connection ? { ...x, [e.direction]: tableOf(c, e) } : x)) };
  },
  quiescent: (s) => s.reached.every((r) => r.request !== null && r.reply !== null),
};

export const RssEventJson = Schema.Struct({ type: Schema.Literal("packet"), connection: Schema.Int.pipe(Schema.nonNegative()), direction: Schema.Literal("request", "reply") });

export const explainRssTrace = (config: RssConfig, events: readonly RssEvent[]): Table =>
  traceTable(rssModel, config, events, ["step", "packet", "hash", "table"], (_before, e) => {
    const { src, dst } = tupleOf(config, e);
    const hash = toeplitz({ srcIp: src.ip, dstIp: dst.ip, srcPort: src.port, dstPort: dst.port }, config.key);
    return [`connection ${e.connection} ${e.direction}: ${src.text} → ${dst.text}`, `0x${hash.toString(16).padStart(8, "0")}`, String(tableOf(config, e))];
  }, (e, why) => `${e.type}: ${why}`);
