/** The reference variants' config values (models/tcp/config.ts): their defaults, and ACK reordering alone. */
import { describe, expect, it } from "vitest";
import { describeTcpConfig, toTcpConfig } from "../config.ts";
import { enabledEvents, stepTcp, type OpenState, type TcpState } from "../system.ts";
import fig11 from "../rewriters/fig11.ts";

describe("the reference variants", () => {
  it("are off by default: the list of §IV-C, re-modified retransmissions, FIFO ACKs", () => {
    const c = toTcpConfig({ rewriter: { builtin: "fig11" } }, fig11);
    expect([c.modificationList, c.pruneEvery, c.retransmissions, c.reorderAcks]).toEqual(["paper", 10, "re-modify", false]);
    expect(describeTcpConfig(c)).not.toMatch(/FastClick|reordered/);
    const v = toTcpConfig({ rewriter: { builtin: "fig11" }, modificationList: "fastclick", pruneEvery: 1, retransmissions: "fastclick-retransmitter", reorderAcks: true }, fig11);
    expect(describeTcpConfig(v)).toContain("ACKs to the middlebox reordered, FastClick's trees, pruned every ACK, FastClick's retransmitter");
  });

  it("reorderAcks lets any ACK on its way to the middlebox go first, and only those", () => {
    const c = toTcpConfig({ rewriter: { builtin: "fig11" }, mss: 1, rcvWindow: 8, lossBudget: 0, duplicationBudget: 0, reorderAcks: true }, fig11);
    let s: TcpState = stepTcp({ conn: null }, { type: "open", isn: 0, stream: "ABCDEFGH" }, c);
    for (const e of [
      { type: "send", size: 1 }, { type: "send", size: 1 },
      { type: "deliver", channel: "data-in", index: 0 }, { type: "deliver", channel: "data-in", index: 0 },
    ] as const) s = stepTcp(s, e, c);
    expect((s as OpenState).channels["data-out"]).toHaveLength(2);
    s = stepTcp(stepTcp(s, { type: "deliver", channel: "data-out", index: 0 }, c), { type: "deliver", channel: "data-out", index: 0 }, c);
    const delivers = enabledEvents(s, c).filter((e) => e.type === "deliver");
    expect(delivers).toEqual([{ type: "deliver", channel: "ack-in", index: 0 }, { type: "deliver", channel: "ack-in", index: 1 }]);
    // The newer ACK first: the older one is still there to come after it.
    s = stepTcp(s, { type: "deliver", channel: "ack-in", index: 1 }, c);
    expect((s as OpenState).channels["ack-in"]).toEqual([{ ack: 1 }]);
    expect((s as OpenState).channels["ack-out"]).toEqual([{ ack: 2 }]);
  });
});
