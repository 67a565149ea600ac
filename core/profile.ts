/**
 * Run profiles. `default` keeps `npm test` and `npm run verify` within a few minutes on two cores;
 * `deep` is for long runs (nightly CI, before a release). Models scale their own bounds from these numbers.
 */
import { InputError } from "./model.ts";

export interface Profile {
  readonly name: "default" | "deep";
  /** Random runs per property and configuration. */
  readonly runs: number;
  /** Largest trace a generator builds, in events (packets). */
  readonly maxEvents: number;
}

export const PROFILES: Readonly<Record<Profile["name"], Profile>> = {
  default: { name: "default", runs: 100, maxEvents: 1_200 },
  deep: { name: "deep", runs: 1_000, maxEvents: 5_000 },
};

export function resolveProfile(cli: string | undefined, env: NodeJS.ProcessEnv = process.env): Profile {
  const name = cli ?? env["NFCHECK_PROFILE"] ?? "default";
  if (name !== "default" && name !== "deep") {
    throw new InputError(`unknown profile "${name}" (expected "default" or "deep")`);
  }
  return PROFILES[name];
}
