/** `nfcheck explore tcp`: every run of one small connection through the stream-rewriting middlebox. */
import { relative, resolve } from "node:path";
import { InputError } from "../../core/model.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { describeTcpConfig, TcpConfigJson, toTcpConfig, type RewriterRef } from "../../models/tcp/config.ts";
import { REWRITERS } from "../../models/tcp/rewriters/index.ts";
import { describeStream } from "../../models/tcp/connection.ts";
import { explainTcpTrace } from "../../models/tcp/entry.ts";
import { TCP_FAULTS } from "../../models/tcp/faults.ts";
import { resolveRewriter } from "../../models/tcp/load-rewriter.ts";
import { tcpModel } from "../../models/tcp/system.ts";
import { TCP_SPECS } from "../../specs/tcp.ts";
import { NEAR_WRAP } from "../../properties/tcp-checks.ts";
import { parsePositiveInt } from "./prove.ts";
import type { ExploreSetup } from "./explore.ts";

export interface ExploreTcpOptions {
  readonly rewriter?: string;
  readonly stream?: string;
  readonly isn?: string;
  readonly mss?: string;
  readonly window?: string;
  readonly rcvWindow?: string;
  readonly lossBudget?: string;
  readonly duplicates?: string;
  readonly reorder?: boolean;
  readonly retransmit?: string;
  readonly belowAck?: string;
  /** Commander's `--no-pruning`. */
  readonly pruning?: boolean;
  readonly fault?: string;
}

const count = (text: string, what: string) => (text.trim() === "0" ? 0 : parsePositiveInt(text, what));

export async function exploreTcpSetup(o: ExploreTcpOptions, outDir: string): Promise<ExploreSetup<any, any, any>> {
  if (o.fault !== undefined && !(TCP_FAULTS as readonly string[]).includes(o.fault)) throw new InputError(`--fault must be one of ${TCP_FAULTS.join(", ")}`);
  const name = o.rewriter ?? "fig11";
  // A built-in by name, else a module; the saved file names the module relative to itself.
  const ref: RewriterRef = REWRITERS[name] ? { builtin: name } : { module: relative(outDir, resolve(name)) };
  const isn = o.isn === undefined ? NEAR_WRAP : Number(o.isn);
  if (!Number.isInteger(isn) || isn < 0 || isn >= 2 ** 32) throw new InputError(`--isn must be an integer from 0 to ${2 ** 32 - 1}, got "${o.isn}"`);
  const json = decodeOrThrow(TcpConfigJson, {
    rewriter: ref,
    connections: [{ isn, stream: o.stream ?? "ABCDEFGH" }],
    ...(o.mss !== undefined ? { mss: parsePositiveInt(o.mss, "--mss") } : { mss: 3 }),
    ...(o.window !== undefined ? { window: parsePositiveInt(o.window, "--window") } : { window: 4 }),
    ...(o.rcvWindow !== undefined ? { rcvWindow: parsePositiveInt(o.rcvWindow, "--rcv-window") } : { rcvWindow: 2 }),
    lossBudget: o.lossBudget !== undefined ? count(o.lossBudget, "--loss-budget") : 1,
    duplicationBudget: o.duplicates !== undefined ? count(o.duplicates, "--duplicates") : 0,
    ...(o.reorder ? { reorder: true } : {}),
    ...(o.retransmit !== undefined ? { retransmit: o.retransmit } : {}),
    ...(o.belowAck !== undefined ? { belowAck: o.belowAck } : {}),
    ...(o.pruning === false ? { pruning: false } : {}),
    ...(o.fault !== undefined ? { fault: o.fault } : {}),
  }, "explore bounds");
  const rewriter = await resolveRewriter(json.rewriter, [outDir]);
  const config = toTcpConfig(json, rewriter);
  const c = json.connections![0]!;
  return {
    model: tcpModel, config, json, specs: TCP_SPECS, explain: explainTcpTrace,
    bounds: `ISN ${c.isn}, stream ${describeStream(c.stream)}, ${describeTcpConfig(config)}`,
  };
}
