/**
 * A trace as a table for people (a registry entry's `explain`): the model replays the events from its
 * initial state, one row per event — its number, then the model's own cells for (before, event, after) —
 * and an event the model refuses ends the table with a row that says why.
 */
import type { Model } from "./model.ts";
import type { Table } from "./registry.ts";
import { describeError } from "./run-trace.ts";

export function traceTable<S, E, C>(
  model: Model<S, E, C>, config: C, events: readonly E[],
  columns: readonly string[],
  cells: (before: S, event: E, after: S) => readonly string[],
  refused: (event: E, why: string) => string,
): Table {
  const rows: string[][] = [];
  let state = model.init(config);
  for (const [n, event] of events.entries()) {
    let next: S;
    try {
      next = model.step(state, event, config);
    } catch (e) {
      rows.push([String(n + 1), refused(event, describeError(e)), ...columns.slice(2).map(() => "")]);
      break;
    }
    rows.push([String(n + 1), ...cells(state, event, next)]);
    state = next;
  }
  return { columns, rows };
}
