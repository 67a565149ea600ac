/** Prints, once per test run, the seed and profile every property suite uses. */
import { resolveProfile } from "../core/profile.ts";
import { resolveSeed } from "../core/seed.ts";

export default function setup(): void {
  const seed = resolveSeed(undefined);
  const profile = resolveProfile(undefined);
  process.stdout.write(`nfcheck tests: seed ${seed.seed} (${seed.source}; set NFCHECK_SEED to vary it), profile ${profile.name} (NFCHECK_PROFILE)\n`);
}
