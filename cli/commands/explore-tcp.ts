/** `nfcheck explore tcp`: every run of one small connection through the stream-rewriting middlebox. */
import { relative, resolve } from "node:path";
import { InputError } from "../../core/model.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { describeTcpConfig, TcpConfigJson, toTcpConfig, type RewriterRef } from "../../models/tcp/config.ts";
import { REWRITERS } from "../../models/tcp/rewriters/index.ts";
import { describeStream } from "../../models/tcp/connection.ts";
import { explainTcpTrace } from "../../models/tcp/entry.ts";
import { TCP_FAULTS } from "../../models/tcp/faults.ts";
import { loadRewriter, resolveRewriter } from "../../models/tcp/load-rewriter.ts";
import { tcpModel } from "../../models/tcp/system.ts";
import { TCP_SPECS } from "../../specs/tcp.ts";
import { NEAR_WRAP } from "../../properties/tcp-checks.ts";
import { parseChoice, parseIntOption } from "../options.ts";
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

export async function exploreTcpSetup(o: ExploreTcpOptions, outDir: string): Promise<ExploreSetup<any, any, any>> {
  const name = o.rewriter ?? "fig11";
  if (name === "") throw new InputError(`--rewriter must be a built-in rewriter (${Object.keys(REWRITERS).join(", ")}) or a module, got ""`);
  // A built-in by name, else a module; the saved file names the module relative to itself.
  const ref: RewriterRef = REWRITERS[name] ? { builtin: name } : { module: relative(outDir, resolve(name)) };
  if (o.stream === "") throw new InputError(`--stream must have at least one byte, got ""`);
  // The ranges are TcpConfigJson's.
  const json = decodeOrThrow(TcpConfigJson, {
    rewriter: ref,
    connections: [{ isn: o.isn !== undefined ? parseIntOption(o.isn, "--isn", 0, 2 ** 32 - 1) : NEAR_WRAP, stream: o.stream ?? "ABCDEFGH" }],
    mss: o.mss !== undefined ? parseIntOption(o.mss, "--mss", 1, 65_535) : 3,
    window: o.window !== undefined ? parseIntOption(o.window, "--window", 1, 2 ** 30) : 4,
    rcvWindow: o.rcvWindow !== undefined ? parseIntOption(o.rcvWindow, "--rcv-window", 1, 2 ** 30) : 2,
    lossBudget: o.lossBudget !== undefined ? parseIntOption(o.lossBudget, "--loss-budget", 0) : 1,
    duplicationBudget: o.duplicates !== undefined ? parseIntOption(o.duplicates, "--duplicates", 0) : 0,
    ...(o.reorder ? { reorder: true } : {}),
    ...(o.retransmit !== undefined ? { retransmit: parseChoice(o.retransmit, "--retransmit", ["all", "first"]) } : {}),
    ...(o.belowAck !== undefined ? { belowAck: parseChoice(o.belowAck, "--below-ack", ["trim", "map"]) } : {}),
    ...(o.pruning === false ? { pruning: false } : {}),
    ...(o.fault !== undefined ? { fault: parseChoice(o.fault, "--fault", TCP_FAULTS) } : {}),
  }, "explore bounds");
  // A module is loaded from where the user named it (the ref is where the saved file will find it).
  const rewriter = "builtin" in ref ? await resolveRewriter(ref, []) : (await loadRewriter(name, [process.cwd()])).rewriter;
  const config = toTcpConfig(json, rewriter);
  const c = json.connections![0]!;
  return {
    model: tcpModel, config, json, specs: TCP_SPECS, explain: explainTcpTrace,
    bounds: `ISN ${c.isn}, stream ${describeStream(c.stream)}, ${describeTcpConfig(config)}`,
  };
}
