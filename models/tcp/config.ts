/**
 * The end-to-end TCP model's config as it is written in a counterexample file, with its defaults: the
 * paper's design (pruning on every ACK, retransmissions below the last ACK trimmed and answered), FIFO
 * channels, any number of losses and duplicates, an MSS of 4 bytes, a window of 8, a receiver window of 16,
 * and a timeout that resends everything outstanding.
 */
import { Schema } from "effect";
import { TCP_FAULTS } from "./faults.ts";
import type { AnyRewriter } from "./rewriter.ts";
import { checkedCalls } from "./rewriter-calls.ts";
import { CHANNELS } from "./segment.ts";
import { middleboxConfig, type TcpConfig } from "./system.ts";

/** A built-in rewriter by name, or a user's module (relative to the file that names it). */
export const RewriterRef = Schema.Union(
  Schema.Struct({ builtin: Schema.String.pipe(Schema.minLength(1)) }),
  Schema.Struct({ module: Schema.String.pipe(Schema.minLength(1)) }),
);
export type RewriterRef = Schema.Schema.Type<typeof RewriterRef>;

export const rewriterLabel = (r: RewriterRef) => ("builtin" in r ? r.builtin : r.module);

export const MAX_STREAM = 64 * 1024 * 1024;

export const StreamSpecJson = Schema.Union(
  Schema.String.pipe(Schema.minLength(1)),
  Schema.Struct({ length: Schema.Int.pipe(Schema.between(1, MAX_STREAM)), seed: Schema.Int }),
);

const Isn = Schema.Int.pipe(Schema.between(0, 2 ** 32 - 1));
const Size = (max: number) => Schema.Int.pipe(Schema.between(1, max));

export const TcpConfigJson = Schema.Struct({
  rewriter: RewriterRef,
  /** The connections the explorer opens. */
  connections: Schema.optionalWith(Schema.Array(Schema.Struct({ isn: Isn, stream: StreamSpecJson })), { exact: true }),
  mss: Schema.optionalWith(Size(65_535), { exact: true }),
  /** On a timeout, resend everything outstanding (default) or only the first segment. */
  retransmit: Schema.optionalWith(Schema.Literal("all", "first"), { exact: true }),
  window: Schema.optionalWith(Size(1 << 30), { exact: true }),
  rcvWindow: Schema.optionalWith(Size(1 << 30), { exact: true }),
  reorder: Schema.optionalWith(Schema.Boolean, { exact: true }),
  lossBudget: Schema.optionalWith(Schema.Int.pipe(Schema.nonNegative()), { exact: true }),
  duplicationBudget: Schema.optionalWith(Schema.Int.pipe(Schema.nonNegative()), { exact: true }),
  pruning: Schema.optionalWith(Schema.Boolean, { exact: true }),
  belowAck: Schema.optionalWith(Schema.Literal("trim", "map"), { exact: true }),
  fault: Schema.optionalWith(Schema.Literal(...TCP_FAULTS), { exact: true }),
});
export type TcpConfigJson = Schema.Schema.Type<typeof TcpConfigJson>;

export const TcpEventJson = Schema.Union(
  Schema.Struct({ type: Schema.Literal("open"), isn: Isn, stream: StreamSpecJson }),
  Schema.Struct({ type: Schema.Literal("send"), size: Schema.Int.pipe(Schema.positive()) }),
  Schema.Struct({ type: Schema.Literal("timeout") }),
  Schema.Struct({ type: Schema.Literal("deliver", "lose", "duplicate"), channel: Schema.Literal(...CHANNELS), index: Schema.Int.pipe(Schema.nonNegative()) }),
);

export const DEFAULTS = { mss: 4, window: 8, rcvWindow: 16 } as const;

export function toTcpConfig(json: TcpConfigJson, design: AnyRewriter): TcpConfig {
  const rewriter = checkedCalls(design);
  const base = {
    rewriter, pruning: json.pruning ?? true, belowAck: json.belowAck ?? "trim", fault: json.fault ?? null,
  } as const;
  return {
    ...base,
    connections: json.connections ?? [],
    mss: json.mss ?? DEFAULTS.mss,
    retransmit: json.retransmit ?? "all",
    window: json.window ?? DEFAULTS.window,
    rcvWindow: json.rcvWindow ?? DEFAULTS.rcvWindow,
    reorder: json.reorder ?? false,
    lossBudget: json.lossBudget ?? null,
    duplicationBudget: json.duplicationBudget ?? null,
    middlebox: middleboxConfig(base),
  };
}

/** "mss 4, window 8, receiver window 16, FIFO, ≤ 1 loss" and whatever differs from the defaults. */
export function describeTcpConfig(c: TcpConfig): string {
  const parts = [`rewriter ${c.rewriter.name}`, `mss ${c.mss}`, `window ${c.window}`, `receiver window ${c.rcvWindow}`, c.reorder ? "reordering" : "FIFO channels"];
  if (c.retransmit === "first") parts.push("timeouts resend the first segment only");
  if (c.lossBudget !== null) parts.push(c.lossBudget === 0 ? "no loss" : `≤ ${c.lossBudget} loss${c.lossBudget === 1 ? "" : "es"}`);
  if (c.duplicationBudget !== null) parts.push(c.duplicationBudget === 0 ? "no duplicates" : `≤ ${c.duplicationBudget} duplicate${c.duplicationBudget === 1 ? "" : "s"}`);
  if (!c.pruning) parts.push("no pruning");
  if (c.belowAck === "map") parts.push("retransmissions below the last ACK mapped through the pruned list");
  if (c.fault !== null) parts.push(`fault ${c.fault}`);
  return parts.join(", ");
}
