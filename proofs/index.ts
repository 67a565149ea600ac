/** The lemmas `nfcheck prove` proves, and the checks `nfcheck verify` runs for them. */
import type { Check } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { countOf } from "../core/report.ts";
import { FCB_LAYOUT_LEMMA, fcbLayoutLemma } from "./fcb-layout.ts";
import { proveLemma, type Lemma } from "./lemma.ts";
import { recoveryAtomicityLemma, RECOVERY_BMC_LEMMA } from "./recovery-bmc.ts";
import { ringLemma } from "./ring.ts";
import { tcpMappingLemma, tcpPruneLemma, TCP_MAPPING_LEMMA, TCP_PRUNE_LEMMA } from "./tcp-mapping.ts";
import { throughputLemma } from "./throughput.ts";

export const LEMMAS: readonly Lemma[] = [ringLemma(), throughputLemma(), recoveryAtomicityLemma(), tcpMappingLemma(), tcpPruneLemma(), fcbLayoutLemma()];

/** The model a lemma speaks about, for its check. */
function modelOf(lemma: Lemma): string {
  if (lemma.name.startsWith("ring")) return "scr.sequencer";
  if (lemma.name.startsWith(RECOVERY_BMC_LEMMA)) return "scr.recovery";
  if (lemma.name.startsWith(TCP_MAPPING_LEMMA) || lemma.name.startsWith(TCP_PRUNE_LEMMA)) return "tcp";
  if (lemma.name.startsWith(FCB_LAYOUT_LEMMA)) return "flow";
  return "cost.scr";
}

export function lemmaCheck(lemma: Lemma, model: string, o: { readonly idSuffix?: string; readonly timeoutMs?: number } = {}): Check {
  return {
    id: `proof/${lemma.name}${o.idSuffix ?? ""}`,
    model,
    property: lemma.name,
    expect: "pass",
    async run(ctx) {
      const r = await proveLemma(lemma, o.timeoutMs, (done, of) => ctx.progress?.(`case ${done + 1}/${of}`));
      if (r.status === "proved") return { status: "pass", work: countOf(r.cases, "case"), timeMs: r.timeMs };
      if (r.status === "unknown") return { status: "incomplete", work: r.case, timeMs: r.timeMs, message: `Z3 gave no answer on ${r.case}: ${r.reason}` };
      return { status: "violation", work: r.case, timeMs: r.timeMs, message: `${r.case}: ${r.explanation}`, violation: { property: lemma.name, message: r.explanation, afterEvents: 0 } };
    },
  };
}

/** Z3's time limit per query for the deep profile's lists of two modifications (their slowest take 34–44 s). */
export const DEEP_TCP_TIMEOUT_MS = 120_000;

/** Every lemma; the deep profile adds the TCP laws for lists of two modifications (several minutes). */
export function proofChecks(profile?: Profile): Check[] {
  const checks = LEMMAS.map((l) => lemmaCheck(l, modelOf(l)));
  if (profile?.name === "deep") {
    for (const lemma of [tcpMappingLemma({ sizes: [2] }), tcpPruneLemma({ sizes: [2] })]) {
      checks.push(lemmaCheck(lemma, "tcp", { idSuffix: "/n=2", timeoutMs: DEEP_TCP_TIMEOUT_MS }));
    }
  }
  return checks;
}
