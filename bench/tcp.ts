/**
 * Bytes per second through the modelled stream-rewriting middlebox (models/tcp/): the middlebox alone
 * (every segment of a 1 MiB stream through the rewriter, the edit log and the modification list, every ACK
 * mapped back and the list pruned), and the whole end-to-end model with the specs checking every step,
 * as a random run of the deep profile does it.
 */
import { runTrace } from "../core/run-trace.ts";
import { toTcpConfig } from "../models/tcp/config.ts";
import { openConnection } from "../models/tcp/connection.ts";
import { onAck, onData, openMiddlebox, type Middlebox } from "../models/tcp/middlebox.ts";
import { REWRITERS } from "../models/tcp/rewriters/index.ts";
import { seqAdd } from "../models/tcp/serial.ts";
import { tcpModel } from "../models/tcp/system.ts";
import { driveTcp } from "../properties/tcp-runs.ts";
import { TCP_SPECS } from "../specs/tcp.ts";

export const BENCH_BYTES = 1 << 20;
const MSS = 1_460;

export interface TcpFigure {
  readonly rewriter: string;
  readonly middleboxBytesPerSecond: number;
  readonly endToEndBytesPerSecond: number;
  readonly events: number;
}

export function tcpFigures(): TcpFigure[] {
  return ["remove-word", "replace-word", "insert-header"].map((name) => {
    const rewriter = REWRITERS[name]!;
    const json = { rewriter: { builtin: name }, mss: MSS, window: 8 * MSS, rcvWindow: 16 * MSS };
    const config = toTcpConfig(json, rewriter);
    const isn = 2 ** 32 - 1_000; // the stream wraps
    const stream = { length: BENCH_BYTES, seed: 1 };
    const conn = openConnection(isn, stream, rewriter);
    // The middlebox alone: each segment in, its rewritten copy out, the receiver's ACK of it back.
    let t = performance.now();
    let mb: Middlebox = openMiddlebox(config.middlebox, isn);
    let out = 0;
    for (let at = 0; at < BENCH_BYTES; at += MSS) {
      const length = Math.min(MSS, BENCH_BYTES - at);
      const r = onData(config.middlebox, mb, conn, { seq: seqAdd(isn, at), length, fin: at + length === BENCH_BYTES });
      mb = r.mb;
      if (r.out) {
        out += r.out.bytes.length;
        mb = onAck(config.middlebox, mb, conn, { ack: seqAdd(r.out.seq, r.out.bytes.length) }).mb;
      }
    }
    const middleboxSeconds = (performance.now() - t) / 1_000;
    if (out !== conn.expected.length) throw new Error(`${name}: the middlebox forwarded ${out} bytes, the rewrite has ${conn.expected.length}`);
    // End to end: sender, channels, middlebox, receiver, and every spec on every step.
    t = performance.now();
    const events = driveTcp(config, { isn, stream, sizes: [MSS], faults: [], schedule: [], policy: 0 });
    const outcome = runTrace(tcpModel, config, TCP_SPECS, events);
    if (outcome.violation) throw new Error(`${name}: ${outcome.violation.message}`);
    const endToEndSeconds = (performance.now() - t) / 1_000;
    return { rewriter: name, middleboxBytesPerSecond: BENCH_BYTES / middleboxSeconds, endToEndBytesPerSecond: BENCH_BYTES / endToEndSeconds, events: events.length };
  });
}
