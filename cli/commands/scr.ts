/**
 * `nfcheck scr <module>`: the design checker (ARCHITECTURE §4). Loads a user's SCR program from anywhere
 * on disk and runs its checks — no input mutation, determinism, sufficiency, then SCR equivalence for every
 * number of cores asked for — stopping at the first failure, whose shrunk trace is printed and saved.
 */
import { relative, resolve } from "node:path";
import { resolveProfile } from "../../core/profile.ts";
import { countOf } from "../../core/report.ts";
import { resolveSeed } from "../../core/seed.ts";
import { MAX_CORES } from "../../models/scr/config.ts";
import { loadScrProgram } from "../../models/scr/load-program.ts";
import { CORE_COUNTS, scrDesignChecks } from "../../properties/scr-checks.ts";
import { dictionaryOfModule } from "../../core/dictionary.ts";
import { nameExceptions } from "../../models/scr/program.ts";
import { readTrafficFile } from "../../models/scr/traffic-file.ts";
import { discoverScrTraffic } from "../../properties/scr-discovery.ts";
import { say, shown } from "../output.ts";
import { parseCores, parseShrinkTime } from "../options.ts";
import { runDesignChecks, type DesignRunOptions } from "./design-run.ts";

export interface ScrOptions extends DesignRunOptions {
  readonly module: string;
  readonly cores?: string;
  readonly seed?: string;
  readonly profile?: string;
  readonly out?: string;
  readonly traffic?: string;
}

export async function scrCommand(o: ScrOptions, context: (text: string) => void = () => {}): Promise<number> {
  const seed = resolveSeed(o.seed);
  const profile = resolveProfile(o.profile);
  const cores = o.cores !== undefined ? parseCores(o.cores, MAX_CORES) : [...CORE_COUNTS];
  const shrinkMs = o.shrinkTime !== undefined ? parseShrinkTime(o.shrinkTime) : undefined;
  const outDir = resolve(o.out ?? "counterexamples/found");
  const traffic = o.traffic !== undefined ? await readTrafficFile(o.traffic) : [];
  context(`loading ${o.module}`);
  const { program, path } = await loadScrProgram(o.module, [process.cwd()]);
  if (!o.json) say(`nfcheck scr: "${program.name}" from ${shown(path)}, ${program.metaBytes} B of metadata per packet`);
  // Traffic that reaches the program, found before the checks (properties/scr-discovery.ts).
  context("searching for traffic that reaches the program");
  const found = discoverScrTraffic(nameExceptions(program), { seed: seed.seed, maxPackets: profile.maxEvents, dictionary: dictionaryOfModule(path), traffic });
  if (!o.json) {
    const constants = Object.values(found.extra).reduce((n, xs) => n + xs.length, 0);
    say(`traffic: ${countOf(found.corpus.length, "sequence")} kept of ${countOf(found.runs, "run")} (${traffic.length > 0 ? `${countOf(traffic.length, "sequence")} of --traffic first, ` : ""}${countOf(constants, "value")} of the module${traffic.length > 0 ? " and of --traffic" : ""} in the pools): verdicts ${found.verdicts.join(", ") || "none"}${found.turns.length > 0 ? `; ${found.turns.join(", ")} for one f(p)` : ""}; ${found.stateChanged ? "the state changes" : "the state never changed"}`);
  }
  // The saved file names the module relative to itself, so that it replays from any working directory.
  const checks = scrDesignChecks({ module: relative(outDir, path) }, program, cores, { extra: found.extra, corpus: found.corpus });
  return runDesignChecks(o, {
    checks, seed, profile, outDir, shrinkMs,
    command: "scr",
    scope: `${cores.length === 1 ? countOf(cores[0]!, "core") : `${cores[0]}..${cores[cores.length - 1]} cores`}`,
    jsonData: { program: program.name, module: path, traffic: { kept: found.corpus.length, runs: found.runs, behaviours: found.behaviours } },
  }, context);
}
