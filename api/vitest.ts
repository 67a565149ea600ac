/**
 * `nfcheck/vitest`: one line in a test file says that a system holds, or that each of its faults is killed
 * by the property it names; when it does not, the test fails with what broke and the trace as a table.
 *
 * ```ts
 * import { test } from "vitest";
 * import { expectFaultsKilled, expectSystemHolds } from "nfcheck/vitest";
 * import nat from "../src/nat.nfcheck.ts";
 *
 * test("the NAT holds", () => { expectSystemHolds(nat); });
 * test("its faults are caught", () => { expectFaultsKilled(nat); });
 * ```
 *
 * The helpers throw an ordinary Error (SystemCheckFailed) and use nothing of vitest's: they work the same
 * under any test runner. Both run `checkSystem` (core/check-system.ts) and return its result when they pass.
 */
import { checkSystem, prepareSystem, type CheckSystemOptions, type ExplorationOutcome, type FaultOutcome, type SystemCheckResult } from "../core/check-system.ts";
import type { ConfigOverride } from "../core/system-config.ts";
import { systemModel } from "../core/system-model.ts";
import { explainSystemTrace } from "../core/system-trace.ts";
import { countOf, formatTable } from "../core/report.ts";
import type { Violation } from "../core/spec.ts";
import type { SystemConfig } from "../core/user-system.ts";

export interface ExpectSystemOptions extends Pick<CheckSystemOptions, "properties" | "maxStates" | "maxDepth" | "maxMemory" | "hashCompaction" | "runs" | "steps" | "seed" | "shrinkMs"> {
  /** Config fields to change from the system's defaults (each must be one of its fields, with a value of the same JSON type). */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** A check that did not pass: its message says what broke, with the trace; `result` is checkSystem's. */
export class SystemCheckFailed extends Error {
  override readonly name = "SystemCheckFailed";
  constructor(message: string, readonly result: SystemCheckResult) {
    super(message);
  }
}

/**
 * Explores the system under its config (defaults, with `options.config` over them) and runs random walks;
 * passes when neither finds a violation of a checked property and the exploration was complete. Faults are
 * not run (expectFaultsKilled runs them). Throws SystemCheckFailed with the shortest trace found as a table.
 */
export function expectSystemHolds(system: unknown, options: ExpectSystemOptions = {}): SystemCheckResult {
  const result = checkSystem(system, { ...checkOptions(options), faults: false });
  if (result.verdict === "pass" && result.vacuous !== null) throw new SystemCheckFailed(`${result.system} holds vacuously (${configText(result.config)}): ${result.vacuous}`, result);
  if (result.verdict === "pass") return result;
  const lines = [`${result.system} does not hold (${configText(result.config)}):`];
  const e = result.exploration;
  if (e !== null && e.status !== "pass") {
    lines.push(e.status === "violation"
      ? `exploration: ${broke(e.violation!)} (a shortest trace; ${countOf(e.states, "state")} explored)`
      : `exploration stopped before its verdict: ${e.reason ?? "incomplete"} (raise maxStates, or bound maxDepth)`);
    if (e.status === "violation") lines.push(traceText(system, result.config, e.events!));
  }
  const r = result.random;
  if (r !== null && r.status !== "pass") {
    lines.push(r.status === "violation"
      ? `random walks (seed ${r.seed}): ${broke(r.violation!)}${r.shrunk === "partly" ? " (shrinking stopped early)" : ""}`
      : `random walks stopped before their verdict: ${r.reason ?? "incomplete"}`);
    if (r.status === "violation") {
      const same = e?.status === "violation" && JSON.stringify(e.events) === JSON.stringify(r.events);
      lines.push(same ? "    the same trace as the exploration's" : traceText(system, result.config, r.events!));
    }
  }
  throw new SystemCheckFailed(lines.join("\n"), result);
}

/**
 * Explores each of the system's faults (its config over the checked config) and passes when every one is
 * killed: the exploration breaks exactly the property the fault names. A fault that survives, breaks another
 * property first, or is not explored to the end fails the check, as does a system with no faults.
 */
export function expectFaultsKilled(system: unknown, options: ExpectSystemOptions = {}): SystemCheckResult {
  const result = checkSystem(system, { ...checkOptions(options), explore: false, random: false, faults: true });
  const alive = result.faults.filter((f) => f.status !== "killed");
  if (result.faults.length === 0) throw new SystemCheckFailed(`${result.system} has no faults: nothing to kill (a system's faults are configs under which a named property must break)`, result);
  if (alive.length === 0) return result;
  const lines = [`${countOf(alive.length, "fault")} of ${result.system} not killed (of ${result.faults.length}):`];
  for (const f of alive) lines.push(...faultLines(system, f));
  throw new SystemCheckFailed(lines.join("\n"), result);
}

function checkOptions(o: ExpectSystemOptions): CheckSystemOptions {
  const { config, ...rest } = o;
  const overrides: ConfigOverride[] = config === undefined ? [] : [{ where: "options.config", values: config }];
  return { ...rest, overrides };
}

function faultLines(system: unknown, f: FaultOutcome): string[] {
  const e: ExplorationOutcome | undefined = f.exploration;
  const head = `faults.${f.name}${f.description !== undefined ? ` (${f.description})` : ""}`;
  switch (f.status) {
    case "survived":
      return [`${head}: survived — ${f.kills} holds in all ${countOf(e?.states ?? 0, "state")} of ${configText(f.config)}`];
    case "other-property":
      return [`${head}: must break ${f.kills}, but ${broke(e!.violation!)}`, traceText(system, f.config, e!.events!)];
    case "incomplete":
      return [`${head}: exploration stopped before its verdict: ${e?.reason ?? "incomplete"}`];
    default:
      return [`${head}: not run: ${f.reason ?? ""}`];
  }
}

const broke = (v: Violation) => `${v.property} broke after ${countOf(v.afterEvents, "event")}: ${v.message}`;

const configText = (config: SystemConfig) => `config ${JSON.stringify(config)}`;

/** The trace as a table, indented under its line. */
function traceText(system: unknown, config: SystemConfig, events: readonly unknown[]): string {
  const table = explainSystemTrace(systemModel(prepareSystem(system)), config, events);
  return formatTable(table).split("\n").map((l) => `    ${l}`).join("\n");
}
