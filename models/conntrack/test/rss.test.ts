/**
 * The symmetric RSS key (0x6d5a repeated) hashes every 4-tuple and its reverse alike, so both directions
 * of every connection reach one table; the Microsoft key does not.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RSS_KEY, rssQueue, toeplitz } from "../../scr/spray.ts";
import { SYMMETRIC_KEY } from "../rss.ts";
import { testSeed } from "../../../properties/support.ts";

const tuple = fc.record({ srcIp: fc.nat({ max: 0xffff_ffff }), dstIp: fc.nat({ max: 0xffff_ffff }), srcPort: fc.nat({ max: 0xffff }), dstPort: fc.nat({ max: 0xffff }) });
const reverse = (t: { srcIp: number; dstIp: number; srcPort: number; dstPort: number }) => ({ srcIp: t.dstIp, dstIp: t.srcIp, srcPort: t.dstPort, dstPort: t.srcPort });

describe("RSS keys", () => {
  it("the symmetric key: a 4-tuple and its reverse hash alike (any addresses and ports)", () => {
    fc.assert(fc.property(tuple, (t) => toeplitz(t, SYMMETRIC_KEY) === toeplitz(reverse(t), SYMMETRIC_KEY)), { seed: testSeed.seed, numRuns: 2_000 });
  });

  it("the Microsoft key: most connections' two directions reach different queues of 4", () => {
    const split = fc.sample(tuple, { seed: testSeed.seed, numRuns: 1_000 }).filter((t) => rssQueue(toeplitz(t, RSS_KEY), 4) !== rssQueue(toeplitz(reverse(t), RSS_KEY), 4)).length;
    // Independent directions would split 3 times in 4.
    expect(split).toBeGreaterThan(600);
  });
});
