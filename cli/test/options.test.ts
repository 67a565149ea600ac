/**
 * `nfcheck explore <model>`'s options, called directly (a bad option is an InputError, exit 2 on the command
 * line): every bad value gets one line that names the option, and the largest value an option takes is
 * one the model's config takes too (else the config schema's own words would reach the user). Commander's
 * own errors are one line too; verify's and mutants' --out keeps its old name, --save, hidden.
 */
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { InputError } from "../../core/model.ts";
import { configFields, type AnySystem } from "../../core/system.ts";
import { loadSystems } from "../../systems/registry.ts";
import { configFromOptions, kebab } from "../system-options.ts";
import { nfcheck, resultsOf, tmp } from "./run-cli.ts";
import { parseIntListOption, parseIntOption } from "../options.ts";

const systems = await loadSystems();
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The flag that sets a field: the system's own (`--slots` for slotsPerServer), else `--<field>`. */
function flagOf(system: AnySystem, field: string): string {
  const own = system.flags?.find((f) => f.field === field);
  return own ? own.flags.split(" ")[0]! : `--${kebab(field)}`;
}

/** The message of the InputError the options are rejected with. */
async function rejection(system: AnySystem, o: Record<string, unknown>): Promise<string> {
  const e = await configFromOptions(system, { preset: "default", ...o }, tmpdir()).then(() => null, (x: unknown) => x);
  expect(e, `${system.name} ${JSON.stringify(o)} was accepted`).toBeInstanceOf(InputError);
  return (e as InputError).message;
}

/** [system, field, flag, smallest, largest] of every integer field, read from the schema's own words. */
const INTEGER_FIELDS = systems.flatMap((system) => configFields(system).flatMap((f) => {
  const range = /^an integer from (-?[\d,]+) to (-?[\d,]+)(?:, or null)?$/.exec(f.type) ?? /^an integer of at least (-?\d+)(?:, or null)?$/.exec(f.type);
  if (!range || f.kind !== "number") return [];
  const num = (t: string | undefined) => (t === undefined ? Number.MAX_SAFE_INTEGER : Number(t.replace(/,/g, "")));
  return [[system, f.name, flagOf(system, f.name), num(range[1]), num(range[2])] as const];
}));

describe("explore options, generated from each system's config schema", () => {
  it("cover every integer field of every system", () => {
    // Each built-in system has integer fields; a schema whose words the pattern above no longer reads would drop them silently.
    for (const system of systems) expect(INTEGER_FIELDS.some(([s]) => s === system), system.name).toBe(true);
  });

  it.each(INTEGER_FIELDS.map(([s, field, flag, min, max]) => [s.name, field, flag, min, max, s] as const))("%s %s: a bad value is one line naming %s and the field; the largest value is taken", async (_, field, flag, min, max, system) => {
    const key = camel(flag.replace(/^--/, ""));
    const bad = ["abc", "1.5", "0x10", String(min - 1), ...(max < Number.MAX_SAFE_INTEGER ? [String(max + 1)] : [])];
    for (const value of bad) {
      const message = await rejection(system, { [key]: value });
      expect(message).not.toContain("\n");
      expect(message).toMatch(new RegExp(`^${flag} ${value.replace(".", "\\.")}: ${field} must be an integer (from|of at least) .*, got ("${value}"|${value})$`));
    }
    if (max < Number.MAX_SAFE_INTEGER) await configFromOptions(system, { preset: "default", [key]: String(max) }, tmpdir());
  });

  it("reject a value a choice does not know, naming the field", async () => {
    for (const system of systems) {
      for (const f of configFields(system).filter((x) => x.type.startsWith("one of"))) {
        expect(await rejection(system, { [camel(kebab(f.name))]: "x" })).toMatch(new RegExp(`^${flagOf(system, f.name)} x: ${f.name} must be one of [^\\n]+, got "x"$`));
      }
    }
  });

  it("say which fields a system has when --set names none of them, and what a field takes", async () => {
    const ribosome = systems.find((s) => s.name === "ribosome")!;
    expect(await rejection(ribosome, { set: ["pool=2"] })).toMatch(/^--set pool=2: ribosome has no config field "pool" \(its fields: packets, sizes, .*\)$/);
    expect(await rejection(ribosome, { set: ["packets"] })).toBe('--set takes field=value, got "packets"');
    expect(await rejection(ribosome, { set: ["tagCheck=maybe"] })).toBe('--set tagCheck=maybe: tagCheck must be true or false, got "maybe"');
    expect(await rejection(ribosome, { set: ["sizes=64,x"] })).toMatch(/^--set sizes=64,x: sizes must be a comma-separated list of integers from 1 to 65,535, got \[64,"x"\]$/);
    expect(await configFromOptions(ribosome, { preset: "default", set: ["sizes=64,1500", "headerBuffer=overwrite"], tagCheck: false }, tmpdir()))
      .toMatchObject({ sizes: [64, 1_500], headerBuffer: "overwrite", tagCheck: false, packets: 4 });
  });

  it("say in plain words that the header length beyond the split threshold leaves no payload", async () => {
    const ribosome = systems.find((s) => s.name === "ribosome")!;
    const json = await configFromOptions(ribosome, { preset: "default", threshold: "40" }, tmpdir());
    await expect(ribosome.resolveConfig(json, { baseDir: tmpdir() })).rejects.toThrow(new InputError("the header length (54 B) must not exceed the split threshold (40 B): a split packet would have no payload"));
  });
});

describe("option values", () => {
  it("take integers in decimal digits only, and lists of them", () => {
    expect(parseIntOption(" 7 ", "--n")).toBe(7);
    expect(() => parseIntOption("1e3", "--n")).toThrow(new InputError('--n must be a positive integer, got "1e3"'));
    expect(() => parseIntOption("-1", "--n", 0)).toThrow(new InputError('--n must be an integer of at least 0, got "-1"'));
    expect(parseIntListOption("64,400", "--sizes", 1, 65_535)).toEqual([64, 400]);
    expect(() => parseIntListOption("64,,400", "--sizes", 1, 65_535)).toThrow(new InputError('--sizes must be a comma-separated list of integers from 1 to 65535, got "64,,400"'));
  });
});

describe("commander's own errors", () => {
  /** What `nfcheck …args` writes on stderr, and its exit code, for an error found while parsing (nothing runs). */
  async function parseError(...args: string[]): Promise<{ code: number; stderr: string }> {
    const { code, stderr } = await nfcheck(args);
    return { code, stderr };
  }

  it("are one line with a hint, exit 2", async () => {
    expect(await parseError("scr", "design.ts", "--bogus")).toEqual({ code: 2, stderr: "nfcheck: unknown option '--bogus' (nfcheck scr --help lists its options)\n" });
    expect(await parseError("verify", "--shards", "2/4")).toEqual({ code: 2, stderr: "nfcheck: unknown option '--shards' (Did you mean --shard?) (nfcheck verify --help lists its options)\n" });
    expect(await parseError("nope")).toEqual({ code: 2, stderr: "nfcheck: unknown command 'nope' (nfcheck --help lists the commands)\n" });
  });
});

describe("--out", () => {
  it("is what verify and mutants show; --save, its old name, still works but is not shown", async () => {
    for (const command of ["verify", "mutants"]) {
      const help = (await nfcheck([command, "--help"])).stdout;
      expect(help).toMatch(/^  --out <dir> /m);
      expect(help).not.toContain("--save");
    }
    const out = await tmp();
    expect((await nfcheck(["mutants", "--only", "current-twice", "--save", out])).code).toBe(0);
    expect(await readdir(out)).toEqual(["current-twice.json"]);
  });
});

describe("nfcheck list, and explore's config errors", () => {
  it("a config field the system does not have, or a bad value, is one line naming the field (exit 2)", async () => {
    const pool = await nfcheck(["explore", "flow", "--set", "pool=banana"]);
    expect(pool.code).toBe(2);
    expect(pool.stderr).toBe('nfcheck: --set pool=banana: pool must be an integer from 1 to 1,048,576, got "banana"\n');
    const unknown = await nfcheck(["explore", "ribosome", "--set", "pool=2"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^nfcheck: --set pool=2: ribosome has no config field "pool" \(its fields: packets, [^\n]*\)\n$/);
    const property = await nfcheck(["explore", "ribosome", "--property", "no-such"]);
    expect(property.code).toBe(2);
    expect(property.stderr).toMatch(/^nfcheck: --property no-such: ribosome has no property "no-such" \(its properties: [^\n]*no-mix-up[^\n]*\)\n$/);
  });

  it("list names the five systems; list ribosome shows its fields, properties and the faults that kill them", async () => {
    const all = await nfcheck(["list"]);
    expect(all.code, all.stderr).toBe(0);
    for (const name of ["scr", "scr.recovery", "tcp", "flow", "ribosome"]) expect(all.stdout).toMatch(new RegExp(`^${name.replace(".", "\\.")}\\s`, "m"));
    const one = await nfcheck(["list", "ribosome"]);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^headerSlots\s+--header-slots\s+an integer from 1 to 1,048,576\s+2000\s+3\s+header slots \(IDs\) at the switch$/m);
    expect(one.stdout).toMatch(/^tagCheck\s+--\[no-\]tag-check\s+true or false\s+true\s+/m);
    expect(one.stdout).toMatch(/^no-mix-up\s+no-tag-check, oldest-waiting\s+/m);
    expect(one.stdout).toMatch(/^round-robin-stuck\s+bounded-buffers\s+the round-robin choice of server never advances$/m);
    const json = resultsOf(await nfcheck(["list", "ribosome", "--json"])).data as { faults: { name: string; kills: string }[] };
    expect(json.faults.find((f) => f.name === "split-offset-off-by-one")?.kills).toBe("byte-equivalence");
  });

  it("a bad NFCHECK_PROGRESS_AFTER_MS is a one-line error (exit 2) before any command runs", async () => {
    const saved = process.env["NFCHECK_PROGRESS_AFTER_MS"];
    try {
      for (const bad of ["soon", "-1", "1.5"]) {
        process.env["NFCHECK_PROGRESS_AFTER_MS"] = bad;
        const r = await nfcheck(["list"]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toBe(`nfcheck: NFCHECK_PROGRESS_AFTER_MS must be a whole number of milliseconds, 0 or more, not "${bad}"\n`);
      }
      process.env["NFCHECK_PROGRESS_AFTER_MS"] = "0";
      expect((await nfcheck(["list"])).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env["NFCHECK_PROGRESS_AFTER_MS"];
      else process.env["NFCHECK_PROGRESS_AFTER_MS"] = saved;
    }
  });

});
