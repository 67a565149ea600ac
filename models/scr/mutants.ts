/**
 * Broken variants of the SCR design (ARCHITECTURE §3, Mutants), each with the property that must catch it.
 * `nfcheck mutants` runs them all; a property that kills none is not finished.
 */
import type { AnyScrProgram } from "./program.ts";
import type { ScrConfigJson } from "./config.ts";
import { knock } from "./port-knocking-machine.ts";
import conntrack, { extractConntrackMeta, makeConntrack } from "./programs/conntrack.ts";
import ddosMitigator, { type Counts } from "./programs/ddos-mitigator.ts";
import portKnocking, { type KnockTable } from "./programs/port-knocking.ts";
import { makeTokenBucket } from "./programs/token-bucket.ts";

/**
 * Counts only every other call, with the parity kept outside its state (reset by `init`, so that a run
 * replays the same way from the start): the same state and packet, another answer.
 */
function ddosWithHiddenCounter(): AnyScrProgram {
  let calls = 0;
  return {
    ...ddosMitigator,
    name: "DDoS mitigator (samples every other call, counter outside the state)",
    init: () => {
      calls = 0;
      return ddosMitigator.init();
    },
    process: (s: Counts, p) => (++calls % 2 === 0 ? ddosMitigator.process(s, p) : { state: s, verdict: "PASS" }),
  };
}

/** Updates the knock table in place instead of returning a new one. */
const knockInPlace = (s: KnockTable, srcIp: number, dport: number): KnockTable =>
  (s as Map<number, ReturnType<typeof knock>>).set(srcIp, knock(s.get(srcIp) ?? "CLOSED_1", dport));

/** Broken programs, resolvable by name like the built-in ones. */
export const MUTANT_PROGRAMS: Readonly<Record<string, AnyScrProgram>> = {
  /** Reads the core's clock for the current packet, the stamp for history (the public eBPF code; SCR §3.4). */
  "token-bucket-core-clock": makeTokenBucket("core-clock"),
  /** Stamps the current packet's entry with the core's clock, history entries with the stamp (the public eBPF tracker). */
  "conntrack-core-clock": makeConntrack("core-clock"),
  "ddos-hidden-counter": ddosWithHiddenCounter(),
  "port-knocking-in-place": {
    ...portKnocking,
    name: "port-knocking firewall (updates its table in place)",
    // A Map, which can be written in place (the built-in program's persistent map refuses to be).
    init: () => new Map(),
    fastForward: (s: KnockTable, m) => (m.ipv4Tcp ? knockInPlace(s, m.srcIp, m.dport) : s),
    process(s: KnockTable, p) {
      const r = portKnocking.process(s, p);
      return { state: r.state === s ? s : knockInPlace(s, p.srcIp, p.dstPort), verdict: r.verdict };
    },
  },
  /** f(p) without the TCP flags: history entries cannot drive the state machine. */
  "conntrack-no-flags": {
    ...conntrack,
    name: "TCP connection tracker (metadata without flags)",
    extract: (p) => ({ ...extractConntrackMeta(p), flags: 0 }),
  },
};

export interface ScrMutant {
  readonly name: string;
  readonly description: string;
  readonly config: ScrConfigJson;
  /** The property that must break. */
  readonly kills: string;
}

export const SCR_MUTANTS: readonly ScrMutant[] = [
  { name: "ring-from-row-0", description: "the core reads the history from row 0 instead of from the index", config: { program: { builtin: "port-knocking" }, cores: 4, fault: "ring-from-row-0" }, kills: "scr-equivalence" },
  { name: "skip-oldest-entry", description: "fast-forward skips the oldest history entry", config: { program: { builtin: "ddos-mitigator" }, cores: 3, fault: "skip-oldest-entry" }, kills: "scr-equivalence" },
  { name: "current-twice", description: "fast-forward applies the current packet, which is then processed as well", config: { program: { builtin: "ddos-mitigator" }, cores: 3, fault: "current-twice" }, kills: "scr-equivalence" },
  { name: "history-verdicts", description: "verdicts are emitted for history entries too", config: { program: { builtin: "port-knocking" }, cores: 3, fault: "history-verdicts" }, kills: "scr-equivalence" },
  { name: "history-k-minus-2", description: "H = k − 2 rows with round-robin spraying", config: { program: { builtin: "ddos-mitigator" }, cores: 4, historyLength: 2 }, kills: "scr-equivalence" },
  { name: "rss-hash-spray", description: "RSS hash spraying with H = k − 1", config: { program: { builtin: "ddos-mitigator" }, cores: 4, spray: "rss-hash" }, kills: "scr-equivalence" },
  { name: "token-bucket-core-clock", description: "token bucket refilled from the core's own clock", config: { program: { builtin: "token-bucket-core-clock" }, cores: 2 }, kills: "scr-equivalence" },
  { name: "conntrack-core-clock", description: "connection tracker stamping entries with the core's own clock", config: { program: { builtin: "conntrack-core-clock" }, cores: 2 }, kills: "scr-equivalence" },
  { name: "conntrack-no-flags", description: "connection tracker whose metadata omits the TCP flags", config: { program: { builtin: "conntrack-no-flags" }, cores: 1 }, kills: "sufficiency" },
  { name: "ddos-hidden-counter", description: "DDoS mitigator that keeps part of its state outside the state", config: { program: { builtin: "ddos-hidden-counter" }, cores: 1 }, kills: "determinism" },
  { name: "port-knocking-in-place", description: "port knocking that updates its table in place", config: { program: { builtin: "port-knocking-in-place" }, cores: 1, watchInputs: true }, kills: "no-input-mutation" },
];
