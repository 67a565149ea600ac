/**
 * Every check `nfcheck verify` runs, in order: each system's own checks and its design boundaries, the
 * proofs, then every system's faults (core/system-checks.ts). All of it follows from the systems' definitions
 * (systems/): a new system needs no line here.
 */
import type { Check, MutantCheck } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { boundaryChecks, faultChecks } from "../core/system-checks.ts";
import { proofChecks } from "../proofs/index.ts";
import { loadSystems } from "../systems/registry.ts";

/** The order `verify` reports systems in (others, such as new ones, follow by name). */
const ORDER = ["scr", "scr.recovery", "tcp", "flow", "ribosome"];
const ordered = async () => [...(await loadSystems())].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);

/** Every fault of every system. */
export async function allMutantChecks(): Promise<MutantCheck[]> {
  return (await ordered()).flatMap(faultChecks);
}

/** The deep profile adds larger explorations. */
export async function allChecks(profile?: Profile): Promise<Check[]> {
  const systems = await ordered();
  const own = await Promise.all(systems.map(async (s) => [...(await s.checks?.(profile) ?? []), ...boundaryChecks(s)]));
  return [...own.flat(), ...proofChecks(profile), ...(await allMutantChecks())];
}

/** `--only` matches a check's id or model by substring; `--shard i/n` keeps every n-th check from the i-th. */
export function selectChecks(checks: readonly Check[], only: readonly string[], shard?: { index: number; count: number }): Check[] {
  const matched = only.length === 0 ? [...checks] : checks.filter((c) => only.some((o) => c.id.includes(o) || c.model === o));
  return shard ? matched.filter((_, i) => i % shard.count === shard.index - 1) : matched;
}
