/** `nfcheck prove [name]`: the Z3 lemmas, each proved for every case it names, or refuted with a counterexample. */
import { InputError } from "../../core/model.ts";
import { countOf, formatDuration, Progress } from "../../core/report.ts";
import { DEFAULT_PROOF_TIMEOUT_MS } from "../../core/z3.ts";
import { LEMMAS } from "../../proofs/index.ts";
import { proveLemma, type Lemma, type LemmaResult } from "../../proofs/lemma.ts";
import { parsePositiveInt } from "../options.ts";
import { EXIT_OK, EXIT_VIOLATION, say } from "../output.ts";

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

export async function proveLemmas(lemmas: readonly Lemma[], timeoutMs: number, json: boolean): Promise<number> {
  const results: { lemma: Lemma; result: LemmaResult }[] = [];
  for (const lemma of lemmas) {
    const progress = json ? null : new Progress(lemma.name);
    const result = await proveLemma(lemma, timeoutMs, (done, of) => progress?.update(`case ${done + 1}/${of}`));
    progress?.done();
    results.push({ lemma, result });
    if (!json) printLemmaResult(lemma, result);
  }
  if (json) say(JSON.stringify(results.map(({ lemma, result }) => ({ name: lemma.name, statement: lemma.statement, source: lemma.source, ...result })), null, 2));
  return results.every((r) => r.result.status === "proved") ? EXIT_OK : EXIT_VIOLATION;
}

export async function proveCommand(o: ProveOptions): Promise<number> {
  const timeoutMs = o.timeout !== undefined ? parsePositiveInt(o.timeout, "--timeout") : DEFAULT_PROOF_TIMEOUT_MS;
  const lemmas = o.name === undefined ? LEMMAS : LEMMAS.filter((l) => l.name === o.name || l.name.includes(o.name!));
  if (lemmas.length === 0) {
    throw new InputError(`no lemma named "${o.name}" (known: ${LEMMAS.map((l) => l.name).join(", ")})`);
  }
  return proveLemmas(lemmas, timeoutMs, o.json ?? false);
}
