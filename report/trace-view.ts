/**
 * A counterexample as the report draws it: the trace replayed from the system's initial state, each
 * event placed on a lane (the system's `sequence`, or core/sequence.ts's fallback), described in the
 * system's words, with the state after it and what changed (a diff of the plain states, by microdiff: a
 * small, dependency-free deep diff, where a hand-written one would have to get arrays and nesting right
 * again), and the violation marked at the event after which it happened.
 */
import diff from "microdiff";
import { Schema } from "effect";
import type { Counterexample } from "../core/counterexample.ts";
import type { AnyModelEntry } from "../core/registry.ts";
import { runTrace } from "../core/run-trace.ts";
import { decodeOrThrow } from "../core/schema-errors.ts";
import { genericLanes, type SequenceView } from "../core/sequence.ts";
import { describeError } from "../core/run-trace.ts";
import { toPlain, type Plain } from "./plain.ts";

export interface Change {
  /** "cores[1].log[0]" */
  readonly path: string;
  readonly kind: "added" | "removed" | "changed";
  readonly before?: Plain;
  readonly after?: Plain;
}

export interface TraceRow {
  /** 1-based, as the trace tables number events. */
  readonly n: number;
  readonly actor: string;
  readonly to: readonly string[];
  readonly lost?: boolean;
  readonly label: string;
  readonly event: Plain;
  readonly state: Plain;
  readonly changes: readonly Change[];
}

export interface TraceView {
  readonly system: string;
  readonly property: string;
  readonly message: string;
  /** Where the violation happened: after this many events (0: in the initial state). */
  readonly afterEvents: number;
  readonly actors: readonly string[];
  readonly initial: Plain;
  readonly rows: readonly TraceRow[];
  /** Set when the trace no longer reproduces its violation (the report says so instead of hiding it). */
  readonly problem?: string;
}

/** A system as the report needs it: its entry, and optionally its lanes and its words for an event. */
export interface ReportableSystem extends AnyModelEntry {
  readonly sequence?: SequenceView<any, any, any>;
}

export function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `${i === 0 ? "" : "."}${p}` : `[${JSON.stringify(p)}]`)).join("");
}

export function changesBetween(before: Plain, after: Plain): Change[] {
  if (typeof before !== "object" || before === null || typeof after !== "object" || after === null) {
    return Object.is(before, after) ? [] : [{ path: "", kind: "changed", before, after }];
  }
  return diff(before as Record<string, unknown>, after as Record<string, unknown>).map((d) => {
    const path = pathText(d.path);
    switch (d.type) {
      case "CREATE": return { path, kind: "added", after: d.value as Plain };
      case "REMOVE": return { path, kind: "removed", before: d.oldValue as Plain };
      case "CHANGE": return { path, kind: "changed", before: d.oldValue as Plain, after: d.value as Plain };
    }
  });
}

/**
 * The row text of each event: the system's trace table's "event" column when it has one, matched by the
 * step number in the first column when there is one (some tables start with a row for the initial state).
 */
function labels(entry: AnyModelEntry, config: unknown, events: readonly unknown[]): (string | undefined)[] {
  if (!entry.explain) return [];
  try {
    const t = entry.explain(config, events);
    const col = t.columns.findIndex((c) => /^(event|packet)\b/.test(c));
    if (col < 0) return [];
    const out: (string | undefined)[] = [];
    for (const [i, r] of t.rows.entries()) {
      const n = /^\d+$/.test(r[0] ?? "") ? Number(r[0]) : i + 1;
      if (n >= 1) out[n - 1] = r[col];
    }
    return out;
  } catch {
    return [];
  }
}

export async function traceView(cx: Counterexample, entry: ReportableSystem, baseDir: string): Promise<TraceView> {
  const json = decodeOrThrow(entry.configSchema, cx.config, "config");
  const events = decodeOrThrow(Schema.Array(entry.eventSchema), cx.events, "events") as readonly unknown[];
  const config = await entry.resolveConfig(json, { baseDir });
  const lanes = (entry.sequence ?? genericLanes(events)) as SequenceView<unknown, unknown, unknown>;
  const words = labels(entry, config, events);
  const specs = entry.specs(config).filter((s) => s.name === cx.property);
  const rows: TraceRow[] = [];
  let initial: Plain = null;
  let previous: Plain = null;
  let last: unknown;
  let outcome: ReturnType<typeof runTrace> | null = null;
  let problem: string | undefined;
  try {
    last = entry.model.init(config);
    initial = toPlain(last);
    previous = initial;
    outcome = runTrace(entry.model, config, specs, events, {
      step(before, event, after) {
        const state = toPlain(after);
        const n = rows.length + 1;
        const p = lanes.place(event, before, after, config);
        rows.push({
          n, actor: p.actor, to: p.to ?? [], ...(p.lost === true ? { lost: true } : {}), label: p.label ?? words[n - 1] ?? JSON.stringify(event), event: toPlain(event), state,
          changes: changesBetween(previous, state),
        });
        previous = state;
        last = after;
      },
      end() {},
    });
  } catch (e) {
    problem = `the trace does not replay: ${describeError(e)}`;
  }
  const v = outcome?.violation ?? null;
  // A step that broke a property (or threw) has no state after it: its row shows the state before.
  for (let n = rows.length + 1; n <= (v?.afterEvents ?? 0) && n <= events.length; n++) {
    const event = events[n - 1];
    const p = (() => {
      try {
        return lanes.place(event, last, last, config);
      } catch {
        return genericLanes([event]).place(event, undefined, undefined, undefined);
      }
    })();
    rows.push({ n, actor: p.actor, to: p.to ?? [], label: words[n - 1] ?? JSON.stringify(event), event: toPlain(event), state: previous, changes: [] });
  }
  if (outcome !== null && cx.expect === "violation" && (v === null || v.property !== cx.property)) {
    problem = v === null ? "the trace no longer breaks its property" : `the trace now breaks ${v.property} instead`;
  }
  if (outcome !== null && cx.expect === "pass" && v !== null) problem = `recorded as passing, but ${v.property} breaks`;
  const actors = [...lanes.actors(config)];
  for (const r of rows) for (const a of [r.actor, ...r.to]) if (!actors.includes(a)) actors.push(a);
  return {
    system: cx.model, property: cx.property, message: v?.message ?? cx.violation ?? "", afterEvents: v?.afterEvents ?? events.length,
    actors, initial, rows, ...(problem !== undefined ? { problem } : {}),
  };
}
