/**
 * Heavy-hitter monitor (SCR Table 1: key 5-tuple, value flow size, 18 B of metadata): adds up the bytes
 * of every 5-tuple and flags the packets of a flow once its size exceeds the threshold. Packets always
 * pass; the verdict says whether the packet belongs to a heavy hitter.
 */
import { fiveTupleKey, type Packet } from "../packet.ts";
import type { ScrProgram } from "../program.ts";
import { emptyTable, setEntry } from "./persistent-map.ts";

export type FlowBytes = ReadonlyMap<string, number>;
/** 5-tuple (13 B) and the packet length. */
export interface SizeMeta {
  readonly flow: string;
  readonly length: number;
}
export type HeavyHitterVerdict = "PASS" | "PASS_HEAVY";
export const HEAVY_HITTER_BYTES = 64 * 1024;

export function makeHeavyHitter(thresholdBytes = HEAVY_HITTER_BYTES): ScrProgram<FlowBytes, SizeMeta, HeavyHitterVerdict> {
  const add = (s: FlowBytes, m: SizeMeta) => setEntry(s, m.flow, (s.get(m.flow) ?? 0) + m.length);
  const extract = (p: Packet): SizeMeta => ({ flow: fiveTupleKey(p), length: p.length });
  return {
    name: "heavy-hitter monitor",
    metaBytes: 18,
    init: () => emptyTable(),
    extract,
    fastForward: add,
    process(s, p) {
      const m = extract(p);
      const state = add(s, m);
      return { state, verdict: state.get(m.flow)! > thresholdBytes ? "PASS_HEAVY" : "PASS" };
    },
  };
}

export default makeHeavyHitter();
