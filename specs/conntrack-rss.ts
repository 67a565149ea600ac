/**
 * What RSS sharding of connection tables (models/conntrack/rss.ts) must guarantee:
 *
 * same-table   both directions of a connection reach the same table (a per-core table that sees one
 *              direction tracks half a connection).
 */
import type { Invariant } from "../core/spec.ts";
import { tupleOf, type RssConfig, type RssState } from "../models/conntrack/rss.ts";

export const SAME_TABLE = "same-table";

const sameTable: Invariant<RssState, RssConfig> = {
  kind: "invariant", name: SAME_TABLE,
  check(s, c) {
    for (const [i, r] of s.reached.entries()) {
      if (r.request === null || r.reply === null || r.request === r.reply) continue;
      const req = tupleOf(c, { connection: i, direction: "request" });
      return `connection ${i}: ${req.src.text} → ${req.dst.text} reaches table ${r.request}, its reply ${req.dst.text} → ${req.src.text} table ${r.reply}`;
    }
    return null;
  },
};

export const RSS_SPECS = [sameTable] as const;
