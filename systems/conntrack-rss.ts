/**
 * Connection tables sharded over cores by RSS (models/conntrack/rss.ts) as a system: the Microsoft key
 * against the symmetric one.
 */
import type { System } from "../core/system.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import { describeRssConfig, explainRssTrace, RssConfigJson, RssEventJson, rssModel, toRssConfig, type RssConfig, type RssEvent, type RssState } from "../models/conntrack/rss.ts";
import { RSS_SPECS, SAME_TABLE } from "../specs/conntrack-rss.ts";
import { rssSequence } from "./conntrack-rss/sequence.ts";

const rss: System<RssState, RssEvent, RssConfig, RssConfigJson> = {
  name: rssModel.name,
  model: rssModel,
  summary: "connection tables sharded over cores by RSS: does each connection's reply reach the table of its request?",
  configSchema: RssConfigJson,
  eventSchema: RssEventJson,
  resolveConfig: async (json) => toRssConfig(json),
  specs: () => RSS_SPECS,
  explain: explainRssTrace,
  describe: describeRssConfig,
  properties: { [SAME_TABLE]: "both directions of a connection reach the same table" },
  faults: [{ name: "key-typo", description: "the symmetric key typed with one wrong byte", kills: SAME_TABLE, config: { fault: "key-typo" } }],
  boundaries: [{
    name: "microsoft-key", config: { key: "microsoft" }, property: SAME_TABLE,
    note: "the standard Microsoft RSS key hashes a 4-tuple and its reverse differently: a connection's request and reply reach different cores' tables",
  }],
  sequence: rssSequence,
  presets: { default: {} },
  // Every order of the packets of the default connections, over 4 and over 16 tables.
  checks: async () => [systemExploreCheck(rss, "default/explore", {}, SAME_TABLE), systemExploreCheck(rss, "tables-16/explore", { tables: 16 }, SAME_TABLE)],
};

export default rss;
