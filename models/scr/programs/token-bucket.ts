/**
 * Token-bucket policer (SCR Table 1: key 5-tuple, value last packet timestamp and number of tokens,
 * 18 B of metadata). Per 5-tuple a bucket of at most CAPACITY tokens, refilled by one token per
 * NS_PER_TOKEN ns (the public eBPF version adds Δt >> 10 tokens, capacity 16); a packet that finds a token
 * takes it and passes, otherwise it is dropped. A new flow starts with a full bucket.
 *
 * Time: the design reads the sequencer's timestamp `ts`, carried in the metadata, so every replica
 * computes the same refill (SCR §3.4). The `core-clock` variant reads the core's own clock for the
 * current packet and the stamp for history entries — what the public eBPF code does — and replicas diverge.
 */
import { fiveTupleKey, type Packet } from "../packet.ts";
import type { CoreEnv, ScrProgram } from "../program.ts";
import { emptyTable, setEntry } from "./persistent-map.ts";

export const CAPACITY = 16;
export const NS_PER_TOKEN = 1_024;

export interface Bucket {
  readonly tokens: number;
  /** The time up to which refill has been credited. */
  readonly lastNs: number;
}
export type Buckets = ReadonlyMap<string, Bucket>;
export interface PolicerMeta {
  readonly flow: string;
  readonly ts: number;
}
export type PolicerVerdict = "PASS" | "DROP";

/** Refill up to `now`, then try to take one token. */
function police(s: Buckets, flow: string, now: number): { state: Buckets; passed: boolean } {
  const b = s.get(flow);
  let tokens = CAPACITY;
  let lastNs = now;
  if (b !== undefined) {
    const earned = Math.floor(Math.max(0, now - b.lastNs) / NS_PER_TOKEN);
    tokens = Math.min(CAPACITY, b.tokens + earned);
    // Credit whole tokens only, keeping the remainder; a full bucket forgets the remainder.
    lastNs = tokens === CAPACITY ? Math.max(now, b.lastNs) : b.lastNs + earned * NS_PER_TOKEN;
  }
  const passed = tokens >= 1;
  return { state: setEntry(s, flow, { tokens: passed ? tokens - 1 : tokens, lastNs }), passed };
}

export function makeTokenBucket(clock: "sequencer" | "core-clock" = "sequencer"): ScrProgram<Buckets, PolicerMeta, PolicerVerdict> {
  return {
    name: clock === "sequencer" ? "token-bucket policer" : "token-bucket policer (core clock)",
    metaBytes: 18,
    init: () => emptyTable(),
    extract: (p: Packet) => ({ flow: fiveTupleKey(p), ts: p.ts }),
    fastForward: (s, m) => police(s, m.flow, m.ts).state,
    process(s, p, env?: CoreEnv) {
      const now = clock === "core-clock" && env !== undefined ? env.clockNs : p.ts;
      const { state, passed } = police(s, fiveTupleKey(p), now);
      return { state, verdict: passed ? "PASS" : "DROP" };
    },
  };
}

export default makeTokenBucket();
