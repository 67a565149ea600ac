/**
 * The stream-rewriting middlebox end to end (MiddleClick §IV-B, §IV-C): explorations of small connections
 * across the 2^32 wrap, random runs of streams up to 2 KB, the design boundaries, the mutants (each killed
 * by its property, and the correct model passing the mutant's own trace), determinism of random finds.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../core/explore.ts";
import { ModelError } from "../core/model.ts";
import { runTrace } from "../core/run-trace.ts";
import { toTcpConfig, type TcpConfigJson } from "../models/tcp/config.ts";
import { REWRITERS } from "../models/tcp/rewriters/index.ts";
import type { Rewriter } from "../models/tcp/rewriter.ts";
import { tcpModel, type TcpEvent } from "../models/tcp/system.ts";
import { PROGRESS, STREAM_EQUIVALENCE, TCP_SPECS } from "../specs/tcp.ts";
import { REWRITER_CONTRACT } from "../models/tcp/middlebox.ts";
import { expectAsExpected, runCheck } from "./support.ts";
import tcp, { NEAR_WRAP, TCP_FAULT_TABLE } from "../systems/tcp.ts";
import { SPEC_OF, tcpExploreChecks, tcpRandomChecks, tcpRandomMutantCheck } from "./tcp-checks.ts";
import { boundaryChecks, faultChecks } from "../core/system-checks.ts";
import { driveTcp } from "./tcp-runs.ts";

describe("every run of small connections across the wrap (all four properties)", () => {
  for (const check of tcpExploreChecks()) it(check.id, () => expectAsExpected(check));
});

describe("random runs: streams up to 2 KB, ISNs near the wrap or anywhere, loss, duplication, reordering", () => {
  for (const check of tcpRandomChecks()) it(check.id, () => expectAsExpected(check));
});

describe("design boundaries", () => {
  for (const check of boundaryChecks(tcp)) it(check.id, () => expectAsExpected(check));

  it("a window no larger than the hold-back stalls in 9 events, with no fault at all", async () => {
    const outcome = await expectAsExpected(boundaryChecks(tcp).find((c) => c.id.includes("window-within-hold-back"))!);
    const events = outcome.counterexample!.events as TcpEvent[];
    expect(events).toHaveLength(9);
    expect(events.at(-1)).toEqual({ type: "timeout" });
    expect(events.some((e) => e.type === "lose" || e.type === "duplicate")).toBe(false);
  });
});

describe("mutants of the remapping", () => {
  const mutants = faultChecks(tcp);

  it("one per broken variant of the issue, then the others", () => {
    expect(mutants.map((m) => m.mutant).slice(0, 6)).toEqual(["cumulative-offset", "plain-compare", "ack-past-insertion", "removed-far-side", "edits-not-reapplied", "prune-too-early"]);
  });

  for (const m of mutants) {
    // A stall ends with the timer firing a second time with nothing in flight; the correct middlebox has
    // forwarded what the mutant dropped, so that last timeout is not an event it can take.
    const stall = m.property === PROGRESS;
    const then = stall ? "and the correct middlebox runs the trace up to the stall and never stalls" : "and the correct middlebox passes the same trace";
    it(`${m.mutant} (${m.description}) is killed by ${m.property}, ${then}`, async () => {
      const outcome = await expectAsExpected(m);
      const { fault: _, ...json } = TCP_FAULT_TABLE.find((x) => x.name === m.mutant)!.config;
      const events = outcome.counterexample!.events as TcpEvent[];
      // A broken rewriter's correct twin is the one it wraps (models/tcp/rewriters/mutants.ts: mask-word).
      const correct = toTcpConfig(json, REWRITERS[(json.rewriter as { builtin: string }).builtin] ?? REWRITERS["mask-word"]!);
      if (!stall) {
        expect(runTrace(tcpModel, correct, TCP_SPECS, events).violation).toBeNull();
        return;
      }
      expect(events.at(-1)).toEqual({ type: "timeout" });
      expect(() => runTrace(tcpModel, correct, TCP_SPECS, events)).toThrow(ModelError);
      expect(runTrace(tcpModel, correct, TCP_SPECS, events.slice(0, -1)).violation).toBeNull();
      const r = explore({ model: tcpModel, config: correct, specs: TCP_SPECS.filter((s) => s.name === PROGRESS) });
      expect(r.status, r.status === "violation" ? r.violation.message : "").toBe("pass");
    });
  }

  it("the cumulative offset also corrupts the stream itself: the receiver gets a byte at the wrong place", () => {
    const json = TCP_FAULT_TABLE[0]!.config;
    const config = toTcpConfig({ ...json, fault: "cumulative-offset" }, REWRITERS["fig11"]!);
    const r = explore({ model: tcpModel, config, specs: SPEC_OF[STREAM_EQUIVALENCE]! });
    expect(r.status).toBe("violation");
    if (r.status === "violation") {
      expect(r.violation.message).toContain("where the rewritten stream has");
      expect(r.events.length).toBe(17); // breadth first: a shortest trace
    }
  });

  it("random runs find the cumulative offset too, and shrink it the same way for the same seed", async () => {
    const check = tcpRandomMutantCheck();
    const [a, b] = [await runCheck(check), await runCheck(check)];
    expect(a.status).toBe("violation");
    expect(a.counterexample!.events).toEqual(b.counterexample!.events);
    // Shrunk to a stream of a word or two (from up to 256 bytes) and the few dozen events that carry it.
    const open = a.counterexample!.events[0] as Extract<TcpEvent, { type: "open" }>;
    expect(typeof open.stream === "string" ? open.stream.length : open.stream.length).toBeLessThanOrEqual(8);
    expect(a.counterexample!.events.length).toBeLessThanOrEqual(40);
  });
});

describe("the model's own behaviour", () => {
  const config = (o: Partial<TcpConfigJson> = {}) => toTcpConfig({ rewriter: { builtin: "fig11" }, mss: 3, window: 16, rcvWindow: 64, ...o }, REWRITERS[(o.rewriter as { builtin: string } | undefined)?.builtin ?? "fig11"]!);
  const plan = { isn: NEAR_WRAP, stream: "ABCDEFGH", sizes: [3], faults: [], schedule: [], policy: 0 };

  it("Fig. 11 end to end: ABCDEFGH arrives as ABEXYZFGH across the wrap, and the sender's last ACK covers the FIN", () => {
    const c = config();
    const events = driveTcp(c, plan);
    const out = runTrace(tcpModel, c, TCP_SPECS, events);
    expect(out.violation).toBeNull();
    const final = out.final as Extract<typeof out.final, { conn: object }>;
    expect(Buffer.from(final.conn.expected).toString("latin1")).toBe("ABEXYZFGH");
    expect(final.receiver.delivered).toBe(9);
    expect(final.sender.una).toBe(9); // 8 bytes and the FIN
  });

  it("a rewriter that edits bytes it declared decided breaks its contract", () => {
    const bad: Rewriter<null> = {
      name: "bad", init: () => null,
      push: (s, chunk, at) => ({ state: s, edits: at > 0 ? [{ at: at - 1, remove: 1, insert: [] }] : [], decided: at + chunk.length }),
      finish: (s) => ({ state: s, edits: [] }),
    };
    const c = toTcpConfig({ rewriter: { builtin: "bad" }, mss: 3, window: 16, rcvWindow: 64 }, bad);
    const out = runTrace(tcpModel, c, TCP_SPECS, driveTcp(c, plan));
    expect(out.violation?.property).toBe(REWRITER_CONTRACT);
  });

  it("an insertion longer than the receiver's window is acknowledged in pieces, each mapped to the insertion point", () => {
    const c = config({ rewriter: { builtin: "replace-word" }, mss: 8, rcvWindow: 4 });
    const events = driveTcp(c, { ...plan, stream: "xATTACKy", sizes: [8] });
    const out = runTrace(tcpModel, c, TCP_SPECS, events);
    expect(out.violation).toBeNull();
    // 1 + 30 + 1 bytes through a window of 4: at least eight ACKs, several of them inside the insertion.
    expect(events.filter((e) => e.type === "deliver" && e.channel === "ack-out").length).toBeGreaterThanOrEqual(8);
  });

  it("an event that is not possible is a ModelError, not a violation", () => {
    const c = config();
    expect(() => runTrace(tcpModel, c, TCP_SPECS, [{ type: "send", size: 1 }])).toThrow(/first event must open/);
    expect(() => runTrace(tcpModel, c, TCP_SPECS, [{ type: "open", isn: 0, stream: "AB" }, { type: "deliver", channel: "data-in", index: 0 }])).toThrow(/holds 0 packets/);
  });
});
