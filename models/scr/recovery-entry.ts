/** The loss-recovery model's trace table (the system, with its specs, is systems/scr-recovery.ts). */
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";
import { HISTORY, LOST } from "./recovery-log.ts";
import { formatRanges, toRanges } from "./replica.ts";
import { appliedList, minseqOf, recoveryModel, type RecoveryConfig, type RecoveryEvent, type RecoveryState } from "./recovery.ts";

const setOf = (mask: number, k: number) => `{${Array.from({ length: k }, (_, c) => c).filter((c) => (mask >> c) & 1).join(", ")}}`;

/** What one event did, in Alg. 1's words. */
export function describeRecoveryEvent(before: RecoveryState, event: RecoveryEvent, after: RecoveryState, config: RecoveryConfig): string {
  switch (event.type) {
    case "send": return `sequencer sends #${event.seq} to core ${event.core}`;
    case "lose": return `#${event.seq} is lost on the way to core ${event.core}`;
    case "end": return "the stream ends";
    case "receive": {
      const c = event.core;
      const p = after.cores[c]!.phase;
      const carried = `history #${minseqOf(event.seq, config.historyLength)}–#${event.seq}`;
      const loop = p.at === "loop" && p.i <= p.upTo ? `loop i = ${p.i}..${p.then !== null ? `${p.upTo}, then ${p.then}..${p.minseq - 1}` : event.seq}` : "nothing new: loop empty";
      const [was, now] = [before.cores[c]!.max, after.cores[c]!.max];
      const published = now !== was ? `; max[${c}] ← ${now} before recovery (v7)` : "";
      const gap = p.at === "loop" ? p.minseq - was - 1 : 0;
      const congested = config.congestionGap !== null && gap >= config.congestionGap ? `; a gap of ${gap} ≥ ${config.congestionGap}: congestion, #${was + 1}–#${p.at === "loop" ? p.minseq - 1 : was} not recovered` : "";
      return `core ${c} receives SCR packet #${event.seq} (${carried})${published}${congested}; ${loop}`;
    }
    case "step": {
      const c = event.core;
      const was = before.cores[c]!.phase;
      if (was.at !== "loop") return "?";
      if (was.i > was.upTo) return `core ${c}: max[${c}] ← ${after.cores[c]!.max} (line 14)`;
      if (was.i < was.minseq) {
        const mark = config.lostMark === "entry" ? `log[${c}][${was.i}] ← LOST` : `#${was.i} missing (max[${c}] = ${before.cores[c]!.max} says so)`;
        return after.cores[c]!.phase.at === "recover"
          ? `core ${c}: ${mark}; waits for #${was.i} in the other logs (lines 7–8)`
          : `core ${c}: ${mark}; skips #${was.i} (no recovery)`;
      }
      const max = config.lostMark === "entry" ? "" : `, max[${c}] ← ${was.i}`;
      return `core ${c}: log[${c}][${was.i}] ← history[${was.i}]${max}; applies #${was.i} (lines 10–11)`;
    }
    case "read": {
      const c = event.core;
      const was = before.cores[c]!.phase;
      const now = after.cores[c]!.phase;
      if (was.at !== "recover") return "?";
      const where = `log[${event.from}][${was.i}]`;
      if (now.at === "overrun") return `core ${c} reads ${where}: slot ${now.slot} holds #${now.found}, the entry for #${was.i} is overwritten`;
      const reading = before.cores[event.from]!.log.read(was.i);
      if (reading.kind === HISTORY) {
        const stale = reading.seq !== was.i ? ` (the stale entry of #${reading.seq})` : "";
        const applied = after.cores[c]!.applied !== before.cores[c]!.applied;
        return `core ${c} reads ${where} = history${stale}: ${applied ? `applies #${was.i}` : "does not apply it"} and returns (lines 27–30)`;
      }
      const shown = reading.kind === LOST ? "LOST" : config.lostMark === "max-before-recovery" && before.cores[event.from]!.max >= was.i ? `missing, max[${event.from}] = ${before.cores[event.from]!.max}: LOST` : "NOT_INIT";
      if (now.at === "recover") return `core ${c} reads ${where} = ${shown}: C_lost = ${setOf(now.lost, config.cores)} (lines 22–24)`;
      return `core ${c} reads ${where} = ${shown}: lost everywhere, #${was.i} is not applied (line 25)`;
    }
  }
}

/** One row per event: what it did, then max[c] and what each core has applied. */
export const explainRecoveryTrace = (config: RecoveryConfig, events: readonly RecoveryEvent[]): Table =>
  traceTable(recoveryModel, config, events, ["step", "event", "max[c]", "applied by core 0 | 1 | …"],
    (before, event, after) => [
      describeRecoveryEvent(before, event, after, config),
      after.cores.map((c) => c.max).join(" "),
      after.cores.map((c) => formatRanges(toRanges(appliedList(c.applied).map((a) => a.i))) || "—").join(" | "),
    ],
    (_event, why) => `cannot happen here: ${why}`);
