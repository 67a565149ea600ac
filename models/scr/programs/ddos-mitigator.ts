/**
 * DDoS mitigator (SCR Table 1: key source IP, value count, 4 B of metadata): counts the packets of every
 * source and drops a source's packets once its count exceeds the threshold. The metadata is the source IP
 * alone, so every packet counts, whatever its protocol.
 */
import type { Packet } from "../packet.ts";
import type { ScrProgram } from "../program.ts";
import { emptyTable, setEntry } from "./persistent-map.ts";

export type Counts = ReadonlyMap<number, number>;
export type DdosVerdict = "PASS" | "DROP";
/** Packets a source may send before it is dropped. */
export const DDOS_THRESHOLD = 200;

export function makeDdosMitigator(threshold = DDOS_THRESHOLD): ScrProgram<Counts, number, DdosVerdict> {
  const count = (s: Counts, srcIp: number) => setEntry(s, srcIp, (s.get(srcIp) ?? 0) + 1);
  return {
    name: "DDoS mitigator",
    metaBytes: 4,
    init: () => emptyTable(),
    extract: (p: Packet) => p.srcIp,
    fastForward: (s, srcIp) => count(s, srcIp),
    process(s, p) {
      const state = count(s, p.srcIp);
      return { state, verdict: state.get(p.srcIp)! > threshold ? "DROP" : "PASS" };
    },
  };
}

export default makeDdosMitigator();
