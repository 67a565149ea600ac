/**
 * `nfcheck explore <model>`'s options, called directly (a bad option is an InputError, exit 2 on the command
 * line): every bad value gets one line that names the option, and the largest value an option takes is
 * one the model's config takes too (else the config schema's own words would reach the user). Commander's
 * own errors are one line too; verify's and mutants' --out keeps its old name, --save, hidden.
 */
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { describe, expect, it, vi } from "vitest";
import { InputError } from "../../core/model.ts";
import { exploreFlowSetup } from "../commands/explore-flow.ts";
import { exploreRecoverySetup } from "../commands/explore-recovery.ts";
import { exploreRibosomeSetup } from "../commands/explore-ribosome.ts";
import { exploreScrSetup } from "../commands/explore-scr.ts";
import { exploreTcpSetup } from "../commands/explore-tcp.ts";
import { main } from "../nfcheck.ts";
import { tmp } from "./run-cli.ts";
import { parseIntListOption, parseIntOption } from "../options.ts";

const SETUPS = {
  scr: (o: Record<string, string>) => exploreScrSetup(o, tmpdir()),
  "scr.recovery": (o: Record<string, string>) => exploreRecoverySetup(o),
  tcp: (o: Record<string, string>) => exploreTcpSetup(o, tmpdir()),
  flow: (o: Record<string, string>) => exploreFlowSetup(o),
  ribosome: (o: Record<string, string>) => exploreRibosomeSetup(o),
};
type Model = keyof typeof SETUPS;

const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** [model, option key, flag, smallest, largest, other options the largest needs]. */
const INTEGER_OPTIONS: [Model, string, string, number, number, Record<string, string>?][] = [
  ["scr", "cores", "--cores", 1, 64],
  ["scr", "packets", "--packets", 1, 64],
  ["scr", "alphabetSize", "--alphabet-size", 1, 10],
  ["scr", "history", "--history", 0, 1_024],
  ["scr.recovery", "cores", "--cores", 2, 16],
  ["scr.recovery", "packets", "--packets", 1, 1_000_000],
  ["scr.recovery", "history", "--history", 1, 1_024],
  ["scr.recovery", "log", "--log", 1, 1_000_000],
  ["scr.recovery", "lossBudget", "--loss-budget", 0, UNBOUNDED],
  ["tcp", "isn", "--isn", 0, 2 ** 32 - 1],
  ["tcp", "mss", "--mss", 1, 65_535],
  ["tcp", "window", "--window", 1, 2 ** 30],
  ["tcp", "rcvWindow", "--rcv-window", 1, 2 ** 30],
  ["tcp", "lossBudget", "--loss-budget", 0, UNBOUNDED],
  ["tcp", "duplicates", "--duplicates", 0, UNBOUNDED],
  ["flow", "sessions", "--sessions", 1, 1_000_000],
  ["flow", "pool", "--pool", 1, 2 ** 20],
  ["flow", "portsPerIp", "--ports-per-ip", 1, 2 ** 16],
  ["flow", "ipBuckets", "--ip-buckets", 1, 2 ** 20],
  ["flow", "buckets", "--buckets", 1, 2 ** 16],
  ["flow", "cache", "--cache", 0, 2 ** 20],
  ["flow", "timeout", "--timeout", 0, 1e9],
  ["flow", "cleanTimer", "--clean-timer", 1, 1e9],
  ["flow", "threshold", "--threshold", 1, 2 ** 16],
  ["flow", "ticks", "--ticks", 1, 1e9],
  ["flow", "horizon", "--horizon", 0, 1e9],
  ["flow", "packets", "--packets", 0, 2 ** 30],
  ["flow", "held", "--held", 1, 2 ** 16],
  ["ribosome", "packets", "--packets", 1, 1_000_000],
  ["ribosome", "sizes", "--sizes", 1, 65_535],
  ["ribosome", "flows", "--flows", 1, 2 ** 20],
  ["ribosome", "window", "--window", 1, 1_000_000],
  ["ribosome", "threshold", "--threshold", 0, 65_535],
  ["ribosome", "headerLength", "--header-length", 1, 65_535, { threshold: "65535" }],
  ["ribosome", "servers", "--servers", 1, 1_024],
  ["ribosome", "slots", "--slots", 1, 2 ** 24],
  ["ribosome", "headerSlots", "--header-slots", 1, 2 ** 20],
  ["ribosome", "nfDrops", "--nf-drops", 0, 1_000_000],
  ["ribosome", "readLosses", "--read-losses", 0, 1_000_000],
];

const CHOICE_OPTIONS: [Model, string, string][] = [
  ["scr", "spray", "--spray"],
  ["scr.recovery", "maxUpdate", "--max-update"],
  ["scr.recovery", "fault", "--fault"],
  ["scr.recovery", "program", "--program"],
  ["tcp", "retransmit", "--retransmit"],
  ["tcp", "belowAck", "--below-ack"],
  ["tcp", "fault", "--fault"],
  ["flow", "expiredSameSession", "--expired-same-session"],
  ["flow", "fault", "--fault"],
  ["ribosome", "serverChoice", "--server-choice"],
  ["ribosome", "headerBuffer", "--header-buffer"],
  ["ribosome", "fault", "--fault"],
];

/** The message of the InputError `setup` rejects with. */
async function rejection(model: Model, o: Record<string, string>): Promise<string> {
  const e = await SETUPS[model](o).then(() => null, (x: unknown) => x);
  expect(e, `${model} ${JSON.stringify(o)} was accepted`).toBeInstanceOf(InputError);
  return (e as InputError).message;
}

describe("explore options", () => {
  it.each(INTEGER_OPTIONS)("%s %s: a bad value is one line naming %s; the largest value is taken", async (model, key, flag, min, max, extra) => {
    const bad = ["", "abc", "1.5", "0x10", String(min - 1), ...(max < UNBOUNDED ? [String(max + 1)] : [])];
    for (const value of bad) {
      const message = await rejection(model, { [key]: value });
      expect(message).not.toContain("\n");
      expect(message).toMatch(new RegExp(`^${flag} must be .*, got "${value}"$`));
    }
    if (max < UNBOUNDED) await SETUPS[model]({ ...extra, [key]: String(max) });
  });

  it.each(CHOICE_OPTIONS)("%s %s: a value it does not know is one line naming %s", async (model, key, flag) => {
    expect(await rejection(model, { [key]: "x" })).toMatch(new RegExp(`^${flag} must be [^\\n]+, got "x"$`));
  });

  it("say in plain words what an empty stream or name, and the header length beyond the split threshold, are", async () => {
    expect(await rejection("tcp", { stream: "" })).toBe('--stream must have at least one byte, got ""');
    expect(await rejection("tcp", { rewriter: "" })).toMatch(/^--rewriter must be a built-in rewriter \(.*fig11.*\) or a module, got ""$/);
    expect(await rejection("scr", { program: "" })).toMatch(/^--program must be a built-in program \(.*port-knocking.*\) or a module, got ""$/);
    expect(await rejection("ribosome", { threshold: "40" })).toBe("--header-length (54, the default) must not exceed --threshold (40): a split packet would have no payload");
    expect(await rejection("scr.recovery", { logStoresSeq: true as unknown as string })).toBe("--log-stores-seq needs --log <entries>");
  });

  it("take integers in decimal digits only, and lists of them", () => {
    expect(parseIntOption(" 7 ", "--n")).toBe(7);
    expect(() => parseIntOption("1e3", "--n")).toThrow(new InputError('--n must be a positive integer, got "1e3"'));
    expect(() => parseIntOption("-1", "--n", 0)).toThrow(new InputError('--n must be an integer of at least 0, got "-1"'));
    expect(parseIntListOption("64,400", "--sizes", 1, 65_535)).toEqual([64, 400]);
    expect(() => parseIntListOption("64,,400", "--sizes", 1, 65_535)).toThrow(new InputError('--sizes must be a comma-separated list of integers from 1 to 65535, got "64,,400"'));
  });
});

/** Runs `nfcheck …args` in this process; returns its exit code and what it wrote on `stream`. */
async function nfcheckHere(stream: "stdout" | "stderr", ...args: string[]): Promise<{ code: number; written: string }> {
  const written: string[] = [];
  const spy = vi.spyOn(process[stream], "write").mockImplementation((chunk) => (written.push(String(chunk)), true));
  try {
    return { code: await main(["node", "nfcheck", ...args]), written: written.join("") };
  } finally {
    spy.mockRestore();
  }
}

describe("commander's own errors", () => {
  /** What `nfcheck …args` writes on stderr, and its exit code, for an error found while parsing (nothing runs). */
  async function parseError(...args: string[]): Promise<{ code: number; stderr: string }> {
    const { code, written } = await nfcheckHere("stderr", ...args);
    return { code, stderr: written };
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
      const help = (await nfcheckHere("stdout", command, "--help")).written;
      expect(help).toMatch(/^  --out <dir> /m);
      expect(help).not.toContain("--save");
    }
    const out = await tmp();
    expect((await nfcheckHere("stdout", "mutants", "--only", "current-twice", "--save", out)).code).toBe(0);
    expect(await readdir(out)).toEqual(["current-twice.json"]);
  });
});
