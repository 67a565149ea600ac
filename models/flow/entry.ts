/** The flow manager's events as JSON, and its trace table (the system, with its specs, is systems/flow.ts). */
import { Schema } from "effect";
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";
import { threadOf, type FlowConfig } from "./config.ts";
import { isLive } from "./fcb.ts";
import type { FlowState } from "./state.ts";
import { flowModel, type FlowEvent } from "./system.ts";

export const FlowEventJson = Schema.Union(
  Schema.Struct({ type: Schema.Literal("packet"), session: Schema.Int.pipe(Schema.nonNegative()) }),
  Schema.Struct({ type: Schema.Literal("done"), index: Schema.Int.pipe(Schema.nonNegative()) }),
  Schema.Struct({ type: Schema.Literal("tick"), dt: Schema.Int.pipe(Schema.positive()) }),
  Schema.Struct({ type: Schema.Literal("timer") }),
  Schema.Struct({ type: Schema.Literal("idle"), thread: Schema.optionalWith(Schema.Int.pipe(Schema.nonNegative()), { exact: true }) }),
);

/** What the lifetimes of the FCBs did between two states: "FCB 0 released", "FCB 1 renewed for session 2". */
function lifetimeChanges(before: FlowState, after: FlowState): string[] {
  const out: string[] = [];
  for (let id = 0; id < after.fcbs.length; id++) {
    const b = before.fcbs[id]!;
    const a = after.fcbs[id]!;
    if (a.lifetimes !== b.lifetimes) out.push(isLive(a) ? `FCB ${id} of session ${b.session} renewed for session ${a.session}` : `FCB ${id} of session ${b.session} released`);
    else if (!isLive(b) && isLive(a)) out.push(`FCB ${id} allocated to session ${a.session}`);
  }
  return out;
}

/** What one event did (with several threads, which thread each packet and list is on). */
export function describeFlowEvent(before: FlowState, event: FlowEvent, after: FlowState, config?: FlowConfig): string {
  const changes = lifetimeChanges(before, after);
  const tail = changes.length > 0 ? `; ${changes.join(", ")}` : "";
  const threaded = config !== undefined && config.threads > 1;
  const onThread = (session: number) => (threaded ? ` (thread ${threadOf(config, session)})` : "");
  switch (event.type) {
    case "packet": {
      const last = after.last;
      if (last === null) return "?";
      if ("dropped" in last) return `packet of session ${event.session}${onThread(event.session)}: dropped (${last.dropped})${tail}`;
      const o = last.observed;
      return `packet of session ${event.session}${onThread(event.session)} → FCB ${last.fcb}${last.viaCache ? " (cache)" : ""}, count ${after.fcbs[last.fcb]!.count}, scratchpad ${o.owner === null ? "fresh" : `of session ${o.owner}, ${o.packets} packet(s)`}${tail}`;
    }
    case "done": {
      const h = before.held[event.index]!;
      const f = after.fcbs[h.fcb]!;
      return `packet of session ${h.session} released: FCB ${h.fcb} count ${f.count}${f.inList ? `, on ${threaded ? `thread ${threadOf(config, h.session)}'s` : "the"} pending list` : ""}${tail}`;
    }
    case "tick": return `${event.dt} s pass${tail}`;
    case "timer": {
      const lists = threaded ? (config.cleanTimerSweeps === "all-threads" ? " of every thread" : " of thread 0 only") : "";
      return `clean timer sweeps the pending list${lists}${tail || ": nothing to release"}`;
    }
    case "idle": return `idle${event.thread !== undefined ? ` (thread ${event.thread})` : ""}: sweeps the pending list${tail}`;
  }
}

const fcbSummary = (s: FlowState) =>
  s.fcbs.map((f, id) => (isLive(f) ? `${id}:s${f.session}×${f.count}` : null)).filter((x) => x !== null).join(" ") || "none";

/** The pending list, or with several threads each thread's ("t0: - t1: 0"). */
function pendingSummary(s: FlowState, c: FlowConfig): string {
  if (c.threads === 1) return s.pending.join(",") || "-";
  return Array.from({ length: c.threads }, (_, t) => `t${t}: ${s.pending.filter((id) => threadOf(c, s.fcbs[id]!.session!) === t).join(",") || "-"}`).join(" ");
}

/** One row per event: what it did, the time, live FCBs (id:session×count), the pool and the pending list(s). */
export const explainFlowTrace = (config: FlowConfig, events: readonly FlowEvent[]): Table =>
  traceTable(flowModel, config, events, ["step", "event", "time", "live FCBs", "pool free", "pending"],
    (before, event, after) => [describeFlowEvent(before, event, after, config), `${after.now} s`, fcbSummary(after), `${after.free.length}/${config.pool}`, pendingSummary(after, config)],
    (event, why) => `${event.type}: ${why}`);
