/**
 * `nfcheck table <module>`: the checker for a user's own connection table (models/conntrack/user-table.ts
 * says what one is). For each family of adversarial hash functions — every key in one bucket, two buckets,
 * the identity on small keys, a real hash — every sequence of a few inserts, lookups, deletes and ticks on
 * a small table, then random sequences on a larger one, against the map with expiry. The first failure's
 * shortest (or shrunk) trace is printed and saved.
 */
import { relative, resolve } from "node:path";
import { exploreCheck, randomCheck, type Check } from "../../core/check.ts";
import { InputError } from "../../core/model.ts";
import { resolveProfile } from "../../core/profile.ts";
import { resolveSeed } from "../../core/seed.ts";
import { HASH_FAMILIES, HASH_FAMILY_NAMES, loadUserTable, toUserTableConfig, userTableModel, explainUserTableTrace, type HashFamily, type UserTableConfigJson } from "../../models/conntrack/user-table.ts";
import { tableRuns } from "../../properties/conntrack-runs.ts";
import { USER_TABLE_SPECS } from "../../specs/conntrack-table.ts";
import { describeError } from "../../core/run-trace.ts";
import { say, shown } from "../output.ts";
import { parseIntOption, parseShrinkTime } from "../options.ts";
import { runDesignChecks, type DesignRunOptions } from "./design-run.ts";

export interface TableOptions extends DesignRunOptions {
  readonly module: string;
  readonly seed?: string;
  readonly profile?: string;
  readonly out?: string;
  readonly capacity?: string;
  readonly hashes?: string;
}

export function parseHashFamilies(text: string | undefined): HashFamily[] {
  if (text === undefined) return [...HASH_FAMILY_NAMES];
  const names = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const unknown = names.filter((n) => !(n in HASH_FAMILIES));
  if (names.length === 0 || unknown.length > 0) throw new InputError(`--hashes takes a comma-separated list of ${HASH_FAMILY_NAMES.join(", ")}${unknown.length > 0 ? `, not ${unknown.join(", ")}` : ""}`);
  return names as HashFamily[];
}

export async function tableCommand(o: TableOptions, context: (text: string) => void = () => {}): Promise<number> {
  const seed = resolveSeed(o.seed);
  const profile = resolveProfile(o.profile);
  const families = parseHashFamilies(o.hashes);
  const capacity = o.capacity !== undefined ? parseIntOption(o.capacity, "--capacity", 1) : 3;
  const shrinkMs = o.shrinkTime !== undefined ? parseShrinkTime(o.shrinkTime) : undefined;
  const outDir = resolve(o.out ?? "counterexamples/found");
  context(`loading ${o.module}`);
  const { table, path } = await loadUserTable(o.module, [process.cwd()]);
  try {
    table.init({ capacity, hashes: HASH_FAMILIES[families[0]!] });
  } catch (e) {
    throw new InputError(`${o.module}: ${describeError(e)}`);
  }
  if (!o.json) say(`nfcheck table: "${table.name}" from ${shown(path)}${table.timeout !== undefined ? `, timeout ${table.timeout}` : ""}${table.maxLoad !== undefined ? `, maxLoad ${table.maxLoad}` : ""}`);
  // The saved file names the module relative to itself, so that it replays from any working directory.
  const module = relative(outDir, path);
  const checks: Check[] = [];
  for (const hashes of families) {
    const small: UserTableConfigJson = { module, capacity, keys: capacity + 1, hashes, maxOps: profile.name === "deep" ? 7 : 5, maxTicks: 2 };
    const large: UserTableConfigJson = { module, capacity: 4 * capacity, keys: 6 * capacity, hashes, maxOps: 10_000, maxTicks: 10_000 };
    for (const [kind, json] of [["explore", small], ["random", large]] as const) {
      const config = await toUserTableConfig({ ...json, module: path }, [process.cwd()]);
      const base = { id: `${table.name}/${hashes}/${kind}`, model: userTableModel, configJson: json, config, property: "all properties", specs: USER_TABLE_SPECS, explain: explainUserTableTrace };
      checks.push(kind === "explore" ? exploreCheck(base) : randomCheck({ ...base, arbitrary: (p) => tableRuns(json.keys!, Math.min(p.maxEvents, 400)) }));
    }
  }
  return runDesignChecks(o, {
    checks, seed, profile, outDir, shrinkMs, command: "table", scope: `${families.join(", ")} hashes; capacity ${capacity}`,
    jsonData: { table: table.name, module: path, hashes: families, capacity },
  }, context);
}
