/**
 * Runs checks inside vitest with the run's seed and profile, and turns an unexpected outcome into a
 * failure message that says how to reproduce it from the command line.
 */
import { expect } from "vitest";
import { outcomeAsExpected, type Check, type CheckOutcome } from "../core/check.ts";
import { resolveProfile } from "../core/profile.ts";
import { countOf } from "../core/report.ts";
import { deriveSeed, resolveSeed } from "../core/seed.ts";
import type { AnySystem } from "../core/system.ts";
import { boundaryChecks, faultChecks } from "../core/system-checks.ts";

export const testSeed = resolveSeed(undefined);
export const testProfile = resolveProfile(undefined);

export async function runCheck(check: Check): Promise<CheckOutcome> {
  return check.run({ seed: deriveSeed(testSeed.seed, check.id), profile: testProfile });
}

export async function expectAsExpected(check: Check): Promise<CheckOutcome> {
  const outcome = await runCheck(check);
  const why = outcome.violation ? `${outcome.violation.property}: ${outcome.violation.message}` : (outcome.message ?? outcome.status);
  const events = outcome.counterexample ? ` (counterexample of ${countOf(outcome.counterexample.events.length, "event")})` : "";
  expect(
    outcomeAsExpected(check, outcome),
    `${check.id} expected ${check.expect}, got ${outcome.status}: ${why}${events}; reproduce with: nfcheck verify --only ${check.id} --seed ${testSeed.seed}`,
  ).toBe(true);
  return outcome;
}

/** Every check `nfcheck verify` runs for a system: its own (`checks`), its design boundaries and its faults. */
export async function systemSuite(system: AnySystem): Promise<Check[]> {
  return [...((await system.checks?.(testProfile)) ?? []), ...boundaryChecks(system), ...faultChecks(system)];
}
