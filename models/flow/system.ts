/**
 * The flow manager of MiddleClick (§II-B to §II-G) as a model: packets of sessions arrive, are classified
 * to their FCB (lookup.ts), are held for a while and released (release.ts); time advances by ticks; the
 * clean timer and idle polls sweep the pending-timeout list.
 *
 * Events:
 *   packet(s)  a packet of session s arrives: its FCB's count + 1, its VNF reads and writes the scratchpad,
 *              and the packet is held (budget: `packetsPerSession`, at most `maxHeld` held at once);
 *   done(i)    the i-th held packet is released (a batch of one): count − 1, and the threshold check;
 *   tick(dt)   time advances by dt — never past the clean timer's next firing, which must happen first,
 *              nor past the horizon;
 *   timer      the clean timer fires (when its time has come) and sweeps the pending lists (every thread's,
 *              or only thread 0's: config `cleanTimerSweeps`);
 *   idle(t)    thread t's polling found no packet (its idle task, FastClick CTXManager::run_idle_task): its
 *              pending list is swept (offered only when that changes something; `thread` is absent for 0).
 *
 * Threads (config `threads`, default 1): session i's packets go to thread i mod threads (RSS); a packet's
 * release ends a batch on that thread, whose after-batch sweep covers that thread's list only.
 *
 * Choices where the paper is silent are in the headers of config.ts (expired FCB of the same session),
 * tree.ts (probing), lookup.ts (drops) and release.ts (the back-off).
 */
import { ModelError, type Model } from "../../core/model.ts";
import { countOf } from "../../core/report.ts";
import { sessionFields, threadOf, type FlowConfig } from "./config.ts";
import { refArrive, refDone } from "./reference.ts";
import { afterBatch, releasePackets, sweep, sweepUseful } from "./release.ts";
import { writeFlowKey } from "./key.ts";
import { lookup } from "./lookup.ts";
import { draftOf, initialState, own, setFcb, type FlowState } from "./state.ts";
import { countAfterAcquire } from "./use-count.ts";

export type FlowEvent =
  | { readonly type: "packet"; readonly session: number }
  | { readonly type: "done"; readonly index: number }
  | { readonly type: "tick"; readonly dt: number }
  | { readonly type: "timer" }
  | { readonly type: "idle"; readonly thread?: number };

/** The thread of an idle event (absent: thread 0). */
const idleThread = (e: { readonly thread?: number }) => e.thread ?? 0;

const canSend = (s: FlowState, c: FlowConfig, session: number) =>
  session >= 0 && session < c.sessions && s.held.length < c.maxHeld && (c.packetsPerSession === null || s.sent[session]! < c.packetsPerSession);

const tickLimit = (s: FlowState, c: FlowConfig) => Math.min(s.nextTimer, c.horizon ?? Infinity);

const canTick = (s: FlowState, c: FlowConfig, dt: number) =>
  Number.isInteger(dt) && dt > 0 && (c.ticks === null || c.ticks.includes(dt)) && s.now + dt <= tickLimit(s, c);

export function flowEnabled(s: FlowState, c: FlowConfig): FlowEvent[] {
  const events: FlowEvent[] = [];
  for (let session = 0; session < c.sessions; session++) if (canSend(s, c, session)) events.push({ type: "packet", session });
  for (let index = 0; index < s.held.length; index++) events.push({ type: "done", index });
  if (s.now === s.nextTimer) events.push({ type: "timer" });
  // With ticks of any size, the one tick offered is the one to the next timer (or the horizon).
  for (const dt of c.ticks ?? [tickLimit(s, c) - s.now]) if (canTick(s, c, dt)) events.push({ type: "tick", dt });
  for (let thread = 0; thread < c.threads; thread++) {
    if (sweepUseful(s, c, thread)) events.push(thread === 0 ? { type: "idle" } : { type: "idle", thread });
  }
  return events;
}

function whyNot(s: FlowState, c: FlowConfig, e: FlowEvent): string | null {
  switch (e.type) {
    case "packet":
      if (!Number.isInteger(e.session) || e.session < 0 || e.session >= c.sessions) return `no session ${e.session} (sessions 0..${c.sessions - 1})`;
      if (s.held.length >= c.maxHeld) return `already ${countOf(s.held.length, "packet")} held (maxHeld ${c.maxHeld})`;
      return canSend(s, c, e.session) ? null : `session ${e.session} has sent all its packets (packets per session: ${c.packetsPerSession})`;
    case "done": return Number.isInteger(e.index) && e.index >= 0 && e.index < s.held.length ? null : `no held packet ${e.index} (${s.held.length} held)`;
    case "tick": return canTick(s, c, e.dt) ? null : `tick ${e.dt} not allowed at ${s.now} s (ticks ${c.ticks?.join("/") ?? "of any size"}, next timer ${s.nextTimer} s${c.horizon !== null ? `, horizon ${c.horizon} s` : ""})`;
    case "timer": return s.now === s.nextTimer ? null : `the clean timer fires at ${s.nextTimer} s, not at ${s.now} s`;
    case "idle": {
      const t = idleThread(e);
      if (!Number.isInteger(t) || t < 0 || t >= c.threads) return `no thread ${t} (threads 0..${c.threads - 1})`;
      return sweepUseful(s, c, t) ? null : `an idle sweep${c.threads > 1 ? ` of thread ${t}'s list` : ""} would change nothing`;
    }
  }
}

export function flowStep(s: FlowState, e: FlowEvent, c: FlowConfig): FlowState {
  const why = whyNot(s, c, e);
  if (why !== null) throw new ModelError(`${e.type}: ${why}`);
  const d = draftOf(s);
  d.last = null;
  switch (e.type) {
    case "packet": {
      const packet = sessionFields(c, e.session);
      own(d, "sent")[e.session] = d.sent[e.session]! + 1;
      const r = lookup(d, c, e.session, packet);
      if ("dropped" in r) {
        if (r.dropped === "pool-empty") d.drops.poolEmpty++;
        else d.drops.tableFull++;
        d.last = { session: e.session, dropped: r.dropped };
        break;
      }
      const f = d.fcbs[r.fcb]!;
      // The VNF reads its scratchpad and counts the packet in it.
      d.last = { session: e.session, fcb: r.fcb, lifetime: f.lifetimes, observed: f.scratch, viaCache: r.viaCache };
      setFcb(d, r.fcb, {
        count: countAfterAcquire(c, f.count, 1), scratch: { owner: e.session, packets: f.scratch.packets + 1 },
        ...(c.fault === "timeout-from-arrival" ? { lastRelease: d.now } : {}),
      });
      d.held.push({ session: e.session, fcb: r.fcb, lifetime: f.lifetimes });
      own(d, "ref")[e.session] = refArrive(d.ref[e.session] ?? null, d.now, c.timeout);
      break;
    }
    case "done": {
      const [h] = d.held.splice(e.index, 1);
      releasePackets(d, c, h!.fcb, 1);
      afterBatch(d, c, threadOf(c, h!.session));
      own(d, "ref")[h!.session] = refDone(d.ref[h!.session]!, d.now);
      break;
    }
    case "tick":
      d.now += e.dt;
      break;
    case "timer":
      if (c.fault !== "no-timer-sweep") sweep(d, c, c.cleanTimerSweeps === "all-threads" ? "all" : 0);
      d.nextTimer += c.cleanTimer;
      break;
    case "idle":
      sweep(d, c, idleThread(e));
      break;
  }
  return d;
}

/**
 * Nothing left to do: no packet held, no timer or sweep due, and — where the config bounds them — every
 * packet sent and time at its horizon. (Random runs have no bounds: a run that ends with nothing held and
 * nothing due is judged by the end-of-run properties.)
 */
export function flowQuiescent(s: FlowState, c: FlowConfig): boolean {
  return s.held.length === 0 && s.now !== s.nextTimer && !sweepUseful(s, c, "all")
    && (c.horizon === null || s.now === c.horizon)
    && (c.packetsPerSession === null || s.sent.every((n) => n >= c.packetsPerSession!));
}

export const flowModel: Model<FlowState, FlowEvent, FlowConfig> = {
  name: "flow",
  init: initialState,
  enabled: flowEnabled,
  step: flowStep,
  quiescent: flowQuiescent,
  writeKey: writeFlowKey,
};
