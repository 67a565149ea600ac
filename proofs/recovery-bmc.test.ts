/**
 * The Z3 bounded model check of Alg. 1 (proofs/recovery-bmc.ts) against the explorer on the executable
 * model: for each configuration both must reach the same verdict (atomicity at quiescence, no deadlock),
 * and a refutation must be a run the executable model replays to the same violation.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../core/explore.ts";
import { toRecoveryConfig, type RecoveryConfigJson } from "../models/scr/recovery-config.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { recoveryModel } from "../models/scr/recovery.ts";
import { atomicity } from "../specs/scr-recovery.ts";
import { LEMMAS } from "./index.ts";
import { proveLemma, type LemmaResult } from "./lemma.ts";
import { recoveryAtomicityLemma, RECOVERY_BMC_LEMMA, runBound, type RecoveryBmcOptions } from "./recovery-bmc.ts";

const program = SCR_PROGRAMS["port-knocking"]!;
type Json = Omit<RecoveryConfigJson, "cores" | "packets"> & { readonly cores?: number };

/** The explorer on recoveryModel, configured as a counterexample file would be. */
function explorer(json: Json, M: number) {
  const config = toRecoveryConfig({ ...json, cores: json.cores ?? 2, packets: M }, program);
  return { config, result: explore({ model: recoveryModel, config, specs: [atomicity] }) };
}

async function z3(options: RecoveryBmcOptions, M: number): Promise<LemmaResult> {
  return proveLemma(recoveryAtomicityLemma({ ...options, packets: [M] }), 120_000);
}

/** Same verdict from both; a refutation's run, replayed in the model, violates what the explorer found. */
async function expectAgreement(json: Json, M: number): Promise<{ explored: "pass" | "violation"; proof: LemmaResult }> {
  const { result } = explorer(json, M);
  expect(result.status, `explorer, M = ${M}`).not.toBe("incomplete");
  const proof = await z3(json, M);
  const explored = result.status === "pass" ? "pass" : "violation";
  expect(proof.status, `${JSON.stringify(json)}, M = ${M}: the explorer says ${explored}`).toBe(explored === "pass" ? "proved" : "refuted");
  if (proof.status === "refuted" && result.status === "violation") {
    expect(proof.explanation).not.toMatch(/disagree/);
    if (result.violation.property === atomicity.name) expect(proof.explanation).toMatch(/core \d applied #\d+, core \d did not \(every core has passed #\d+\)/);
    else expect(proof.explanation).toMatch(/deadlock/);
  }
  return { explored, proof };
}

describe("Z3 BMC of SCR loss recovery (App. B, Alg. 1, Theorem 1)", () => {
  it("Alg. 1 with k = 2: Z3 proves atomicity and termination for M = 1..5, every loss pattern and interleaving; the explorer agrees", async () => {
    const r = await proveLemma(recoveryAtomicityLemma());
    expect(r).toMatchObject({ status: "proved", cases: 5 });
    for (let M = 1; M <= 5; M++) {
      const { config, result } = explorer({}, M);
      expect(result.status, `explorer, M = ${M}`).toBe("pass");
      // The explorer's depth (the farthest state, by shortest path) is a lower bound on the longest run.
      expect(runBound(config)).toBeGreaterThanOrEqual(result.depth);
    }
  });

  it("is one of the lemmas `nfcheck prove` and `nfcheck verify` run", () => {
    expect(LEMMAS.map((l) => l.name)).toContain(RECOVERY_BMC_LEMMA);
  });

  it("a bound one event short of the longest run is refuted, not proved: the claim checks T", async () => {
    const r = await proveLemma(recoveryAtomicityLemma({ packets: [3], bound: (c) => runBound(c) - 1 }));
    expect(r.status).toBe("refuted");
    if (r.status !== "refuted") return;
    expect(r.explanation).toMatch(/the bound is too small/);
  });

  it("fault not-init-as-lost: same verdict as the explorer for M = 1..4; the smallest M the explorer breaks is refuted by Z3", async () => {
    const runs: Awaited<ReturnType<typeof expectAgreement>>[] = [];
    for (let M = 1; M <= 4; M++) runs.push(await expectAgreement({ fault: "not-init-as-lost" }, M));
    const smallest = runs.findIndex((r) => r.explored === "violation") + 1;
    expect(smallest).toBe(3);
    const { proof } = runs[smallest - 1]!;
    expect(proof.status).toBe("refuted");
    if (proof.status !== "refuted") return;
    expect(proof.case).toBe("k = 2, M = 3");
    expect(proof.explanation).toMatch(/packets? #\d+(, #\d+)* lost/);
    expect(proof.counterexample["quiescent@T"]).toBe("true");
  });

  it("fault history-not-applied: same verdict as the explorer for M = 2, 3", async () => {
    expect((await expectAgreement({ fault: "history-not-applied" }, 2)).explored).toBe("pass");
    expect((await expectAgreement({ fault: "history-not-applied" }, 3)).explored).toBe("violation");
  });

  it("fault lost-everywhere-after-one: harmless with k = 2 (one other core), refuted with k = 3 at M = 5, as the explorer finds", async () => {
    for (const M of [3, 4]) expect((await expectAgreement({ fault: "lost-everywhere-after-one" }, M)).explored).toBe("pass");
    expect((await expectAgreement({ cores: 3, fault: "lost-everywhere-after-one" }, 3)).explored).toBe("pass");
    expect((await expectAgreement({ cores: 3, fault: "lost-everywhere-after-one" }, 5)).explored).toBe("violation");
  });

  it("the other options and faults of the model: same verdict as the explorer for M = 2, 3", async () => {
    const variants: Json[] = [
      { tailAssumption: false }, // a core waits forever for a sequence every core lost: deadlock at M = 3
      { recovery: false },
      { reorder: true },
      { reorder: true, maxUpdate: "max" },
      { streamEnd: "any-time" },
      { historyLength: 1 },
      { historyLength: 3, tailAssumption: false, lossBudget: 1 },
      { fault: "max-advanced-early" },
      { fault: "minseq-off-by-one" },
      { fault: "recovery-out-of-order" },
    ];
    const seen = new Set<string>();
    for (const json of variants) for (const M of [2, 3]) seen.add((await expectAgreement(json, M)).explored);
    expect([...seen].sort()).toEqual(["pass", "violation"]);
  });
});
