/**
 * `nfcheck check <module>` as a user runs it, in this thread (the watchdog's test in a process of its own):
 * systems written to the shape in temporary files that import nothing, the NAT example and its planted
 * bugs, exit codes and one-line reasons, saved counterexamples that replay from another directory (that
 * one in a child process, to run from elsewhere), and seeds. Every trace length below is computed by hand
 * from the system, as each comment says.
 */
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { nfcheck, nfcheckProcess, resultsOf, tmp } from "./run-cli.ts";

const check = (...args: string[]) => nfcheck(["check", ...args]);

/** The one line of a bad-input exit: stderr's line that starts with "nfcheck: " and is not a progress line. */
const reason = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("nfcheck: ") && !/^nfcheck: (starting|loading|exploring|random walks|fault )/.test(l));

const example = (name: string) => resolve("examples/systems", name);

/**
 * The toy systems. `counter` adds 1 or 2 while it stays within max (4): its states are 0..4, and 4, where
 * nothing is enabled, is quiescent.
 */
const COUNTER = `
  name: "counter",
  config: { max: 4 },
  init: () => 0,
  enabled: (n, c) => [1, 2].filter((by) => n + by <= c.max).map((by) => ({ add: by })),
  step: (n, e) => n + e.add,`;

const SYSTEMS: Record<string, string> = {
  "counter.js": `export default {${COUNTER}
    invariants: { "within-max": (n, c) => (n <= c.max ? null : n + " is above " + c.max) },
    finals: { "ends-at-max": (n, c) => (n === c.max ? null : "ends at " + n) },
  };`,
  // Nothing is ever enabled: the initial state is all there is, and no property is put to the test.
  "does-nothing.js": `export default {
    name: "does-nothing", config: {}, init: () => 0, enabled: () => [], step: (n) => n,
    invariants: { "never-negative": (n) => (n >= 0 ? null : "negative") },
  };`,
  // 3 needs two events: one step adds at most 2 (0 → 1 → 3).
  "never-three.js": `export default {${COUNTER}
    invariants: { "never-three": (n) => (n === 3 ? "reached 3" : null) },
  };`,
  // Adding only 2 up to 5: 0, 2, 4, and 4 enables nothing but is not 5, the quiescent state: 2 events.
  "deadlock.ts": `export default {
    name: "deadlock", config: { max: 5 },
    init: () => 0,
    enabled: (n: number, c: { max: number }) => (n + 2 <= c.max ? [{ add: 2 }] : []),
    step: (n: number, e: { add: number }) => n + e.add,
    quiescent: (n: number, c: { max: number }) => n === c.max,
    invariants: {},
  };`,
  // Every run ends at 4 (the only quiescent state), first reached by 2 + 2: 2 events.
  "ends-odd.js": `export default {${COUNTER}
    invariants: {},
    finals: { "ends-odd": (n) => (n % 2 === 1 ? null : "ends at " + n) },
  };`,
  // It throws on reaching 3: two events (1 + 2).
  "throws.js": `export default {
    name: "throws", config: { max: 4 },
    init: () => 0,
    enabled: (n, c) => [1, 2].filter((by) => n + by <= c.max).map((by) => ({ add: by })),
    step: (n, e) => { if (n + e.add === 3) throw new Error("overflow at 3"); return n + e.add; },
    invariants: {},
  };`,
  // The first step already pushes onto the initial state's log: 1 event.
  "mutates.js": `export default {
    name: "mutates", config: {},
    init: () => ({ n: 0, log: [] }),
    enabled: (s) => (s.n < 3 ? [{ add: 1 }] : []),
    step: (s, e) => { s.log.push(e.add); return { n: s.n + e.add, log: s.log }; },
    invariants: {},
  };`,
  "no-step.js": `export default { name: "no step", config: {}, init: () => 0, enabled: () => [], invariants: {} };`,
  "init-throws.js": `export default {${COUNTER.replace("init: () => 0", 'init: () => { throw new Error("table too large"); }')}
    invariants: {},
  };`,
  // Never returns once the counter is at 2.
  "stuck.js": `export default {${COUNTER}
    invariants: { "never-returns": (n) => { while (n === 2) {} return null; } },
  };`,
  // No bound: 0, 1, 2, … for ever.
  "unbounded.js": `export default {
    name: "unbounded", config: {},
    init: () => 0, enabled: () => [{ add: 1 }], step: (n, e) => n + e.add,
    invariants: {},
  };`,
  // Breaks at 30, at least 15 events away (a step adds at most 2): beyond --max-depth 5, within reach of walks of 50.
  "deep.js": `export default {${COUNTER.replace("max: 4", "max: 40")}
    invariants: { "below-30": (n) => (n < 30 ? null : "reached " + n) },
  };`,
};

let dir = "";
const system = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "nfcheck-systems-"));
  for (const [name, text] of Object.entries(SYSTEMS)) await writeFile(join(dir, name), `${text}\n`);
});

/** The counterexample files a run saved in `out`. */
async function savedIn(out: string): Promise<{ path: string; cx: { module?: string; config: Record<string, unknown>; property: string; found: string; events: unknown[] } }[]> {
  const files = (await readdir(out)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(files.map(async (f) => ({ path: join(out, f), cx: JSON.parse(await readFile(join(out, f), "utf8")) })));
}

describe("nfcheck check on toy systems", () => {
  it("passes a correct system (exit 0) and says what it checked", async () => {
    const r = await check(system("counter.js"), "--seed", "3");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // States 0..4 (5), transitions 2 from each of 0, 1, 2 and 1 from 3 (7); 4 is 2 + 2 away.
    expect(r.stdout).toMatch(/^✓ explore {2}pass {2}5 states, 7 transitions, depth 2 /m);
    expect(r.stdout).toMatch(/^✓ random walks {2}pass {2}100 walks of up to 50 events /m);
    expect(r.stdout).toMatch(/seed 3 \(from --seed/);
    expect(r.stdout).toMatch(/^all hold: 5 states explored to depth 2, 100 random walks \(seed 3\)$/m);
  });

  it("with --hash-compaction explores the same states, says so, and prints the chance that one was missed", async () => {
    const r = await check(system("counter.js"), "--seed", "3", "--hash-compaction");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bounds: .*; hash compaction \(64-bit fingerprints\) in every exploration; /m);
    expect(r.stdout).toMatch(/^✓ explore {2}pass {2}5 states, 7 transitions, depth 2 /m);
    // At most n(n − 1)/2 pairs of the 5 states, each sharing a 64-bit fingerprint with chance 2^−64.
    expect(r.stdout).toContain(`\n  hash compaction: the probability that two states shared a fingerprint and one was missed is at most ${(10 / 2 ** 64).toExponential(1)}\n`);
    const json = resultsOf(await check(system("counter.js"), "--seed", "3", "--hash-compaction", "--json"));
    expect((json.data as { omissionProbability: number }).omissionProbability).toBeCloseTo(10 / 2 ** 64, 30);
    const found = await check(system("never-three.js"), "--out", await tmp(), "--hash-compaction");
    expect(found.code).toBe(1);
    expect(found.stdout).toContain("never-three violated after 2 events (a shortest counterexample): reached 3");
  });

  it.each([
    ["never-three.js", "never-three", 2, "reached 3"],
    ["deadlock.ts", "no-deadlock", 2, "deadlock: a non-quiescent state with no enabled event"],
    ["ends-odd.js", "ends-odd", 2, "ends at 4"],
    ["throws.js", "no-exception", 2, "step() threw Error: overflow at 3 (in event #2)"],
    ["mutates.js", "pure-step", 1, "step() changed the state it was given; it must leave it alone and return a new state (in event #1)"],
  ])("finds %s's violation of %s: exit 1, a shortest trace of %i events, printed and saved", async (file, property, length, message) => {
    const out = await tmp();
    const r = await check(system(file), "--out", out, "--seed", "1");
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`${property} violated after ${length} event${length === 1 ? "" : "s"} (a shortest counterexample): ${message}`);
    expect(r.stdout).toMatch(/step {2}event +state after +what changed/);
    const saved = (await savedIn(out)).find((s) => s.cx.found === "explore")!;
    expect(saved.cx).toMatchObject({ property, module: expect.stringMatching(/\.[jt]s$/) });
    expect(saved.cx.events).toHaveLength(length);
  });

  it("rejects a module that is not a system, an init() that throws, an unknown --set field and a bad value: exit 2, one line", async () => {
    const cases: [string[], RegExp][] = [
      [[system("no-step.js")], /^nfcheck: .*no-step\.js: the default export is not a system: it has no step\(\) function$/],
      [[system("init-throws.js")], /^nfcheck: system "counter": init\(\) threw Error: table too large$/],
      [[system("counter.js"), "--set", "maxx=3"], /^nfcheck: --set maxx=3: no field maxx in the config \(fields: max\)$/],
      [[system("counter.js"), "--set", "max=banana"], /^nfcheck: --set max=banana: max is a number \(default 4\)$/],
      [[system("counter.js"), "--runs", "many"], /^nfcheck: --runs must be an integer of at least 0, got "many"$/],
    ];
    for (const [args, line] of cases) {
      const r = await check(...args);
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(reason(r.stderr)).toHaveLength(1);
      expect(reason(r.stderr)[0]).toMatch(line);
    }
  });

  it("stops a function that never returns and names it (exit 2)", async () => {
    const r = await nfcheckProcess(["check", system("stuck.js"), "--call-timeout", "2000"]);
    expect(r.code).toBe(2);
    expect(reason(r.stderr)[0]).toMatch(/^nfcheck: the design did not return from invariant never-returns within 2000 ms/);
  });

  it("refuses a pass in which the system never took a step (vacuous, exit 1) unless --allow-vacuous", async () => {
    const r = await check(system("does-nothing.js"), "--runs", "5");
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^VACUOUS: no event is enabled in the initial state: the system never takes a step, so no property was put to the test — 1 state explored to depth 0/m);
    expect((await check(system("does-nothing.js"), "--runs", "5", "--allow-vacuous")).code).toBe(0);
  });

  it("exits 3 when the state limit stops an exploration that found nothing", async () => {
    const r = await check(system("unbounded.js"), "--max-states", "50", "--runs", "10");
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/INCOMPLETE: state limit of 50 reached \(--max-states raises it/);
  });

  it("reports a pass within a depth bound, and random walks that go deeper (exit 1)", async () => {
    const r = await check(system("deep.js"), "--max-depth", "5", "--seed", "4", "--out", await tmp());
    expect(r.code, r.stdout + r.stderr).toBe(1);
    // Within depth 5 the counter reaches 0..10: 11 states; 9 and 10 are at the bound and can still add.
    expect(r.stdout).toMatch(/^✓ explore {2}pass within depth 5 \(2 states at the bound had events left\) {2}11 states, .*depth 5, depth bound 5/m);
    expect(r.stdout).toMatch(/below-30 violated after \d+ events \(shrunk from \d+ events; seed 4, path "[\d:]+"\): reached 3[01]/);
  });

  it("gives the same shrunk counterexample for the same seed", async () => {
    const [a, b] = [await tmp(), await tmp()];
    await check(system("deep.js"), "--max-depth", "5", "--seed", "9", "--out", a);
    await check(system("deep.js"), "--max-depth", "5", "--seed", "9", "--out", b);
    const [sa, sb] = [await savedIn(a), await savedIn(b)];
    expect(sa).toHaveLength(1);
    expect(sa[0]!.cx.found).toBe("random");
    expect(sb.map((s) => s.cx)).toEqual(sa.map((s) => s.cx));
  });

  it("prints the results as JSON", async () => {
    const r = await check(system("never-three.js"), "--json", "--runs", "5", "--out", await tmp());
    expect(r.code).toBe(1);
    const j = resultsOf(r);
    expect(j).toMatchObject({ command: "check counter", data: { verdict: "violation" } });
    const explored = j.checks.find((c) => c.id === "counter/explore")!;
    expect(explored).toMatchObject({ status: "violation", ok: false, violation: { property: "never-three", afterEvents: 2 } });
    expect(explored.measures.states).toBeGreaterThan(0);
    expect(explored.counterexample?.events).toEqual([{ add: 1 }, { add: 2 }]);
    expect(explored.saved).toMatch(/counter\.never-three\.[0-9a-f]{8}\.json$/);
    // The walks stop at the first that fails (of --runs 5), and say with which seed.
    const walked = j.checks.find((c) => c.id === "counter/random")!;
    expect(walked).toMatchObject({ status: "violation", seed: j.seed });
    expect(walked.measures.runs).toBeGreaterThanOrEqual(1);
    expect(walked.measures.runs).toBeLessThanOrEqual(5);
  });
});

describe("the NAT example", () => {
  it("holds, and each of its faults is killed by its property", async () => {
    const r = await check(example("nat.ts"));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // By hand, with 3 flows, 2 ports, ttl 2, 2 packets per flow: two flows take ports 0 and 1 and the third
    // gets port 0 again (3 events); a send and two ticks expire a mapping (3); send, tick, send, tick
    // expires a mapping refreshed one tick ago (4); a flow's second packet moves it (2); all six packets
    // and two ticks end the traffic with the last port still held (8).
    for (const [fault, property, events] of [["reuse-live-port", "one-flow-per-port", 3], ["expiry-forgets-mapping", "tables-agree", 3], ["refresh-ignored", "no-early-expiry", 4], ["refresh-moves-port", "stable-mapping", 2], ["last-port-never-expires", "pool-restored", 8]] as const) {
      expect(r.stdout).toMatch(new RegExp(`^✓ fault ${fault} \\(.*\\): killed by ${property} after ${events} events`, "m"));
    }
    expect(r.stdout).toMatch(/^all hold: [\d,]+ states explored to depth \d+, 100 random walks \(seed \d+\), 5 of 5 faults killed$/m);
  });

  it.each([
    // The cursor wraps after two allocations: send, send, send (3 events).
    ["nat-reuses-live-port.ts", "one-flow-per-port", 3],
    // A send, then ttl = 2 ticks: the port is freed and the mapping kept (3 events).
    ["nat-expiry-forgets-mapping.ts", "tables-agree", 3],
  ])("finds the planted bug of %s: %s in %i events (exit 1)", async (file, property, length) => {
    const out = await tmp();
    const r = await check(example(file), "--out", out);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`${property} violated after ${length} events (a shortest counterexample)`);
    expect(r.stdout).toMatch(new RegExp(`random walks broke ${property}`));
  });

  it("saves a counterexample that replays from another directory, with the config it checked", async () => {
    const out = await tmp();
    // With ttl 3 the mapping is forgotten at the third tick: send and three ticks (4 events).
    const r = await check(example("nat-expiry-forgets-mapping.ts"), "--set", "ttl=3", "--runs", "0", "--out", out);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const [saved] = await savedIn(out);
    expect(saved!.cx.config).toEqual({ flows: 3, ports: 2, ttl: 3, packets: 2 });
    expect(saved!.cx.events).toHaveLength(4);
    expect(saved!.cx.module).not.toMatch(/^\//);
    const replay = await nfcheck(["replay", saved!.path], tmpdir());
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toContain("reproduced tables-agree (after event 4 of 4): flow 0 is mapped to port 0, but the port table says it is free");
  });
});
