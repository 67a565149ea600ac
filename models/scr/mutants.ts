/**
 * Broken variants of the SCR design (ARCHITECTURE §3, Mutants), each with the property that must catch it.
 * `nfcheck mutants` runs them all; a property that kills none is not finished.
 */
import type { AnyScrProgram } from "./program.ts";
import type { ScrConfigJson } from "./config.ts";
import conntrack, { extractConntrackMeta } from "./programs/conntrack.ts";
import { makeTokenBucket } from "./programs/token-bucket.ts";

/** Broken programs, resolvable by name like the built-in ones. */
export const MUTANT_PROGRAMS: Readonly<Record<string, AnyScrProgram>> = {
  /** Reads the core's clock for the current packet, the stamp for history (the public eBPF code; SCR §3.4). */
  "token-bucket-core-clock": makeTokenBucket("core-clock"),
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
  { name: "conntrack-no-flags", description: "connection tracker whose metadata omits the TCP flags", config: { program: { builtin: "conntrack-no-flags" }, cores: 1 }, kills: "sufficiency" },
];
