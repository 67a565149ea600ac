/**
 * `nfcheck check`'s options as values, each bad one a one-line InputError. The main thread reads them
 * before the worker starts (a typo is answered at once), the worker again to use them; this file loads
 * nothing heavy for that reason.
 */
import { parseSize } from "../../core/memory.ts";
import { resolveSeed } from "../../core/seed.ts";
import { parseSet } from "../../core/system-config.ts";
import { parseIntOption, parseShrinkTime } from "../options.ts";

export interface CheckOptions {
  readonly module: string;
  /** `--set field=value`, repeatable. */
  readonly set?: readonly string[];
  /** `--config file.json`. */
  readonly config?: string;
  readonly maxDepth?: string;
  readonly maxStates?: string;
  readonly maxMemory?: string;
  /** `--hash-compaction`: explorations keep 64-bit fingerprints instead of keys. */
  readonly hashCompaction?: boolean;
  readonly runs?: string;
  readonly steps?: string;
  readonly seed?: string;
  /** `--property p`, repeatable. */
  readonly property?: readonly string[];
  readonly shrinkTime?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly full?: boolean;
  /** `--allow-vacuous`: a pass in which the system never took a step is accepted. */
  readonly allowVacuous?: boolean;
  /** JUnit XML of the parts (exploration, walks, faults), and the HTML report's directory. */
  readonly junit?: string;
  readonly report?: string;
}

export function parseCheckOptions(o: Omit<CheckOptions, "module">) {
  const int = (text: string | undefined, option: string, min: number) => (text !== undefined ? parseIntOption(text, option, min) : undefined);
  return {
    seed: resolveSeed(o.seed),
    sets: (o.set ?? []).map(parseSet),
    maxDepth: int(o.maxDepth, "--max-depth", 0),
    maxStates: int(o.maxStates, "--max-states", 1),
    maxMemory: o.maxMemory !== undefined ? parseSize(o.maxMemory, "--max-memory") : undefined,
    hashCompaction: o.hashCompaction === true,
    runs: int(o.runs, "--runs", 0),
    steps: int(o.steps, "--steps", 1),
    shrinkMs: o.shrinkTime !== undefined ? parseShrinkTime(o.shrinkTime) : undefined,
    properties: o.property ?? [],
  };
}
