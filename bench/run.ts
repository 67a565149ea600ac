/**
 * `npm run bench`: figures and ratios, never pass/fail. Model steps per second, design-checker packets per
 * second, explorer states per second (on SCR and on a toy model whose state space is known), bytes per
 * second through the modelled TCP middlebox (bench/tcp.ts), flow-manager, Ribosome and offload-probe events and
 * states per second (bench/flow.ts, bench/ribosome.ts, bench/offload.ts, through bench/model-figures.ts),
 * connection-table operations per second and the lock-free cuckoo exploration's states per second
 * (bench/conntrack.ts), Z3 time per ring
 * case; then the explorer's states per second now and before its redesign, on the same explorations of
 * every model (bench/explorer.ts); then shrunk against shortest counterexamples of the mutants random runs
 * find (bench/shrinking.ts); then the peer benchmark, nfcheck's explorer vs SPIN on SCR loss recovery, on
 * one core and on two (bench/recovery-vs-spin.ts). Absolute numbers depend on the machine; compare runs made on one machine.
 *
 * Options (`npm run bench -- ...`): `--only figures`, `--only explorer`, `--only shrinking` or `--only spin` runs one part; `--deep` adds the
 * peer configurations nfcheck needs more than ~20 s for; `--spin-model <file>` runs another Promela model.
 */
import { parseArgs } from "node:util";
import * as fc from "fast-check";
import { explore } from "../core/explore.ts";
import { formatCount, formatTable } from "../core/report.ts";
import { runRandom } from "../core/random.ts";
import { checkClaim } from "../core/z3.ts";
import { counterModel } from "../core/test/toy-models.ts";
import { toScrConfig } from "../models/scr/entry.ts";
import type { AnyScrProgram } from "../models/scr/program.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { scrModel, type ScrEvent } from "../models/scr/system.ts";
import { ringLemma } from "../proofs/ring.ts";
import { scrExploreAlphabet } from "../properties/scr-checks.ts";
import { scrTraffic } from "../properties/traffic.ts";
import { scrEquivalence, sufficiency } from "../specs/scr.ts";
import { explorerComparison } from "./explorer.ts";
import { recoveryVsSpin, recoveryVsSpinOptionsFrom } from "./recovery-vs-spin.ts";
import { shrinkingVsShortest } from "./shrinking.ts";
import { tcpFigures } from "./tcp.ts";
import { flowFigures } from "./flow.ts";
import { ribosomeFigures } from "./ribosome.ts";
import { offloadFigures } from "./offload.ts";
import { conntrackFigures } from "./conntrack.ts";

const { values: args } = parseArgs({
  options: { only: { type: "string" }, deep: { type: "boolean" }, "spin-model": { type: "string" } },
  allowPositionals: false,
});
const PARTS = ["figures", "explorer", "shrinking", "spin"];
if (args.only !== undefined && !PARTS.includes(args.only)) {
  process.stderr.write(`--only takes "figures", "explorer", "shrinking" or "spin", not "${args.only}"\n`);
  process.exit(2);
}
const runs = (part: string) => args.only === undefined || args.only === part;

/** The figures of this repository's own components, printed as one table. */
async function figures(): Promise<string> {
  const rows: string[][] = [];
  const add = (name: string, value: number, unit: string, note = "") => {
    rows.push([name, formatCount(value), unit, note]);
    process.stderr.write(`${name}: ${formatCount(value)} ${unit}\n`);
  };

  function time<T>(f: () => T): { result: T; seconds: number } {
    const t = performance.now();
    const result = f();
    return { result, seconds: (performance.now() - t) / 1_000 };
  }

  const trace: ScrEvent[] = fc.sample(scrTraffic({ maxPackets: 2_000 }), { numRuns: 40, seed: 1 }).flat().map((packet) => ({ type: "packet", packet }));

  function stepsPerSecond(program: AnyScrProgram, cores: number): number {
    const config = toScrConfig({ program: { builtin: "bench" }, cores }, program);
    const { seconds } = time(() => {
      let s = scrModel.init(config);
      for (const e of trace) s = scrModel.step(s, e, config);
      return s;
    });
    return trace.length / seconds;
  }

  for (const name of ["port-knocking", "conntrack"]) {
    const k1 = stepsPerSecond(SCR_PROGRAMS[name]!, 1);
    const k8 = stepsPerSecond(SCR_PROGRAMS[name]!, 8);
    add(`scr model steps, ${name}, k = 1`, k1, "packets/s");
    add(`scr model steps, ${name}, k = 8`, k8, "packets/s", `${(k8 / k1).toFixed(2)} × k = 1 (k − 1 fast-forwards per packet)`);
  }

  // The design checker: random runs of the equivalence check, every packet through sequencer, core and reference.
  for (const cores of [1, 8]) {
    let packets = 0;
    const program = SCR_PROGRAMS["ddos-mitigator"]!;
    const config = toScrConfig({ program: { builtin: "ddos-mitigator" }, cores }, program);
    const arbitrary = scrTraffic({ maxPackets: 1_200 }).map((ps) => {
      packets += ps.length;
      return ps.map((packet): ScrEvent => ({ type: "packet", packet }));
    });
    const { seconds } = time(() => runRandom({ model: scrModel, config, specs: [scrEquivalence], arbitrary, seed: 1, runs: 100 }));
    add(`design checker, scr-equivalence, ddos-mitigator, k = ${cores}`, packets / seconds, "packets/s", "generation, shrinking-ready runs and the spec included");
  }

  const scr = time(() => explore({
    model: scrModel, specs: [scrEquivalence, sufficiency],
    config: toScrConfig({ program: { builtin: "port-knocking" }, cores: 3, bounds: { alphabet: scrExploreAlphabet().slice(0, 6), maxPackets: 7 } }, SCR_PROGRAMS["port-knocking"]!),
  }));
  add("explorer, scr port-knocking k = 3, 6 packets × 7", scr.result.statesPerSecond, "states/s", `${formatCount(scr.result.states)} states, ${formatCount(scr.result.transitions)} transitions`);
  const toy = time(() => explore({ model: { ...counterModel, key: String }, config: { max: 1_000_000, forbidden: null }, specs: [] }));
  add("explorer, counter 0..10^6 (integer keys)", toy.result.statesPerSecond, "states/s", "a bare breadth-first search with integer keys reaches 0.8–1.6 M states/s in Node 20 on this kind of machine");

  for (const f of tcpFigures()) {
    add(`tcp middlebox alone, ${f.rewriter}, 1 MiB in 1,460 B segments`, f.middleboxBytesPerSecond, "bytes/s", "rewriter, edit log, modification list, ACK mapping and pruning");
    add(`tcp end to end, ${f.rewriter}, 1 MiB across the wrap`, f.endToEndBytesPerSecond, "bytes/s", `${formatCount(f.events)} events: sender, 4 channels, middlebox, receiver, every spec on every step`);
  }

  for (const f of [...flowFigures(), ...ribosomeFigures(), ...offloadFigures(), ...conntrackFigures()]) add(f.name, f.value, f.unit, f.note);

  const cases = ringLemma("index", [64]).cases();
  let z3Seconds = 0;
  for (const c of cases) {
    const t = performance.now();
    await checkClaim(c.query);
    z3Seconds += (performance.now() - t) / 1_000;
  }
  add("Z3 ring-order, H = 64 (3 queries)", (z3Seconds / cases.length) * 1_000, "ms per query");

  return formatTable({ columns: ["benchmark", "figure", "unit", "note"], rows });
}

const sections: (() => Promise<string>)[] = [];
if (runs("figures")) sections.push(figures);
if (runs("explorer")) sections.push(async () => explorerComparison(3, (line) => process.stderr.write(`${line}\n`)));
if (runs("shrinking")) sections.push(() => shrinkingVsShortest());
if (runs("spin")) sections.push(() => recoveryVsSpin(recoveryVsSpinOptionsFrom(process.argv.slice(2))));
for (const [i, section] of sections.entries()) process.stdout.write(`${i > 0 ? "\n" : ""}${await section()}\n`);
