/** RSS sharding as a sequence diagram: the clients, the servers and each core's table are lanes; a packet goes from its sender to the table RSS picks. */
import type { SequenceView } from "../../core/sequence.ts";
import { tableOf, type RssConfig, type RssEvent, type RssState } from "../../models/conntrack/rss.ts";

const table = (t: number) => `table ${t}`;

export const rssSequence: SequenceView<RssState, RssEvent, RssConfig> = {
  actors: (c) => ["clients", "servers", ...Array.from({ length: c.tables }, (_, t) => table(t))],
  place: (e, _before, _after, c) => ({ actor: e.direction === "request" ? "clients" : "servers", to: [table(tableOf(c, e))] }),
};
