/**
 * `nfcheck explore <model>`: every state within the given bounds, breadth first, so a violation found is a
 * shortest one; otherwise "no violation within the bound", with states, transitions, depth and speed.
 * Each model has its own options (explore-scr.ts, explore-recovery.ts, explore-tcp.ts, explore-flow.ts,
 * explore-ribosome.ts); running and
 * reporting are here.
 */
import { resolve } from "node:path";
import { makeCounterexample } from "../../core/counterexample.ts";
import { DEFAULT_MAX_STATES, explore, type ExploreLimit } from "../../core/explore.ts";
import { DEFAULT_MAX_MEMORY, formatBytes, parseSize } from "../../core/memory.ts";
import { InputError, type Model } from "../../core/model.ts";
import type { Table } from "../../core/registry.ts";
import { countOf, formatCount, formatDuration, Progress } from "../../core/report.ts";
import type { Spec } from "../../core/spec.ts";
import { saveCounterexample } from "../../core/store.ts";
import { EXIT_INCOMPLETE, EXIT_OK, EXIT_VIOLATION, formatTrace, indent, say, shown } from "../output.ts";
import { parsePositiveInt } from "../options.ts";
import { exploreRecoverySetup, type ExploreRecoveryOptions } from "./explore-recovery.ts";
import { exploreScrSetup, type ExploreScrOptions } from "./explore-scr.ts";
import { exploreTcpSetup, type ExploreTcpOptions } from "./explore-tcp.ts";
import { exploreFlowSetup, type ExploreFlowOptions } from "./explore-flow.ts";
import { exploreRibosomeSetup, type ExploreRibosomeOptions } from "./explore-ribosome.ts";

export interface ExploreOptions extends ExploreScrOptions, ExploreRecoveryOptions, ExploreTcpOptions, ExploreFlowOptions, ExploreRibosomeOptions {
  readonly model: string;
  readonly maxStates?: string;
  readonly maxMemory?: string;
  /** Commander's `--no-reduction`. */
  readonly reduction?: boolean;
  readonly out?: string;
  readonly json?: boolean;
  readonly full?: boolean;
}

/** What a model's options turn into: the model, its config (as JSON too), what to check and how to show it. */
export interface ExploreSetup<S, E, C> {
  readonly model: Model<S, E, C>;
  readonly config: C;
  readonly json: unknown;
  readonly specs: readonly Spec<S, E, C>[];
  /** One line: what is explored. */
  readonly bounds: string;
  explain(config: C, events: readonly E[]): Table;
}

/** How to go further after each bound (a heap limit of V8's own is raised for the whole process). */
const RAISE: Readonly<Record<ExploreLimit, string>> = {
  states: " (--max-states raises it)",
  memory: " (--max-memory raises it)",
  heap: " (NODE_OPTIONS=--max-old-space-size=<MiB> raises V8's limit)",
  interrupt: "",
};

const SETUPS: Readonly<Record<string, (o: ExploreOptions, outDir: string) => Promise<ExploreSetup<any, any, any>>>> = {
  scr: exploreScrSetup,
  "scr.recovery": exploreRecoverySetup,
  tcp: exploreTcpSetup,
  flow: exploreFlowSetup,
  ribosome: exploreRibosomeSetup,
};

export async function exploreCommand(o: ExploreOptions, context: (text: string) => void = () => {}): Promise<number> {
  const setup = SETUPS[o.model];
  if (!setup) throw new InputError(`explore: no model "${o.model}" (known: ${Object.keys(SETUPS).join(", ")})`);
  const maxStates = o.maxStates !== undefined ? parsePositiveInt(o.maxStates, "--max-states") : DEFAULT_MAX_STATES;
  const maxMemory = o.maxMemory !== undefined ? parseSize(o.maxMemory, "--max-memory") : DEFAULT_MAX_MEMORY;
  const outDir = resolve(o.out ?? "counterexamples/found");
  const { model, config, json, specs, bounds, explain } = await setup(o, outDir);
  const reduced = o.reduction !== false && model.local !== undefined;
  const limits = `bounds: at most ${formatCount(maxStates)} states and ${formatBytes(maxMemory)} (--max-states, --max-memory)`;
  if (!o.json) say(`nfcheck explore ${model.name}: ${bounds}${reduced ? "; partial-order reduction (--no-reduction: every interleaving)" : ""}; ${limits}`);
  context(`exploring ${bounds}`);
  const progress = o.json ? null : new Progress("explore");
  const result = explore({
    model, config, specs, reduce: o.reduction !== false, maxStates, maxMemory,
    ...(progress ? { onProgress: (p: { states: number; depth: number; frontier: number; memory: number }) => progress.update(`${countOf(p.states, "state")}, depth ${p.depth}, frontier ${formatCount(p.frontier)}, ${formatBytes(p.memory)}`) } : {}),
  });
  const reason = result.status === "incomplete" ? result.reason + RAISE[result.limit] : undefined;
  progress?.done();
  const stats = { states: result.states, transitions: result.transitions, depth: result.depth, timeMs: Math.round(result.timeMs), statesPerSecond: Math.round(result.statesPerSecond) };
  let saved: string | undefined;
  if (result.status === "violation") {
    saved = await saveCounterexample(outDir, makeCounterexample({ model: model.name, config: json, violation: result.violation, events: result.events, found: "explore" }));
  }
  if (o.json) {
    say(JSON.stringify({ model: model.name, config: json, reduction: reduced, status: result.status, ...stats, ...(result.status === "violation" ? { violation: result.violation, events: result.events.length, saved } : {}), ...(reason !== undefined ? { reason } : {}) }, null, 2));
  } else {
    say(`${countOf(stats.states, "state")}, ${countOf(stats.transitions, "transition")}, depth ${stats.depth}, ${formatDuration(result.timeMs)}, ${formatCount(stats.statesPerSecond)} states/s`);
    if (result.status === "pass") say("no violation within the bound");
    if (reason !== undefined) say(`INCOMPLETE: ${reason}; no verdict`);
    if (result.status === "violation") {
      say(`${result.violation.property} violated after ${countOf(result.events.length, "event")} (a shortest counterexample): ${result.violation.message}`);
      say(indent(formatTrace(explain(config, result.events), o.full ?? false)));
      say(`saved ${shown(saved!)} — replay it with: nfcheck replay ${shown(saved!)}`);
    }
  }
  return result.status === "pass" ? EXIT_OK : result.status === "incomplete" ? EXIT_INCOMPLETE : EXIT_VIOLATION;
}
