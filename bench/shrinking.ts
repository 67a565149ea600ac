/**
 * How close shrinking gets to the shortest counterexample, for every built-in mutant that random runs
 * find (goal: shrunk/shortest within 1.2×): SCR's faults (their kill is a random check), and the random
 * finds the property suites check besides — flow's and Ribosome's mutants on their tight tables, SCR loss
 * recovery's not-init-as-lost on 4 cores, TCP's cumulative offset. The other faults of the systems are
 * killed by breadth-first exploration, whose first violation is a shortest one by construction; they are
 * counted, not rerun.
 *
 * For each: the random check as `nfcheck mutants` and the tests run it (seed 1, the default profile,
 * fast-check's shrinking and the systems' own shrinkers), then a breadth-first exploration of the same
 * config for the same property, at most as deep as the shrunk trace, whose first violation is a shortest
 * one. SCR's packets come from an unbounded alphabet: there the exploration's alphabet is the packets the
 * shrunk trace uses and the ten of SCR's explorations. Where the exploration meets its state limit first,
 * the shortest is only bounded below: the levels it finished hold no violation.
 *
 * Alone: `node --import tsx bench/shrinking.ts [--seed n]`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalKey } from "../core/canonical.ts";
import type { Check } from "../core/check.ts";
import { explore, type ExploreResult } from "../core/explore.ts";
import { PROFILES } from "../core/profile.ts";
import { formatCount, formatTable } from "../core/report.ts";
import { specsNamed, type AnySystem } from "../core/system.ts";
import { faultCheck } from "../core/system-checks.ts";
import type { ScrConfigJson } from "../models/scr/config.ts";
import type { ScrEvent } from "../models/scr/system.ts";
import { FLOW_RANDOM_MUTANTS, flowRandomMutantCheck, RANDOM_TABLES as FLOW_TABLES } from "../properties/flow-checks.ts";
import { recoveryRandomMutantCheck } from "../properties/recovery-checks.ts";
import { RANDOM_TABLES as RIBOSOME_TABLES, RIBOSOME_RANDOM_MUTANTS, ribosomeRandomMutantCheck } from "../properties/ribosome-checks.ts";
import { scrExploreAlphabet } from "../properties/scr-checks.ts";
import { tcpRandomMutantCheck } from "../properties/tcp-checks.ts";
import { loadSystems, systemNamed } from "../systems/registry.ts";

/** Random finds longer than the shortest by more than this are marked (the goal). */
const GOAL = 1.2;
/** Where the exploration for the shortest gives up (and says so). */
const MAX_STATES = 2_000_000;
const MAX_MEMORY = 4 * 2 ** 30;

interface RandomFind {
  readonly name: string;
  readonly system: string;
  readonly property: string;
  readonly check: Check;
  /** The config to explore for the shortest, given the shrunk trace. */
  readonly exploreConfig: (events: readonly unknown[]) => unknown;
}

async function randomFinds(): Promise<RandomFind[]> {
  const scr = await systemNamed("scr");
  const tight = (tables: readonly (readonly [string, object])[]) => tables.find(([name]) => name === "tight")![1];
  return [
    ...scr.faults.map((f): RandomFind => ({
      name: f.name, system: "scr", property: f.kills, check: faultCheck(scr, f),
      exploreConfig: (events) => {
        // The trace's own packets, and the alphabet of SCR's explorations (knocks, a handshake and its close).
        const letters = [...(events as ScrEvent[]).filter((e) => e.type === "packet").map((e) => e.packet), ...scrExploreAlphabet()];
        const alphabet = [...new Map(letters.map((p) => [canonicalKey(p), p])).values()];
        return { ...(f.config as ScrConfigJson), bounds: { alphabet, maxPackets: events.length } };
      },
    })),
    ...FLOW_RANDOM_MUTANTS.map(([fault, kills]): RandomFind => ({
      name: `${fault} (tight table)`, system: "flow", property: kills, check: flowRandomMutantCheck(fault, kills), exploreConfig: () => ({ ...tight(FLOW_TABLES), fault }),
    })),
    ...RIBOSOME_RANDOM_MUTANTS.map(([fault, kills]): RandomFind => ({
      name: `${fault} (tight table)`, system: "ribosome", property: kills, check: ribosomeRandomMutantCheck(fault, kills), exploreConfig: () => ({ ...tight(RIBOSOME_TABLES), fault }),
    })),
    {
      name: "not-init-as-lost (4 cores, 1 000 packets)", system: "scr.recovery", property: "atomicity", check: recoveryRandomMutantCheck(),
      exploreConfig: () => ({ cores: 4, packets: 1_000, streamEnd: "any-time", fault: "not-init-as-lost" }),
    },
    {
      name: "cumulative-offset (streams of up to 256 B)", system: "tcp", property: "ack-soundness", check: tcpRandomMutantCheck(),
      exploreConfig: (events) => ({ rewriter: { builtin: "fig11" }, mss: 4, window: 16, rcvWindow: 16, fault: "cumulative-offset", ...tcpStreamOf(events) }),
    },
  ];
}

/** The TCP model explores the connection its config names: the one the shrunk trace opens. */
function tcpStreamOf(events: readonly unknown[]): object {
  const open = events.find((e) => (e as { type: string }).type === "open") as { stream: unknown; isn?: number } | undefined;
  return open === undefined ? {} : { connections: [{ ...(open.isn !== undefined ? { isn: open.isn } : {}), stream: open.stream }] };
}

/** "7", or "≥ 5" when the exploration stopped at its state limit after finishing the levels before. */
function shortestOf(r: ExploreResult<unknown>): { text: string; length: number | null } {
  if (r.status === "violation") return { text: `${r.events.length}`, length: r.events.length };
  if (r.status === "incomplete") return { text: `≥ ${Math.max(0, r.depth - 1)} (${formatCount(r.states)} states)`, length: null };
  return { text: "none within its length", length: null };
}

export async function shrinkingVsShortest(seed = 1, progress: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  const systems = new Map<string, AnySystem>((await loadSystems()).map((s) => [s.name, s]));
  const finds = await randomFinds();
  const rows: string[][] = [];
  const ratios: number[] = [];
  for (const f of finds) {
    const outcome = await f.check.run({ seed, profile: PROFILES.default });
    const cx = outcome.counterexample;
    if (!cx || cx.found !== "random") {
      rows.push([f.system, f.name, f.property, outcome.status, "—", "—"]);
      continue;
    }
    const system = systems.get(f.system)!;
    let shortest: { text: string; length: number | null };
    try {
      const config = await system.resolveConfig(f.exploreConfig(cx.events), { baseDir: process.cwd() });
      const r = explore({ model: system.model, config, specs: specsNamed(system, config, [f.property]), maxDepth: cx.events.length, maxStates: MAX_STATES, maxMemory: MAX_MEMORY });
      shortest = shortestOf(r);
    } catch (e) {
      shortest = { text: `not explored: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`, length: null };
    }
    const ratio = shortest.length !== null ? cx.events.length / shortest.length : null;
    if (ratio !== null) ratios.push(ratio);
    rows.push([
      f.system, f.name, f.property, `${cx.events.length}`, shortest.text,
      ratio === null ? "—" : `${ratio.toFixed(2)}×${ratio > GOAL ? " (over 1.2×)" : ""}`,
    ]);
    progress(`shrinking [${f.system} ${f.name}]: shrunk to ${cx.events.length} events, shortest ${shortest.text}`);
  }
  const explored = [...systems.values()].filter((s) => !s.faultCheck).reduce((n, s) => n + s.faults.length, 0);
  const worst = ratios.length > 0 ? Math.max(...ratios) : null;
  return [
    `Shrinking vs the shortest counterexample, for the mutants random runs find (seed ${seed}, the default profile)`,
    formatTable({ columns: ["system", "mutant", "property", "shrunk", "shortest", "shrunk/shortest"], rows }),
    worst !== null ? `largest shrunk/shortest: ${worst.toFixed(2)}× over ${ratios.length} of ${finds.length} random finds (goal ≤ ${GOAL}×)` : "no random finds",
    "shortest: a breadth-first exploration of the same config and property, at most as deep as the shrunk trace (SCR: over the",
    `packets of the shrunk trace and the ${scrExploreAlphabet().length} of SCR's explorations; TCP: of the connection the trace opens); ≥ n: it stopped at`,
    `${formatCount(MAX_STATES)} states or 4 GiB, having found no violation shorter than n.`,
    `The other ${explored} built-in mutants are killed by breadth-first exploration: shortest by construction (shrunk/shortest = 1).`,
  ].join("\n");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--seed");
  process.stdout.write(`${await shrinkingVsShortest(at > 0 ? Number(process.argv[at + 1]) : 1)}\n`);
}
