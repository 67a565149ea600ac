/**
 * The command line end to end, as a user runs it (in this thread, but where the process is what is tested:
 * a closed pipe, Ctrl-C, a process that must end by itself): exit codes, one-line reasons for unusable input,
 * counterexamples that are printed, saved and replayed: nfcheck tcp, explore (tcp, scr, scr.recovery,
 * ribosome), prove, cost, verify and mutants here,
 * nfcheck scr and replay in cli.test.ts (two files, so that vitest's two workers share them).
 */
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { design, nfcheck, nfcheckClosedOutput, nfcheckInterrupted, nfcheckProcess, resultsOf, tmp } from "./run-cli.ts";

describe("nfcheck tcp", () => {
  const rewriter = (name: string) => resolve("examples/rewriters", name);

  it("passes a built-in rewriter; finds a planted bug in another, shrinks it to one word, saves it, and replay reproduces it", async () => {
    const ok = await nfcheck(["tcp", resolve("models/tcp/rewriters/replace-word.ts")]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/2 passed, 0 failed/);
    const out = await tmp();
    const r = await nfcheck(["tcp", rewriter("remove-word-per-segment.ts"), "--out", out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/stream-equivalence violated: the receiver delivered/);
    expect(r.stdout).toMatch(/step\s+event\s+sender una\/nxt\s+middlebox seen\/decided\s+receiver nxt\s+in flight/);
    const [file] = await readdir(out);
    const cx = JSON.parse(await readFile(join(out, file!), "utf8")) as { events: { type: string; stream?: unknown }[] };
    expect(cx.events[0]).toMatchObject({ type: "open", stream: "ATTACK" });
    const replay = await nfcheck(["replay", join(out, file!)], tmpdir());
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/reproduced stream-equivalence/);
  });

  it("reports a rewriter that edits bytes it had declared decided, and rejects a module that is not a rewriter", async () => {
    const r = await nfcheck(["tcp", rewriter("edits-decided-bytes.ts"), "--out", await tmp()]);
    expect(r.code).toBe(1);
    // Either the breach itself, or — shorter — its effect: the receiver already has the byte the late edit changes.
    expect(r.stdout).toMatch(/rewriter-contract violated: edits-decided-bytes\.push\(\) edited offset \d+, before \d+, which it had already declared decided|stream-equivalence violated: the receiver delivered "\w" at offset \d+, where the rewritten stream has "\*"/);
    const bad = await nfcheck(["tcp", design("not-a-program.ts")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the default export is not a stream rewriter: /);
  });

  it("explore tcp passes Fig. 11 across the wrap and prints the shortest trace of the cumulative offset", async () => {
    const ok = await nfcheck(["explore", "tcp"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/ISN 4294967293, stream "ABCDEFGH" \(8 B\), rewriter fig11, .*\n[\d,]+ states, [\d,]+ transitions, depth \d+, .*\nno violation within the bound/);
    const r = await nfcheck(["explore", "tcp", "--fault", "cumulative-offset", "--out", await tmp()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ack-soundness violated after 8 events \(a shortest counterexample\)/);
  });
});

describe("nfcheck explore ribosome, cost ribosome", () => {
  it("explore --workers 2 --hash-compaction finds the same shortest deadlock, says how it ran and what compaction risks; the trace replays", async () => {
    const out = await tmp();
    const r = await nfcheck(["explore", "scr.recovery", "--cores", "2", "--packets", "4", "--no-tail-assumption", "--workers", "2", "--hash-compaction", "--out", out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/; 2 worker threads; hash compaction \(64-bit fingerprints\); bounds: /);
    expect(r.stdout).toMatch(/\(the workers' start [\d.]+ m?s of it\)/);
    expect(r.stdout).toMatch(/\nhash compaction: the probability that two states shared a fingerprint and one was missed is at most \d\.\de-\d+\n/);
    // 7 events: SPIN's breadth-first search finds this deadlock after 11 of its steps, which are nfcheck's 7
    // events plus one end-of-stream send per core and 2 steps for the core that finishes (bench/recovery-vs-spin.ts).
    expect(r.stdout).toMatch(/\nno-deadlock violated after 7 events \(a shortest counterexample\)/);
    const [file] = await readdir(out);
    expect((await nfcheck(["replay", "--quiet", join(out, file!)], tmpdir())).code).toBe(0);
    const bad = await nfcheck(["explore", "scr.recovery", "--workers", "0"]);
    expect([bad.code, bad.stderr]).toEqual([2, 'nfcheck: --workers must be an integer from 1 to 255, got "0"\n']);
  });

  it("explore ribosome passes the small system and finds the ring overwrite of a slow NF without the tag check; cost ribosome --json has the slides' figures", async () => {
    const ok = await nfcheck(["explore", "ribosome"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/4 packets of 64\/400 B, window 3, split above 128 B after 54 B, 2 servers × 2 slots \(round-robin\), .*\n[\d,]+ states, .*\nno violation within the bound/);
    const r = await nfcheck(["explore", "ribosome", "--no-tag-check", "--slots", "1", "--out", await tmp()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bounded-buffers violated after 5 events \(a shortest counterexample\): server 0's slot 0 held packet 0's payload/);
    const cost = await nfcheck(["cost", "ribosome", "--json"]);
    expect(cost.code, cost.stderr).toBe(0);
    const j = resultsOf(cost).data as { headerBuffer: { headers: number; bytes: number }; rdmaServers: { servers: number }; nfRate: { gbpsAt400: number; gbpsAt1500: number } };
    expect(j.headerBuffer).toMatchObject({ headers: 500, bytes: 36_000 });
    expect(j.rdmaServers.servers).toBe(14);
    expect([j.nfRate.gbpsAt400, j.nfRate.gbpsAt1500]).toEqual([297.6, 1_116]);
  });

  it("explore ribosome --set … --property no-mix-up finds the header-slot mix-up directly, saves it and replay reproduces it", async () => {
    const out = await tmp();
    const r = await nfcheck(["explore", "ribosome", "--set", "headerSlots=2", "--set", "headerBuffer=overwrite", "--set", "tagCheck=false", "--property", "no-mix-up", "--out", out]);
    expect(r.code, r.stderr).toBe(1);
    // By hand: IDs are a counter modulo 2 assigned at the split, so packet 2 reuses packet 0's ID only if
    // packets 0, 1 and 2 all split (3 arrivals); then packet 0's WRITE lands, its header returns and issues
    // its READ, the server serves it, packet 2's header returns into slot 0, and packet 0's READ response
    // meets packet 2's header: 3 + 5 = 8 events, and none can be left out.
    expect(r.stdout).toMatch(/; only no-mix-up;/);
    expect(r.stdout).toMatch(/no-mix-up violated after 8 events \(a shortest counterexample\): output #2\[0\.\.53\]' #0\[54\.\.399\] glues the header of packet 2 to bytes of packet 0/);
    const [file] = await readdir(out);
    const replay = await nfcheck(["replay", "--quiet", join(out, file!)], tmpdir());
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/reproduced no-mix-up \(after event 8 of 8\)/);
  });

  it("stops quietly when its reader closes the pipe early (| head): exit 141, no stack trace", async () => {
    const r = await nfcheckClosedOutput(["cost", "ribosome"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(141);
  });
});

describe("nfcheck explore's bounds", () => {
  // Each state of scr.recovery with 100 000 packets holds about a megabyte: without bounds, gigabytes in a minute.
  const runaway = ["explore", "scr.recovery", "--packets", "100000"];

  it("stops at the memory ceiling with exit 3 and says so; a bad --max-memory is a one-line error (exit 2)", async () => {
    const r = await nfcheck([...runaway, "--max-memory", "400m"]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/; bounds: at most 50,000,000 states and 400 MiB \(--max-states, --max-depth, --max-memory\)\n/);
    expect(r.stdout).toMatch(/\nINCOMPLETE: memory ceiling of 400 MiB reached at [\d,]+ states \(--max-memory raises it\); no verdict\n/);
    const bad = await nfcheck([...runaway, "--max-memory", "4 apples"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe('nfcheck: --max-memory must be a size such as 4g, 512m, 2GiB or a number of bytes, got "4 apples"\n');
  });

  it("stops at the first Ctrl-C with what it has (exit 3), and says how to quit at once", async () => {
    // The ceiling only ends the run should the Ctrl-C be lost (the test then fails on the reason).
    const r = await nfcheckInterrupted([...runaway, "--max-memory", "2g"], /bounds: /);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/\nINCOMPLETE: interrupted \(Ctrl-C\); no verdict\n/);
    expect(r.stderr).toContain("nfcheck: stopping at the next step and keeping what was found (Ctrl-C again quits now)\n");
  });
});

describe("other commands", () => {
  it("cost scr --json has the App. A predictions and the Tofino and NetFPGA capacities", async () => {
    const r = await nfcheck(["cost", "scr", "--json"]);
    expect(r.code).toBe(0);
    const j = resultsOf(r).data as { appendixA: { predictions: { program: string; mpps: { k: number; mpps: number }[] }[] }; tofino: { capacityBits: number; cores: { program: string; cores: number }[] }; netfpga: { bandwidthGbps: number } };
    expect(j.appendixA.predictions.find((p) => p.program === "conntrack")!.mpps[0]!.mpps).toBeCloseTo(1_000 / 152, 6);
    expect(j.tofino.capacityBits).toBe(1_408);
    expect(Object.fromEntries(j.tofino.cores.map((c) => [c.program, c.cores]))).toMatchObject({ "ddos-mitigator": 44, "port-knocking": 22, conntrack: 5 });
    expect(j.netfpga.bandwidthGbps).toBe(256);
  });

  it("cost flow --json has the 6.72 ns budget, Fig. 3's maximal and compact offsets, and Z3's optimum equal to the maximal-offset size", async () => {
    const r = await nfcheck(["cost", "flow", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = resultsOf(r).data as { model: string; budget: { packetIntervalNs: number }; ageing: { rows: unknown[] }; layout: { maximal: { offsets: Record<string, number>; size: number }; compact: { offsets: Record<string, number> }; optimum: { ordered: { size: number }; unordered: { size: number } } } };
    expect(j.model).toBe("cost.flow");
    expect(j.budget.packetIntervalNs).toBeCloseTo(6.72, 9);
    expect(j.ageing.rows).toHaveLength(3);
    expect(j.layout.maximal).toEqual({ offsets: { classifier: 0, "flow monitor": 1, "HTTP filter": 1, "load balancer": 37 }, size: 41 });
    expect(j.layout.compact.offsets).toMatchObject({ classifier: 0, "load balancer": 1, "flow monitor": 5, "HTTP filter": 5 });
    expect([j.layout.optimum.ordered.size, j.layout.optimum.unordered.size]).toEqual([41, 41]);
  });

  it("prove proves a lemma and exits by itself once Z3 is done; an unknown lemma is an error", async () => {
    const r = await nfcheckProcess(["prove", "throughput-monotone"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ throughput-monotone: proved \(2 cases/);
    const unknown = await nfcheck(["prove", "no-such-lemma"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no lemma named "no-such-lemma" \(known: ring-order, throughput-monotone, recovery-atomicity-bmc, tcp-mapping-laws, tcp-prune-invariance, fcb-layout\)/);
  });

  it("explore finds a shortest counterexample for a design boundary", async () => {
    const r = await nfcheck(["explore", "scr", "--program", "ddos-mitigator", "--cores", "3", "--history", "1", "--packets", "4", "--out", await tmp()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/scr-equivalence violated after 3 events \(a shortest counterexample\)/);
  });

  it("explore scr.recovery verifies k = 3, M = 6; without the tail assumption it prints, saves and replays the shortest deadlock", async () => {
    const ok = await nfcheck(["explore", "scr.recovery", "--cores", "3", "--packets", "6"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/k = 3, M = 6, N = 3, tail assumption, unbounded log; partial-order reduction .*\n10,952 states, 23,823 transitions, depth 37, .* states\/s; peak memory [\d.]+ [KMG]iB, [\d,]+ B a state\nno violation within the bound/);
    const out = await tmp();
    const stuck = await nfcheck(["explore", "scr.recovery", "--cores", "3", "--packets", "6", "--no-tail-assumption", "--out", out]);
    expect(stuck.code).toBe(1);
    expect(stuck.stdout).toMatch(/no-deadlock violated after 9 events \(a shortest counterexample\): .*core 0 waits for #1 in handle_loss_recovery, but cores 1, 2 will never write their entry for #1/);
    expect(stuck.stdout).toContain("core 0: log[0][1] ← LOST; waits for #1 in the other logs (lines 7–8)");
    const [file] = await readdir(out);
    const replay = await nfcheck(["replay", "--quiet", join(out, file!)]);
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/reproduced no-deadlock \(after event 9 of 9\)/);
    const bad = await nfcheck(["explore", "scr.recovery", "--fault", "no-such-fault"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^nfcheck: --fault no-such-fault: fault must be one of not-init-as-lost, [^\n]*\n$/);
  });

  it("verify runs the selected checks and ends with a summary table; an empty selection is an error", async () => {
    // On two threads whatever the machine has: the run other tests of verify make in this thread (--jobs 1).
    const r = await nfcheck(["verify", "--only", "mutant/current-twice", "--only", "throughput", "--out", await tmp(), "--jobs", "2"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^nfcheck verify: \d+ checks on 2 threads; /m);
    expect(r.stdout).toMatch(/model\s+property\s+runs \/ states\s+result\s+time/);
    expect(r.stdout).toMatch(/2 passed, 0 failed/);
    expect((await nfcheck(["verify", "--only", "no-such-check"])).code).toBe(2);
  });

  it("mutants saves each killing counterexample under --out", async () => {
    const out = await tmp();
    const r = await nfcheck(["mutants", "--only", "current-twice", "--out", out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^nfcheck mutants: 1 mutant; /);
    expect(await readdir(out)).toEqual(["current-twice.json"]);
  });
});
