/** `verify --jobs n`'s choice of a free thread's next check: proofs first, never two at once. */
import { describe, expect, it } from "vitest";
import type { Check } from "../../core/check.ts";
import { nextCheck } from "../parallel-checks.ts";

const check = (id: string) => ({ id }) as Check;

describe("the next check of a free thread", () => {
  const queue = [check("proof/ring-order"), check("proof/fcb-layout"), check("flow/explore"), check("tcp/random")];

  it("is the first in the queue while no proof runs", () => {
    expect(nextCheck(queue, false)).toBe(0);
  });

  it("is the first that is not a proof while a proof runs elsewhere", () => {
    expect(nextCheck(queue, true)).toBe(2);
  });

  it("waits while only proofs are left and one runs, and stops when none are left", () => {
    expect(nextCheck(queue.slice(0, 2), true)).toBe("wait");
    expect(nextCheck(queue.slice(0, 2), false)).toBe(0);
    expect(nextCheck([], true)).toBe("stop");
  });
});
