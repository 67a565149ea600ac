/**
 * How close shrinking gets to the shortest counterexample, for every built-in mutant that random runs
 * find (issue: shrunk/shortest within 1.2×). The other mutants are found by breadth-first exploration,
 * whose first violation is a shortest one by construction; they are counted, not rerun.
 *
 * For each random find: the mutant's own check (random runs with fast-check, seed 1, the default profile,
 * shrinking as `nfcheck mutants` does it), then a breadth-first exploration of the same config for the
 * same property, over the packets the shrunk trace uses and the alphabet of SCR's explorations (ten
 * packets: knocks, a connection's handshake and close), up to the shrunk trace's length: its first
 * violation is the shortest run over those packets. (Over every packet there may be shorter ones; an
 * exploration over an unbounded alphabet is not finite.)
 *
 * Alone: `node --import tsx bench/shrinking.ts [--seed n]`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalKey } from "../core/canonical.ts";
import { explore } from "../core/explore.ts";
import { PROFILES } from "../core/profile.ts";
import { formatTable } from "../core/report.ts";
import { specsNamed } from "../core/system.ts";
import { faultCheck } from "../core/system-checks.ts";
import type { ScrConfigJson } from "../models/scr/config.ts";
import type { ScrEvent } from "../models/scr/system.ts";
import { scrExploreAlphabet } from "../properties/scr-checks.ts";
import { loadSystems, systemNamed } from "../systems/registry.ts";

/** Random finds longer than the shortest by more than this are marked (the goal). */
const GOAL = 1.2;

export async function shrinkingVsShortest(seed = 1, progress: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  const scr = await systemNamed("scr");
  const rows: string[][] = [];
  const ratios: number[] = [];
  for (const f of scr.faults) {
    const outcome = await faultCheck(scr, f).run({ seed, profile: PROFILES.default });
    const cx = outcome.counterexample;
    if (!cx || cx.found !== "random") {
      rows.push([f.name, f.kills, outcome.status, "—", "—", "—"]);
      continue;
    }
    const events = cx.events as readonly ScrEvent[];
    // The trace's own packets, and the alphabet of SCR's explorations (knocks, a handshake and its close).
    const letters = [...events.filter((e) => e.type === "packet").map((e) => e.packet), ...scrExploreAlphabet()];
    const packets = [...new Map(letters.map((p) => [canonicalKey(p), p])).values()];
    const json: ScrConfigJson = { ...(f.config as ScrConfigJson), bounds: { alphabet: packets, maxPackets: events.length } };
    const config = await scr.resolveConfig(json, { baseDir: process.cwd() });
    const bfs = explore({ model: scr.model, config, specs: specsNamed(scr, config, [f.kills]) });
    const shortest = bfs.status === "violation" ? bfs.events.length : null;
    const ratio = shortest !== null ? events.length / shortest : null;
    if (ratio !== null) ratios.push(ratio);
    rows.push([
      f.name, f.kills, `${events.length}`, shortest === null ? `none (${bfs.status})` : `${shortest}`, `${packets.length}`,
      ratio === null ? "—" : `${ratio.toFixed(2)}×${ratio > GOAL ? " (over 1.2×)" : ""}`,
    ]);
    progress(`shrinking [${f.name}]: shrunk to ${events.length} events, shortest ${shortest ?? "—"}`);
  }
  const explored = (await loadSystems()).filter((s) => s.name !== "scr" && !s.faultCheck).reduce((n, s) => n + s.faults.length, 0);
  const worst = ratios.length > 0 ? Math.max(...ratios) : null;
  return [
    `Shrinking vs the shortest counterexample: SCR's faults, found by random runs (seed ${seed}, the default profile)`,
    formatTable({ columns: ["mutant", "property", "shrunk", "shortest", "packets", "shrunk/shortest"], rows }),
    worst !== null ? `largest shrunk/shortest: ${worst.toFixed(2)}× over ${ratios.length} random finds (goal ≤ ${GOAL}×)` : "no random finds",
    `shortest: a breadth-first exploration of the mutant's config over the packets of its shrunk trace and the ${scrExploreAlphabet().length} of SCR's explorations, up to the trace's length.`,
    `The other ${explored} built-in mutants are found by breadth-first exploration: shortest by construction (shrunk/shortest = 1).`,
  ].join("\n");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--seed");
  process.stdout.write(`${await shrinkingVsShortest(at > 0 ? Number(process.argv[at + 1]) : 1)}\n`);
}
