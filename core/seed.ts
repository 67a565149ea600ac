/**
 * Seeds. Every random run takes a seed and prints it; the same seed gives the same result.
 * Precedence: `--seed`, then NFCHECK_SEED, then the fixed default that CI uses.
 */
import { InputError } from "./model.ts";

export const DEFAULT_SEED = 20_261_123;

export interface SeedChoice {
  readonly seed: number;
  readonly source: "--seed" | "NFCHECK_SEED" | "default";
}

export function parseSeed(text: string, where: string): number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) throw new InputError(`${where}: seed must be an integer, got "${text}"`);
  const n = Number(trimmed);
  if (!Number.isSafeInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) {
    throw new InputError(`${where}: seed must fit in 32 bits (-2147483648..2147483647), got ${text}`);
  }
  return n;
}

export function resolveSeed(cliSeed: string | undefined, env: NodeJS.ProcessEnv = process.env): SeedChoice {
  if (cliSeed !== undefined) return { seed: parseSeed(cliSeed, "--seed"), source: "--seed" };
  const fromEnv = env["NFCHECK_SEED"];
  if (fromEnv !== undefined && fromEnv !== "") return { seed: parseSeed(fromEnv, "NFCHECK_SEED"), source: "NFCHECK_SEED" };
  return { seed: DEFAULT_SEED, source: "default" };
}

/**
 * The seed of one check, derived from the run's seed and the check's id (FNV-1a), so that checks get
 * disjoint seeds, a shard gets the same seed for a check as the full run, and `--only` reproduces it.
 */
export function deriveSeed(base: number, id: string): number {
  let h = 0x811c9dc5 ^ (base | 0);
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
