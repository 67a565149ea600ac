/** The lemmas `nfcheck prove` proves, and the checks `nfcheck verify` runs for them. */
import type { Check } from "../core/check.ts";
import { countOf } from "../core/report.ts";
import { proveLemma, type Lemma } from "./lemma.ts";
import { recoveryAtomicityLemma, RECOVERY_BMC_LEMMA } from "./recovery-bmc.ts";
import { ringLemma } from "./ring.ts";
import { tcpMappingLemma, tcpPruneLemma, TCP_MAPPING_LEMMA, TCP_PRUNE_LEMMA } from "./tcp-mapping.ts";
import { throughputLemma } from "./throughput.ts";

export const LEMMAS: readonly Lemma[] = [ringLemma(), throughputLemma(), recoveryAtomicityLemma(), tcpMappingLemma(), tcpPruneLemma()];

/** The model a lemma speaks about, for its check. */
function modelOf(lemma: Lemma): string {
  if (lemma.name.startsWith("ring")) return "scr.sequencer";
  if (lemma.name.startsWith(RECOVERY_BMC_LEMMA)) return "scr.recovery";
  if (lemma.name.startsWith(TCP_MAPPING_LEMMA) || lemma.name.startsWith(TCP_PRUNE_LEMMA)) return "tcp";
  return "cost.scr";
}

export function lemmaCheck(lemma: Lemma, model: string): Check {
  return {
    id: `proof/${lemma.name}`,
    model,
    property: lemma.name,
    expect: "pass",
    async run(ctx) {
      const r = await proveLemma(lemma, undefined, (done, of) => ctx.progress?.(`case ${done + 1}/${of}`));
      if (r.status === "proved") return { status: "pass", work: countOf(r.cases, "case"), timeMs: r.timeMs };
      if (r.status === "unknown") return { status: "incomplete", work: r.case, timeMs: r.timeMs, message: `Z3 gave no answer on ${r.case}: ${r.reason}` };
      return { status: "violation", work: r.case, timeMs: r.timeMs, message: `${r.case}: ${r.explanation}`, violation: { property: lemma.name, message: r.explanation, afterEvents: 0 } };
    },
  };
}

export function proofChecks(): Check[] {
  return LEMMAS.map((l) => lemmaCheck(l, modelOf(l)));
}
