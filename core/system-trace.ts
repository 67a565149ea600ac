/**
 * A user system's trace for people: one row per event — its number, the event as JSON, the state after it
 * as compact JSON and what changed ("owner[0]: null → 1; next: 1 → 0") — after a row 0 with the initial
 * state. A step that breaks the contract or throws ends the table with a row that says so; a step that
 * changed its input shows what it changed there, from a copy of the state taken before the call (only
 * here: a short trace can afford a copy per step, an exploration cannot).
 */
import { canonicalKey } from "./canonical.ts";
import type { Table } from "./registry.ts";
import { DesignThrew } from "./model.ts";
import { formatData } from "./plain-data.ts";
import { describeError } from "./run-trace.ts";
import { StepViolation } from "./spec.ts";
import { threwMarker, type SystemModel } from "./system-model.ts";
import type { SystemConfig } from "./user-system.ts";

export const SYSTEM_TRACE_COLUMNS = ["step", "event", "state after", "what changed"] as const;

export interface SystemTraceOptions {
  /** Longest state and change cell; longer ones end with "…" (default 100; Infinity with --full). */
  readonly width?: number;
}

export function explainSystemTrace(model: SystemModel, config: SystemConfig, events: readonly unknown[], o: SystemTraceOptions = {}): Table {
  const width = o.width ?? 100;
  const rows: string[][] = [];
  let state: unknown;
  try {
    state = model.init(config);
  } catch (e) {
    return { columns: SYSTEM_TRACE_COLUMNS, rows: [["0", "init", `threw: ${e instanceof Error ? e.message : String(e)}`, ""]] };
  }
  rows.push(["0", "(initial state)", formatData(state, width), ""]);
  for (const [n, event] of events.entries()) {
    const marker = threwMarker(event);
    const shownEvent = marker !== null ? `(${marker} in this state)` : formatData(event, width);
    // A copy to compare with, should the step change its input (structuredClone keeps Maps and Sets).
    let copy: unknown = undefined;
    try {
      copy = structuredClone(state);
    } catch {
      // Not cloneable (the contract check says why when the step runs): no comparison.
    }
    let next: unknown;
    try {
      next = model.step(state, event, config);
    } catch (e) {
      const changed = e instanceof StepViolation && copy !== undefined ? describeChanges(copy, state, width) : "";
      const why = e instanceof StepViolation || e instanceof DesignThrew ? e.message : describeError(e);
      rows.push([String(n + 1), shownEvent, `✗ ${why}`, changed === "" ? "" : `the input: ${changed}`]);
      break;
    }
    rows.push([String(n + 1), shownEvent, formatData(next, width), describeChanges(state, next, width) || "nothing"]);
    state = next;
  }
  return { columns: SYSTEM_TRACE_COLUMNS, rows };
}

/**
 * What differs from `before` to `after`, as "path: old → new" items (a field or entry added shows
 * "+ value", one removed "− value"), the first `max` of them and how many more, cut to `width`.
 */
export function describeChanges(before: unknown, after: unknown, width = Number.POSITIVE_INFINITY, max = 6): string {
  const items: string[] = [];
  let more = 0;
  const add = (item: string) => {
    if (items.length < max) items.push(item);
    else more++;
  };
  const value = (v: unknown) => formatData(v, 40);
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (Object.is(a, b)) return;
    const at = path === "" ? "" : `${path}: `;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (i >= b.length) add(`${path}[${i}]: − ${value(a[i])}`);
        else if (i >= a.length) add(`${path}[${i}]: + ${value(b[i])}`);
        else walk(a[i], b[i], `${path}[${i}]`);
      }
      return;
    }
    if (a instanceof Map && b instanceof Map) {
      for (const [k, x] of a) {
        const key = `${path}[${formatData(k, 30)}]`;
        if (!b.has(k)) add(`${key}: − ${value(x)}`);
        else walk(x, b.get(k), key);
      }
      for (const [k, x] of b) if (!a.has(k)) add(`${path}[${formatData(k, 30)}]: + ${value(x)}`);
      return;
    }
    if (a instanceof Set && b instanceof Set) {
      // Members by canonical key: equal objects of another identity are the same member.
      const keys = (s: Set<unknown>) => new Map([...s].map((x) => [canonicalKey(x), x] as const));
      const [ka, kb] = [keys(a), keys(b)];
      for (const [k, x] of ka) if (!kb.has(k)) add(`${at}− ${value(x)}`);
      for (const [k, x] of kb) if (!ka.has(k)) add(`${at}+ ${value(x)}`);
      return;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const key = path === "" ? k : `${path}.${k}`;
        if (!(k in b)) add(`${key}: − ${value(a[k])}`);
        else if (!(k in a)) add(`${key}: + ${value(b[k])}`);
        else walk(a[k], b[k], key);
      }
      return;
    }
    // Different kinds, or leaves: equal containers of other identity are no change.
    if (formatData(a) !== formatData(b)) add(`${at}${value(a)} → ${value(b)}`);
  };
  walk(before, after, "");
  const text = items.join("; ") + (more > 0 ? `; ${more} more` : "");
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof Map) && !(x instanceof Set);
}
