/** Every check `nfcheck verify` runs, in order: model properties, explorations, proofs, mutants. */
import type { Check, MutantCheck } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { proofChecks } from "../proofs/index.ts";
import { recoveryBoundaryChecks, recoveryMutantChecks, recoveryRandomChecks, recoveryTheoremChecks } from "../properties/recovery-checks.ts";
import { builtinProgramChecks, scrExploreChecks, scrMutantChecks } from "../properties/scr-checks.ts";
import { tcpBoundaryChecks, tcpExploreChecks, tcpMutantChecks, tcpRandomChecks } from "../properties/tcp-checks.ts";
import { flowBoundaryChecks, flowExploreChecks, flowMutantChecks, flowRandomChecks } from "../properties/flow-checks.ts";
import { boundaryChecks, faultChecks } from "../core/system-checks.ts";
import ribosome from "../systems/ribosome.ts";

/** Every registered mutant of every model. */
export async function allMutantChecks(): Promise<MutantCheck[]> {
  return [...(await scrMutantChecks()), ...recoveryMutantChecks(), ...tcpMutantChecks(), ...flowMutantChecks(), ...(await faultChecks(ribosome))];
}

/** The deep profile adds larger explorations. */
export async function allChecks(profile?: Profile): Promise<Check[]> {
  return [
    ...builtinProgramChecks(), ...scrExploreChecks(),
    ...recoveryTheoremChecks(profile), ...recoveryRandomChecks(), ...recoveryBoundaryChecks(),
    ...tcpExploreChecks(profile), ...tcpRandomChecks(profile), ...tcpBoundaryChecks(),
    ...flowExploreChecks(profile), ...flowRandomChecks(), ...flowBoundaryChecks(),
    ...(await ribosome.checks!(profile)), ...boundaryChecks(ribosome),
    ...proofChecks(profile), ...(await allMutantChecks()),
  ];
}

/** `--only` matches a check's id or model by substring; `--shard i/n` keeps every n-th check from the i-th. */
export function selectChecks(checks: readonly Check[], only: readonly string[], shard?: { index: number; count: number }): Check[] {
  const matched = only.length === 0 ? [...checks] : checks.filter((c) => only.some((o) => c.id.includes(o) || c.model === o));
  return shard ? matched.filter((_, i) => i % shard.count === shard.index - 1) : matched;
}
