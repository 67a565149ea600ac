/** The connection table's events as JSON, and its trace table (the system, with its specs, is systems/conntrack.ts). */
import { Schema } from "effect";
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";
import type { TableConfig } from "./config.ts";
import { tableModel, type TableEvent, type TableState } from "./system.ts";

export const TableEventJson = Schema.Union(
  Schema.Struct({ type: Schema.Literal("insert", "lookup", "delete"), key: Schema.Int.pipe(Schema.nonNegative()) }),
  Schema.Struct({ type: Schema.Literal("tick") }),
);

/** The table, home by home: "0:k1 1:· 2:k0,k2" (key and, with ageing, its last use). */
const storeText = (s: TableState, c: TableConfig) => s.store.map((x, i) => `${i}:${x.length === 0 ? "·" : x.map((e) => `k${e.key}${c.ageing !== "none" ? `@${e.used}` : ""}`).join(",")}`).join(" ");

function describe(before: TableState, e: TableEvent, after: TableState): string {
  if (e.type === "tick") return `time ${after.now}`;
  if (e.type === "delete") return `delete key ${e.key}`;
  const last = after.last;
  if (e.type === "insert") return `insert key ${e.key} (value ${before.ops + 1})${last?.type === "insert" && !last.ok ? ": refused, no room" : ""}`;
  return `lookup key ${e.key}: ${last?.type === "lookup" && last.value !== null ? `value ${last.value}` : "miss"}`;
}

export const explainTableTrace = (config: TableConfig, events: readonly TableEvent[]): Table =>
  traceTable(tableModel, config, events, ["step", "event", "table"], (before, e, after) => [describe(before, e, after), storeText(after, config)], (e, why) => `${e.type}: ${why}`);
