/**
 * The checks of the stream-rewriting middlebox (models/tcp/system.ts), as `nfcheck verify`, `nfcheck tcp`,
 * `nfcheck mutants` and `npm test` run them:
 * - exhaustive: every interleaving, loss (and, where named, duplicate or reordering) of small streams that
 *   start 3 bytes before the 2^32 wrap, for the built-in rewriters — all four properties at once;
 * - random runs: streams of words up to 2 KB (1 MiB in the deep profile), ISNs near the wrap or anywhere,
 *   losses and duplicates on every channel, reordering;
 * - design boundaries, each a shortest counterexample (or a pass) found by the explorer;
 * - the mutants of the remapping, each killed by the property it names;
 * - for a user's rewriter (`nfcheck tcp <module>`), random runs in two deployments.
 */
import * as fc from "fast-check";
import { randomCheck, type Check } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import type { Spec } from "../core/spec.ts";
import { toTcpConfig, type RewriterRef, type TcpConfigJson } from "../models/tcp/config.ts";
import { explainTcpTrace } from "../models/tcp/entry.ts";
import type { AnyRewriter } from "../models/tcp/rewriter.ts";
import { REWRITERS } from "../models/tcp/rewriters/index.ts";
import { tcpModel, type TcpConfig, type TcpEvent, type TcpState } from "../models/tcp/system.ts";
import {
  ACK_SOUNDNESS, ackSoundness, MAPPING_LAWS, mappingLaws, PROGRESS, progress, STREAM_EQUIVALENCE, streamEquivalenceAtEnd, streamEquivalenceStep, TCP_SPECS,
} from "../specs/tcp.ts";
import tcp, { connectionNearWrap, END_TO_END, FIG11_ONE_LOSS, NEAR_WRAP, TCP_BOUNDARIES, TCP_FAULT_TABLE } from "../systems/tcp.ts";
import type { StreamSpec } from "../models/tcp/connection.ts";
import { tcpCoverage } from "./tcp-coverage.ts";
import type { TcpDiscovery } from "./tcp-discovery.ts";
import { driveTcp, streams as randomStreams, tcpRuns, WORDS, type TcpPlan } from "./tcp-runs.ts";

type TcpSpec = Spec<TcpState, TcpEvent, TcpConfig>;

export const SPEC_OF: Readonly<Record<string, readonly TcpSpec[]>> = {
  [END_TO_END]: TCP_SPECS,
  [STREAM_EQUIVALENCE]: [streamEquivalenceStep, streamEquivalenceAtEnd],
  [ACK_SOUNDNESS]: [ackSoundness],
  [PROGRESS]: [progress],
  [MAPPING_LAWS]: [mappingLaws],
};

/** An exploration of `json` for `property`, as every system's explorations are (core/system-checks.ts). */
const tcpExplore = (id: string, json: TcpConfigJson, property: string, expect: "pass" | "violation" = "pass", note?: string): Check =>
  systemExploreCheck(tcp, id, json, property, expect, note);

/** The explorations: [name, config]. Each explores every run of one small connection. */
export function tcpExploreConfigs(profile?: Profile): [string, TcpConfigJson][] {
  const configs: [string, TcpConfigJson][] = [
    ["fig11/loss", FIG11_ONE_LOSS],
    ["fig11/reorder", connectionNearWrap("fig11", "ABCDEFGH", { mss: 2, window: 4, rcvWindow: 2, lossBudget: 0, duplicationBudget: 0, reorder: true })],
    ["remove-word/loss", connectionNearWrap("remove-word", "xATTACKyATTAC", { mss: 3, window: 7, rcvWindow: 8, lossBudget: 1, duplicationBudget: 0 })],
    ["mask-word/loss", connectionNearWrap("mask-word", "ATTACKATTACK", { mss: 4, window: 8, rcvWindow: 8, lossBudget: 1, duplicationBudget: 0 })],
    ["replace-word/loss", connectionNearWrap("replace-word", "xATTACKy", { mss: 3, window: 7, rcvWindow: 8, lossBudget: 1, duplicationBudget: 0 })],
  ];
  if (profile?.name === "deep") {
    configs.push(
      ["fig11/loss-duplicate", connectionNearWrap("fig11", "ABCDEFGH", { mss: 3, window: 4, rcvWindow: 8, lossBudget: 1, duplicationBudget: 1 })],
      ["fig11/loss-reorder", connectionNearWrap("fig11", "ABCDEFGH", { mss: 3, window: 4, rcvWindow: 2, lossBudget: 1, duplicationBudget: 0, reorder: true })],
      ["replace-word/reorder", connectionNearWrap("replace-word", "xATTACKyATTACK", { mss: 3, window: 7, rcvWindow: 8, lossBudget: 1, duplicationBudget: 0, reorder: true })],
    );
  }
  return configs;
}

export function tcpExploreChecks(profile?: Profile): Check[] {
  return tcpExploreConfigs(profile).map(([name, json]) => tcpExplore(`${name}/${END_TO_END}/explore`, json, END_TO_END));
}

/** A deployment for random runs: an MSS, a window, a receiver window, reordering. */
export const RANDOM_DEPLOYMENTS: readonly { readonly name: string; readonly config: Omit<TcpConfigJson, "rewriter"> }[] = [
  { name: "reorder", config: { mss: 8, window: 32, rcvWindow: 24, reorder: true } },
  { name: "fifo-small-windows", config: { mss: 3, window: 16, rcvWindow: 8 } },
];

/** Streams of random runs: up to 2 KB by default; the deep profile adds runs of exactly 1 MiB. */
export const RANDOM_MAX_BYTES = 2_048;
export const DEEP_STREAM_BYTES = 1 << 20;

/** What reaches a user's rewriter (properties/tcp-discovery.ts): streams it edits, and splits that change its edits. */
export type TcpStreams = Pick<TcpDiscovery, "corpus" | "splits" | "maxHeld">;

/** Streams built from the corpus (and the built-in words between its streams), up to `maxBytes`. */
function corpusStreams(corpus: readonly string[], maxBytes: number): fc.Arbitrary<StreamSpec> {
  const part = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...corpus) }, { weight: 1, arbitrary: fc.constantFrom(...WORDS) });
  return fc.array(part, { minLength: 1, maxLength: 16 }).map((parts) => parts.join("").slice(0, maxBytes));
}

/** A connection whose first segment ends at `split` (then MSS-sized segments), near the wrap, no faults. */
function splitPlan(stream: string, split: number, mss: number): TcpPlan {
  const sizes: number[] = [];
  for (let left = split; left > 0; left -= Math.min(left, mss)) sizes.push(Math.min(left, mss));
  return { isn: NEAR_WRAP, stream, sizes: [...sizes, mss], faults: [], schedule: [], policy: 0 };
}

function tcpRandom(
  id: string, json: TcpConfigJson, rewriter: AnyRewriter, property: string, o: { maxBytes?: number; bigStreams?: boolean; runs?: number; streams?: TcpStreams } = {},
): Check {
  const config = toTcpConfig(json, rewriter);
  const maxBytes = o.maxBytes ?? RANDOM_MAX_BYTES;
  const corpus = o.streams?.corpus ?? [];
  const streams = o.bigStreams ? fc.record({ length: fc.constant(maxBytes), seed: fc.nat() })
    : corpus.length > 0 ? fc.oneof({ weight: 3, arbitrary: corpusStreams(corpus, maxBytes) }, { weight: 1, arbitrary: randomStreams(maxBytes) }) : undefined;
  // Run first: each split that changes the rewriter's edits, then the shortest edited streams a byte per segment.
  const plans = [
    ...(o.streams?.splits ?? []).map((f) => splitPlan(f.stream, f.split, config.mss)),
    ...corpus.slice(0, 3).map((stream) => ({ ...splitPlan(stream, 0, config.mss), sizes: [1] })),
  ];
  return randomCheck({
    id: `tcp/${id}`, model: tcpModel, configJson: json, config, property, specs: SPEC_OF[property]!, explain: explainTcpTrace,
    arbitrary: () => tcpRuns(config, maxBytes, streams),
    ...(plans.length > 0 ? { examples: () => plans.map((p) => driveTcp(config, p)) } : {}),
    ...(o.runs !== undefined ? { runs: () => o.runs! } : {}),
    coverage: tcpCoverage,
  });
}

export function tcpRandomChecks(profile?: Profile): Check[] {
  const checks = Object.entries(REWRITERS).flatMap(([name, rewriter]) => RANDOM_DEPLOYMENTS.map((d) =>
    tcpRandom(`${name}/${END_TO_END}/${d.name}/random`, { rewriter: { builtin: name }, ...d.config }, rewriter, END_TO_END)));
  if (profile?.name === "deep") {
    for (const [name, rewriter] of Object.entries(REWRITERS)) {
      const json: TcpConfigJson = { rewriter: { builtin: name }, mss: 1_460, window: 8 * 1_460, rcvWindow: 16 * 1_460, reorder: true };
      checks.push(tcpRandom(`${name}/${END_TO_END}/1MiB/random`, json, rewriter, END_TO_END, { maxBytes: DEEP_STREAM_BYTES, bigStreams: true, runs: 10 }));
    }
  }
  return checks;
}



/**
 * A deployment for a rewriter that holds back up to `held` bytes: the sender's window must be larger than
 * that, or the connection stalls whatever the rewriter does (the window-within-hold-back boundary) — real
 * windows are thousands of bytes; these are small to make segments, losses and retransmissions many.
 */
export function deploymentFor(d: (typeof RANDOM_DEPLOYMENTS)[number], held: number): (typeof RANDOM_DEPLOYMENTS)[number] {
  const mss = d.config.mss!;
  const window = Math.max(d.config.window!, held + 2 * mss);
  return window === d.config.window ? d : { name: d.name, config: { ...d.config, window } };
}

/** The checks of a user's rewriter: end-to-end random runs in each deployment, on streams that reach it. */
export function tcpDesignChecks(ref: RewriterRef, rewriter: AnyRewriter, streams?: TcpStreams): Check[] {
  return RANDOM_DEPLOYMENTS.map((d) => deploymentFor(d, streams?.maxHeld ?? 0)).map((d) =>
    tcpRandom(`design/${rewriter.name}/${END_TO_END}/${d.name}/random`, { rewriter: ref, ...d.config }, rewriter, END_TO_END, streams ? { streams } : {}));
}

/** What `nfcheck verify` runs for TCP besides its boundaries and faults (core/system-checks.ts). */
export const tcpChecks = (profile?: Profile): Check[] => [...tcpExploreChecks(profile), ...tcpRandomChecks(profile)];

/**
 * Random runs find the cumulative offset too (properties/tcp.test.ts; the bench sets the shrunk trace
 * beside the shortest, bench/shrinking.ts): Fig. 11's rewriter, streams of up to 256 bytes.
 */
export function tcpRandomMutantCheck(): Check {
  const json: TcpConfigJson = { rewriter: { builtin: "fig11" }, mss: 4, window: 16, rcvWindow: 16, fault: "cumulative-offset" };
  const config = toTcpConfig(json, REWRITERS["fig11"]!);
  return randomCheck({
    id: "tcp/mutant/cumulative-offset/random", model: tcpModel, configJson: json, config, property: ACK_SOUNDNESS,
    specs: SPEC_OF[ACK_SOUNDNESS]!, expect: "violation", arbitrary: () => tcpRuns(config, 256),
  });
}
