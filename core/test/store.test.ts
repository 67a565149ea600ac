import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COUNTEREXAMPLE_SCHEMA, type Counterexample } from "../counterexample.ts";
import { InputError } from "../model.ts";
import { loadCounterexample, saveCounterexample, writeFileAtomic } from "../store.ts";

const sample: Counterexample = {
  schema: COUNTEREXAMPLE_SCHEMA, model: "toy.counter", config: { max: 10 }, property: "not-forbidden", found: "random",
  seed: 42, path: "3:1:0", expect: "violation", events: [{ type: "add", by: 2 }], violation: "reached the forbidden value 2",
};

async function dir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "nfcheck-store-"));
}

async function loadError(text: string): Promise<string> {
  const d = await dir();
  await writeFile(join(d, "cx.json"), text);
  const e = await loadCounterexample(join(d, "cx.json")).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  return (e as Error).message;
}

describe("counterexample files", () => {
  it("round-trip through save and load, under a stable name, leaving no temporary file", async () => {
    const d = await dir();
    const path = await saveCounterexample(d, sample);
    expect(await saveCounterexample(d, sample)).toBe(path);
    expect(await loadCounterexample(path)).toEqual(sample);
    expect(await readdir(d)).toEqual([path.slice(d.length + 1)]);
  });

  it("are written atomically: a failed write leaves the old file and no temporary file", async () => {
    const d = await dir();
    const target = join(d, "out.json");
    await writeFileAtomic(target, "old");
    await expect(writeFileAtomic(join(target, "child.json"), "new")).rejects.toThrow();
    expect(await readFile(target, "utf8")).toBe("old");
    expect(await readdir(d)).toEqual(["out.json"]);
  });

  it("that are missing, a directory, not JSON, of another schema or incomplete give a clear error", async () => {
    await expect(loadCounterexample("/nonexistent/cx.json")).rejects.toThrow("/nonexistent/cx.json: no such file");
    const d = await dir();
    await expect(loadCounterexample(d)).rejects.toThrow(new InputError(`${d}: is a directory, not a JSON file`));
    expect(await loadError("{ not json")).toMatch(/cx\.json: not JSON/);
    expect(await loadError(JSON.stringify({ ...sample, schema: "nfcheck/counterexample@9" }))).toMatch(/unknown schema "nfcheck\/counterexample@9"/);
    expect(await loadError(JSON.stringify({ name: "a package.json", version: "1.0.0" }))).toMatch(/cx\.json: not an nfcheck counterexample \(it has no "schema"/);
    const incomplete = { ...sample, expect: "maybe", events: "none" } as Record<string, unknown>;
    delete incomplete["property"];
    const message = await loadError(JSON.stringify(incomplete));
    expect(message).toMatch(/counterexample is not valid/);
    expect(message).toMatch(/property: is missing/);
    expect(message).toMatch(/expect: Expected "violation" \| "pass", actual "maybe"/);
    expect(message).toMatch(/events: Expected ReadonlyArray<unknown>, actual "none"/);
  });

  it("reject fields the format does not have", async () => {
    expect(await loadError(JSON.stringify({ ...sample, sed: 1 }))).toMatch(/sed: is unexpected/);
  });
});
