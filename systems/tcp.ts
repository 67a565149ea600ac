/**
 * The end-to-end TCP model (models/tcp/) as a system: a sender, a stream-rewriting middlebox and a
 * receiver over lossy channels; the middlebox keeps a modification list to map sequence and ACK numbers
 * (MiddleClick §IV-B, §IV-C). Its presets, design boundaries and faults are here; properties/tcp-checks.ts
 * adds the explorations and random runs particular to it.
 */
import { relative, resolve } from "node:path";
import { InputError } from "../core/model.ts";
import type { Boundary, Fault, System } from "../core/system.ts";
import { describeTcpConfig, TcpConfigJson, TcpEventJson, toTcpConfig } from "../models/tcp/config.ts";
import { describeStream } from "../models/tcp/connection.ts";
import { explainTcpTrace } from "../models/tcp/entry.ts";
import type { TcpFault } from "../models/tcp/faults.ts";
import { resolveRewriter } from "../models/tcp/load-rewriter.ts";
import { REWRITER_CONTRACT } from "../models/tcp/middlebox.ts";
import { REWRITERS } from "../models/tcp/rewriters/index.ts";
import { REFERENCE_REWRITERS } from "../models/tcp/rewriters/reference.ts";
import { tcpModel, type TcpConfig, type TcpEvent, type TcpState } from "../models/tcp/system.ts";
import { ACK_SOUNDNESS, MAPPING_LAWS, PROGRESS, STREAM_EQUIVALENCE, TCP_SPECS } from "../specs/tcp.ts";
import { tcpSequence } from "./tcp/sequence.ts";

/** All four properties together. */
export const END_TO_END = "end-to-end";

/** Three bytes before the wrap: every small stream crosses 2^32. */
export const NEAR_WRAP = 2 ** 32 - 3;

/** One connection of `stream` through a built-in rewriter, starting at NEAR_WRAP. */
export const connectionNearWrap = (rewriter: string, stream: string, o: Omit<TcpConfigJson, "rewriter" | "connections">): TcpConfigJson =>
  ({ rewriter: { builtin: rewriter }, connections: [{ isn: NEAR_WRAP, stream }], ...o });

/** Fig. 11 across the wrap, MSS 3, a window of 4, a receiver window of 2, one loss anywhere (what `nfcheck explore tcp` explores by default). */
export const FIG11_ONE_LOSS = connectionNearWrap("fig11", "ABCDEFGH", { mss: 3, window: 4, rcvWindow: 2, lossBudget: 1, duplicationBudget: 0 });

export const TCP_BOUNDARIES: readonly Boundary<TcpConfigJson>[] = [
  {
    name: "window-within-hold-back", config: connectionNearWrap("replace-word", "xATTACKy", { mss: 3, window: 5, rcvWindow: 8, lossBudget: 0, duplicationBudget: 0 }),
    property: PROGRESS, expect: "violation",
    note: "a sender window of 5 bytes, no more than the 5 bytes a rewriter for \"ATTACK\" may hold back: the middlebox waits for bytes the sender will not send before it gets an ACK, and no fault is needed to stall",
  },
  {
    name: "timeout-resends-first-segment", config: connectionNearWrap("replace-word", "xATTACKy", { mss: 3, window: 7, rcvWindow: 8, lossBudget: 1, duplicationBudget: 0, retransmit: "first" }),
    property: PROGRESS, expect: "violation",
    note: "a timeout resends only the first segment; after a loss behind the held bytes, the middlebox never gets the bytes that would decide them (the paper's answer is to pre-ACK held packets, §IV-B)",
  },
  {
    name: "pruned-list-maps-old-retransmission", config: { ...FIG11_ONE_LOSS, belowAck: "map" },
    property: END_TO_END, expect: "pass",
    note: "the list is pruned on an ACK that is then lost before the sender; the sender retransmits older bytes and the middlebox maps them through the pruned list: every byte below the ACK lands below what the receiver already has, so nothing breaks",
  },
];

const fault = (name: TcpFault, description: string, kills: string, config: TcpConfigJson): Fault<TcpConfigJson> =>
  ({ name, description, kills, config: { ...config, fault: name } });

/** The mutants of issue 4 (the first is the paper's own warning), each explored on a small connection. */
export const TCP_FAULT_TABLE: readonly Fault<TcpConfigJson>[] = [
  fault("cumulative-offset", "one running total of the offsets instead of the list (§IV-C's warning)", ACK_SOUNDNESS, FIG11_ONE_LOSS),
  fault("plain-compare", "plain < instead of serial comparison of sequence numbers", MAPPING_LAWS, FIG11_ONE_LOSS),
  fault("ack-past-insertion", "an ACK inside inserted bytes mapped past the insertion", ACK_SOUNDNESS, FIG11_ONE_LOSS),
  fault("removed-far-side", "a position inside a removed region mapped to the far side of it", MAPPING_LAWS, FIG11_ONE_LOSS),
  fault("edits-not-reapplied", "edits not re-applied to retransmitted bytes", STREAM_EQUIVALENCE, FIG11_ONE_LOSS),
  fault(
    "prune-too-early", "the list pruned at the ACK as received, before mapping it back (folded too early)", MAPPING_LAWS,
    connectionNearWrap("replace-word", "xATTACKyATTACKz", { mss: 3, window: 6, rcvWindow: 8, lossBudget: 1, duplicationBudget: 0 }),
  ),
  fault("drops-retransmissions", "a segment whose bytes all went out before taken for a duplicate and dropped: retransmissions never pass", PROGRESS, FIG11_ONE_LOSS),
  // A broken rewriter (models/tcp/rewriters/mutants.ts), not a broken middlebox: the config names it.
  {
    name: "edits-decided-bytes", description: "a rewriter that edits a byte it already declared decided (models/tcp/rewriters/mutants.ts)", kills: REWRITER_CONTRACT,
    config: connectionNearWrap("edits-decided-bytes", "ABCD", { mss: 2, window: 4, rcvWindow: 4, lossBudget: 0, duplicationBudget: 0 }),
  },
];


const tcp: System<TcpState, TcpEvent, TcpConfig, TcpConfigJson> = {
  name: tcpModel.name,
  model: tcpModel,
  summary: "A stream-rewriting middlebox between a TCP sender and receiver over lossy channels (MiddleClick §IV-B, §IV-C)",
  configSchema: TcpConfigJson,
  eventSchema: TcpEventJson,
  async resolveConfig(json, { baseDir }) {
    return toTcpConfig(json, await resolveRewriter(json.rewriter, [baseDir, process.cwd()]));
  },
  specs: () => TCP_SPECS,
  stepProperties: [REWRITER_CONTRACT, MAPPING_LAWS],
  explain: explainTcpTrace,
  describe: (config) => [...config.connections.map((c) => `ISN ${c.isn}, stream ${describeStream(c.stream)}`), describeTcpConfig(config)].join(", "),
  properties: {
    [STREAM_EQUIVALENCE]: "every byte the receiver delivers is the byte of rewrite(original) at that offset, a FIN is only accepted at its end, and at the end the receiver has all of it",
    [ACK_SOUNDNESS]: "no ACK reaching the sender covers an original byte whose rewritten image the receiver has not received, nor more than the sender sent",
    [PROGRESS]: "with fair channels the transfer completes (a connection whose retransmissions change nothing is stalled)",
    [MAPPING_LAWS]: "the middlebox's list keeps mapAck(mapSeq(x)) = x for every kept byte it still maps, both maps are monotone, and the list takes every well-formed edit",
    [REWRITER_CONTRACT]: "the rewriter never edits or undecides bytes it already declared decided, and gives the same edits whatever the segmentation",
  },
  groups: { [END_TO_END]: "all" },
  faults: TCP_FAULT_TABLE,
  boundaries: TCP_BOUNDARIES,
  sequence: tcpSequence,
  presets: {
    default: FIG11_ONE_LOSS,
    deep: connectionNearWrap("fig11", "ABCDEFGH", { mss: 3, window: 4, rcvWindow: 8, lossBudget: 1, duplicationBudget: 1 }),
  },
  flags: [
    {
      flags: "--rewriter <name|module>",
      description: `a built-in rewriter (${Object.keys(REWRITERS).join(", ")}; the reference bugs' edits: ${Object.keys(REFERENCE_REWRITERS).join(", ")}) or a module (rewriter)`,
      set: (value) => {
        const name = String(value);
        if (name === "") throw new InputError(`--rewriter must be a built-in rewriter (${Object.keys(REWRITERS).join(", ")}) or a module, got ""`);
        return { rewriter: REWRITERS[name] || REFERENCE_REWRITERS[name] ? { builtin: name } : { module: name } };
      },
    },
    {
      flags: "--stream <text>", description: "the original stream of the connection (connections.0.stream)",
      set: (value) => {
        if (value === "") throw new InputError(`--stream must have at least one byte, got ""`);
        return { "connections.0.stream": String(value) };
      },
    },
    { flags: "--isn <n>", description: "the sender's initial sequence number (connections.0.isn)", field: "connections.0.isn" },
    { flags: "--duplicates <n>", description: "at most n packets duplicated (duplicationBudget)", field: "duplicationBudget" },
  ],
  rebase: (json, fromDir, toDir) =>
    ("module" in json.rewriter ? { ...json, rewriter: { module: relative(toDir, resolve(fromDir, json.rewriter.module)) } } : json),
  // Loaded when asked for: the checks import this file's tables.
  checks: async (profile) => (await import("../properties/tcp-checks.ts")).tcpChecks(profile),
};

export default tcp;
