/** The lemmas `nfcheck prove` proves, and the checks `nfcheck verify` runs for them. */
import type { Check, CheckOutcome } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { countOf } from "../core/report.ts";
import { FCB_LAYOUT_LEMMA, fcbLayoutLemma } from "./fcb-layout.ts";
import { proveInWorker, type LemmaRef } from "./in-worker.ts";
import type { Lemma, LemmaResult } from "./lemma.ts";
import { recoveryAtomicityLemma, RECOVERY_BMC_LEMMA } from "./recovery-bmc.ts";
import { ringLemma } from "./ring.ts";
import { tcpMappingLemma, tcpPruneLemma, TCP_MAPPING_LEMMA, TCP_PRUNE_LEMMA } from "./tcp-mapping.ts";
import { throughputLemma } from "./throughput.ts";

/** A lemma, and how its worker thread makes it again (proofs/in-worker.ts). */
export interface LemmaEntry {
  readonly lemma: Lemma;
  readonly ref: LemmaRef;
}

/** `make(...args)`, exported as `factory` by `file` (relative to this folder). */
function entry<A extends unknown[]>(file: string, factory: string, make: (...args: A) => Lemma, ...args: A): LemmaEntry {
  return { lemma: make(...args), ref: { module: new URL(file, import.meta.url).href, export: factory, args } };
}

export const LEMMA_ENTRIES: readonly LemmaEntry[] = [
  entry("./ring.ts", "ringLemma", ringLemma),
  entry("./throughput.ts", "throughputLemma", throughputLemma),
  entry("./recovery-bmc.ts", "recoveryAtomicityLemma", recoveryAtomicityLemma),
  entry("./tcp-mapping.ts", "tcpMappingLemma", tcpMappingLemma),
  entry("./tcp-mapping.ts", "tcpPruneLemma", tcpPruneLemma),
  entry("./fcb-layout.ts", "fcbLayoutLemma", fcbLayoutLemma),
];

export const LEMMAS: readonly Lemma[] = LEMMA_ENTRIES.map((e) => e.lemma);

/** The model a lemma speaks about, for its check. */
export function modelOf(lemma: Lemma): string {
  if (lemma.name.startsWith("ring")) return "scr.sequencer";
  if (lemma.name.startsWith(RECOVERY_BMC_LEMMA)) return "scr.recovery";
  if (lemma.name.startsWith(TCP_MAPPING_LEMMA) || lemma.name.startsWith(TCP_PRUNE_LEMMA)) return "tcp";
  if (lemma.name.startsWith(FCB_LAYOUT_LEMMA)) return "flow";
  return "cost.scr";
}

/** A check that proves the lemma in a worker thread of its own; a crash of the worker is the check's error. */
export function lemmaCheck({ lemma, ref }: LemmaEntry, model: string, o: { readonly idSuffix?: string; readonly timeoutMs?: number } = {}): Check {
  return {
    id: `proof/${lemma.name}${o.idSuffix ?? ""}`,
    model,
    property: lemma.name,
    expect: "pass",
    async run(ctx) {
      return lemmaOutcome(lemma, await proveInWorker(lemma.name, ref, { ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}), onCase: (done, of) => ctx.progress?.(`case ${done + 1}/${of}`) }));
    },
  };
}

/** A lemma's result as a check's outcome (verify's check, prove's JSON). */
export function lemmaOutcome(lemma: Lemma, r: LemmaResult): CheckOutcome {
  if (r.status === "proved") return { status: "pass", work: countOf(r.cases, "case"), measures: { cases: r.cases }, timeMs: r.timeMs };
  if (r.status === "unknown") return { status: "incomplete", work: r.case, timeMs: r.timeMs, message: `Z3 gave no answer on ${r.case}: ${r.reason}` };
  return { status: "violation", work: r.case, timeMs: r.timeMs, message: `${r.case}: ${r.explanation}`, violation: { property: lemma.name, message: r.explanation, afterEvents: 0 } };
}

/** Z3's time limit per query for the deep profile's lists of two modifications (their slowest take 34–44 s). */
export const DEEP_TCP_TIMEOUT_MS = 120_000;

/** Every lemma; the deep profile adds the TCP laws for lists of two modifications (several minutes). */
export function proofChecks(profile?: Profile): Check[] {
  const checks = LEMMA_ENTRIES.map((e) => lemmaCheck(e, modelOf(e.lemma)));
  if (profile?.name === "deep") {
    for (const e of [entry("./tcp-mapping.ts", "tcpMappingLemma", tcpMappingLemma, { sizes: [2] }), entry("./tcp-mapping.ts", "tcpPruneLemma", tcpPruneLemma, { sizes: [2] })]) {
      checks.push(lemmaCheck(e, "tcp", { idSuffix: "/n=2", timeoutMs: DEEP_TCP_TIMEOUT_MS }));
    }
  }
  return checks;
}
