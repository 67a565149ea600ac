/**
 * Lemmas in worker threads (proofs/in-worker.ts): a proof comes back as before; a worker that aborts,
 * throws, hangs or exits is an error naming the lemma, at once or when the watchdog stops it — never a
 * hang; and `nfcheck prove` says so in one line on stderr and exits 2, after proving the other lemmas.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setOutputSink } from "../cli/output.ts";
import { proveLemmas } from "../cli/commands/prove.ts";
import { LEMMA_ENTRIES, type LemmaEntry } from "./index.ts";
import { LemmaCrashed, proveInWorker, type LemmaRef } from "./in-worker.ts";
import type { Lemma } from "./lemma.ts";
import { throwingLemma } from "./test/misbehaving-lemmas.ts";

const fixture = (name: string): LemmaRef => ({ module: new URL("./test/misbehaving-lemmas.ts", import.meta.url).href, export: name });

/** The failure of a lemma in its worker, and how long it took to come back. */
async function crash(ref: LemmaRef, stallMs?: number): Promise<{ message: string; ms: number }> {
  const started = performance.now();
  try {
    await proveInWorker("test", ref, stallMs !== undefined ? { stallMs } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(LemmaCrashed);
    return { message: (e as Error).message, ms: performance.now() - started };
  }
  throw new Error("the lemma came back with a verdict");
}

afterEach(() => setOutputSink((stream, text) => process[stream].write(text)));

describe("lemmas in worker threads", () => {
  it("every lemma of nfcheck prove is made again, by name, from its reference", async () => {
    for (const { lemma, ref } of LEMMA_ENTRIES) {
      const make = (await import(ref.module) as Record<string, (...a: unknown[]) => Lemma>)[ref.export]!;
      expect(make(...(ref.args ?? [])).name).toBe(lemma.name);
    }
  });

  it("a lemma proved in its worker comes back as proved, with its cases counted", async () => {
    const throughput = LEMMA_ENTRIES.find((e) => e.lemma.name === "throughput-monotone")!;
    const cases: number[] = [];
    const r = await proveInWorker(throughput.lemma.name, throughput.ref, { onCase: (done) => cases.push(done) });
    expect(r).toMatchObject({ status: "proved", cases: 2 });
    expect(cases).toEqual([0, 1]);
  });

  it("a lemma of more cases than a worker takes is proved batch by batch, each case once and in order; a refutation in a later batch comes back", async () => {
    const ring = LEMMA_ENTRIES.find((e) => e.lemma.name === "ring-order")!;
    const cases: number[] = [];
    const r = await proveInWorker("ring-order", { ...ring.ref, args: ["index", [1, 2, 3, 4]] }, { casesPerWorker: 6, onCase: (done) => cases.push(done) });
    expect(r).toMatchObject({ status: "proved", cases: 12 });
    expect(cases).toEqual(Array.from({ length: 12 }, (_, i) => i));
    // H = 1's three cases are the first batch: the refuted case of H = 2 is in the second.
    const wrong = await proveInWorker("ring-order", { ...ring.ref, args: ["row-0", [1, 2, 3]] }, { casesPerWorker: 3 });
    expect(wrong).toMatchObject({ status: "refuted", case: "H = 2 (read)" });
  });

  it("an abort inside the worker (an uncaught RuntimeError, as Z3's) is an error naming the lemma, at once", async () => {
    const { message, ms } = await crash(fixture("abortingLemma"), 600_000);
    expect(message).toMatch(/^lemma test: the Z3 worker crashed in case 1\/1: RuntimeError: Aborted\(Cannot enlarge memory arrays\)$/);
    expect(ms).toBeLessThan(60_000); // the watchdog's limit is ten minutes here: the crash itself was seen
  });

  it("an exception of the lemma's own code is an error naming the lemma and the case", async () => {
    expect((await crash(fixture("throwingLemma"))).message).toBe("lemma test: threw RangeError: no such ring (in case 1/1)");
  });

  it("a worker that exits without an answer is an error with its exit code", async () => {
    expect((await crash(fixture("exitingLemma"))).message).toBe("lemma test: the Z3 worker stopped before its first case (exit code 7) without an answer");
  });

  it("a worker that hangs is stopped by the watchdog", async () => {
    const { message, ms } = await crash(fixture("hangingLemma"), 1_500);
    expect(message).toMatch(/^lemma test: no answer from the Z3 worker in case 1\/1 for \d+ s \(Z3's limit per query is 20 s\): stopped it$/);
    expect(ms).toBeGreaterThanOrEqual(1_500);
  });

  it("nfcheck prove: a crashed lemma is one line on stderr and exit code 2, and the other lemmas are still proved", async () => {
    const out: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };
    setOutputSink((stream, text) => { out[stream] += text; });
    const crashing: LemmaEntry = { lemma: throwingLemma(), ref: fixture("throwingLemma") };
    const throughput = LEMMA_ENTRIES.find((e) => e.lemma.name === "throughput-monotone")!;
    const code = await proveLemmas([crashing, throughput], 20_000, false);
    expect(code).toBe(2);
    expect(out.stderr).toBe("nfcheck: lemma test-throwing: threw RangeError: no such ring (in case 1/1)\n");
    expect(out.stdout).toMatch(/^✓ throughput-monotone: proved \(2 cases, /);
  });
});
