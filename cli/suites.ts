/** Every check `nfcheck verify` runs, in order: model properties, explorations, proofs, mutants. */
import type { Check } from "../core/check.ts";
import { proofChecks } from "../proofs/index.ts";
import { builtinProgramChecks, scrExploreChecks, scrMutantChecks } from "../properties/scr-checks.ts";

export async function allChecks(): Promise<Check[]> {
  return [...builtinProgramChecks(), ...scrExploreChecks(), ...proofChecks(), ...(await scrMutantChecks())];
}

/** `--only` matches a check's id or model by substring; `--shard i/n` keeps every n-th check from the i-th. */
export function selectChecks(checks: readonly Check[], only: readonly string[], shard?: { index: number; count: number }): Check[] {
  const matched = only.length === 0 ? [...checks] : checks.filter((c) => only.some((o) => c.id.includes(o) || c.model === o));
  return shard ? matched.filter((_, i) => i % shard.count === shard.index - 1) : matched;
}
