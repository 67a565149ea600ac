/**
 * `nfcheck check`'s result as check reports — the exploration, the random walks, each must-kill fault — so
 * that `--junit` and `--report` read a user's system as they read `verify`.
 */
import { ranCheck, type Check, type CheckOutcome, type CheckStatus } from "../../core/check.ts";
import type { PartStatus, SystemCheckResult } from "../../core/check-system.ts";
import { countOf } from "../../core/report.ts";
import type { CheckReport } from "../run-checks.ts";
import { makeCounterexample } from "../../core/counterexample.ts";

const status = (s: PartStatus): CheckStatus => s;

export function checkSystemReports(
  r: SystemCheckResult, saved: { readonly exploration?: string; readonly random?: string; readonly faults: Readonly<Record<string, string>> }, module: string, allowVacuous = false,
): CheckReport[] {
  const properties = r.properties.join(", ");
  const check = (id: string, property: string, expect: "pass" | "violation"): Check =>
    ranCheck(`${r.system}/${id}`, r.system, property, expect);
  const cx = (found: "explore" | "random", violation: NonNullable<CheckOutcome["violation"]>, events: readonly unknown[], config: unknown) =>
    makeCounterexample({ model: r.system, module, config, violation, events, found });
  const out: CheckReport[] = [];
  const ex = r.exploration;
  if (ex !== null) {
    // A pass in which no step ran checked nothing: the exploration is where it shows (vacuous).
    const vacuous = ex.status === "pass" && r.vacuous !== null;
    const outcome: CheckOutcome = {
      status: vacuous ? "vacuous" : status(ex.status), work: `${countOf(ex.states, "state")}, depth ${ex.depth}`, timeMs: ex.timeMs,
      measures: { states: ex.states, transitions: ex.transitions, depth: ex.depth },
      ...(vacuous ? { message: r.vacuous! } : {}),
      ...(ex.violation ? { violation: ex.violation, counterexample: cx("explore", ex.violation, ex.events ?? [], r.config) } : {}),
      ...(ex.reason !== undefined ? { message: ex.reason } : {}),
    };
    out.push({ check: check("explore", properties, "pass"), seed: 0, outcome, asExpected: ex.status === "pass" && (!vacuous || allowVacuous), ...(saved.exploration !== undefined ? { saved: saved.exploration } : {}) });
  }
  const rw = r.random;
  if (rw !== null) {
    const outcome: CheckOutcome = {
      status: status(rw.status), work: `${countOf(rw.runs, "walk")} of up to ${countOf(rw.steps, "event")}`, timeMs: rw.timeMs, measures: { runs: rw.runs },
      ...(rw.violation ? { violation: rw.violation, counterexample: cx("random", rw.violation, rw.events ?? [], r.config) } : {}),
      ...(rw.reason !== undefined ? { message: rw.reason } : {}),
    };
    out.push({ check: check("random", properties, "pass"), seed: rw.seed, outcome, asExpected: rw.status === "pass", ...(saved.random !== undefined ? { saved: saved.random } : {}) });
  }
  for (const f of r.faults) {
    if (f.status === "not-run") continue;
    const e = f.exploration;
    const outcome: CheckOutcome = {
      status: f.status === "killed" || f.status === "other-property" ? "violation" : f.status === "survived" ? "pass" : "incomplete",
      work: e ? `${countOf(e.states, "state")}, depth ${e.depth}` : "", timeMs: e?.timeMs ?? 0,
      ...(e ? { measures: { states: e.states, transitions: e.transitions, depth: e.depth } } : {}),
      ...(e?.violation ? { violation: e.violation, counterexample: cx("explore", e.violation, e.events ?? [], f.config) } : {}),
      ...(f.reason !== undefined ? { message: f.reason } : {}),
    };
    const file = saved.faults[f.name];
    out.push({ check: check(`fault/${f.name}`, f.kills, "violation"), seed: 0, outcome, asExpected: f.status === "killed", ...(file !== undefined ? { saved: file } : {}) });
  }
  return out;
}
