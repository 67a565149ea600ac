/**
 * `nfcheck prove [name]`: the Z3 lemmas, each proved for every case it names, or refuted with a
 * counterexample. Each lemma runs in a worker thread of its own (proofs/in-worker.ts): a lemma whose
 * worker crashes (a Z3 abort), throws or hangs is one line on stderr naming it, and exit code 2 once the
 * other lemmas are done.
 */
import { InputError } from "../../core/model.ts";
import { countOf, formatDuration, Progress } from "../../core/report.ts";
import { DEFAULT_PROOF_TIMEOUT_MS } from "../../core/z3.ts";
import { LEMMA_ENTRIES, lemmaOutcome, modelOf, type LemmaEntry } from "../../proofs/index.ts";
import { ranCheck, type CheckOutcome } from "../../core/check.ts";
import { checkResult, resultsJson } from "../../report/results.ts";
import { LemmaCrashed, proveInWorker } from "../../proofs/in-worker.ts";
import type { Lemma, LemmaResult } from "../../proofs/lemma.ts";
import { parsePositiveInt } from "../options.ts";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATION, say, warn } from "../output.ts";

export interface ProveOptions {
  readonly name?: string;
  readonly timeout?: string;
  readonly json?: boolean;
}

export function printLemmaResult(lemma: Lemma, r: LemmaResult): void {
  if (r.status === "proved") {
    say(`✓ ${lemma.name}: proved (${countOf(r.cases, "case")}, ${formatDuration(r.timeMs)})`);
    say(`    ${lemma.statement}  [${lemma.source}]`);
    return;
  }
  if (r.status === "unknown") {
    say(`? ${lemma.name}: no answer from Z3 on ${r.case} (${r.reason}); raise --timeout`);
    return;
  }
  say(`✗ ${lemma.name}: refuted at ${r.case}`);
  say(`    ${r.explanation}`);
  say(`    Z3 counterexample: ${Object.entries(r.counterexample).map(([k, v]) => `${k} = ${v}`).join(", ")}`);
}

export async function proveLemmas(entries: readonly LemmaEntry[], timeoutMs: number, json: boolean, stallMs?: number): Promise<number> {
  const results: { lemma: Lemma; result: LemmaResult }[] = [];
  const crashed: { lemma: Lemma; message: string }[] = [];
  for (const { lemma, ref } of entries) {
    const progress = json ? null : new Progress(lemma.name);
    try {
      const result = await proveInWorker(lemma.name, ref, { timeoutMs, onCase: (done, of) => progress?.update(`case ${done + 1}/${of}`), ...(stallMs !== undefined ? { stallMs } : {}) });
      progress?.done();
      results.push({ lemma, result });
      if (!json) printLemmaResult(lemma, result);
    } catch (e) {
      progress?.done();
      if (!(e instanceof LemmaCrashed)) throw e;
      crashed.push({ lemma, message: e.message });
      warn(`nfcheck: ${e.message}`);
    }
  }
  const code = crashed.length > 0 ? EXIT_BAD_INPUT : results.every((r) => r.result.status === "proved") ? EXIT_OK : EXIT_VIOLATION;
  if (json) {
    // Each lemma as a check (as verify runs it); `data.lemmas` adds its statement, source and Z3's counterexample.
    const asCheck = (lemma: Lemma, outcome: CheckOutcome) => checkResult({
      check: ranCheck(`proof/${lemma.name}`, modelOf(lemma), lemma.name),
      seed: 0, outcome, asExpected: outcome.status === "pass",
    });
    const checks = [
      ...results.map(({ lemma, result }) => asCheck(lemma, lemmaOutcome(lemma, result))),
      ...crashed.map(({ lemma, message }) => asCheck(lemma, { status: "error", work: "", timeMs: 0, message })),
    ];
    const lemmas = [...results, ...crashed].map(({ lemma, ...r }) => ({
      name: lemma.name, statement: lemma.statement, source: lemma.source,
      ...("result" in r && r.result.status === "refuted" ? { case: r.result.case, counterexample: r.result.counterexample } : {}),
    }));
    say(resultsJson({ command: "prove", exitCode: code, data: { lemmas } }, checks));
  }
  return code;
}

export async function proveCommand(o: ProveOptions): Promise<number> {
  const timeoutMs = o.timeout !== undefined ? parsePositiveInt(o.timeout, "--timeout") : DEFAULT_PROOF_TIMEOUT_MS;
  const entries = o.name === undefined ? LEMMA_ENTRIES : LEMMA_ENTRIES.filter(({ lemma: l }) => l.name === o.name || l.name.includes(o.name!));
  if (entries.length === 0) {
    throw new InputError(`no lemma named "${o.name}" (known: ${LEMMA_ENTRIES.map((e) => e.lemma.name).join(", ")})`);
  }
  return proveLemmas(entries, timeoutMs, o.json ?? false);
}
