/**
 * An FCB's use count (MiddleClick §II-G): the packets of its session being processed. A packet acquires
 * one when it is classified to the FCB and releases it when it is done. The design never releases more
 * than it acquired; what the count does if a broken element does is the config's `overRelease`
 * (config.ts): it stays at zero, or — the FastClick code, include/click/flow/common.hh, whose
 * `unsigned use_count` is decremented after a mere click_chatter in FlowControlBlock::release — it wraps
 * around modulo 2^32.
 */
import { USE_COUNT_MODULUS, type FlowConfig } from "./config.ts";

/** The count after `n` packets acquired it (FlowControlBlock::acquire: `use_count += n`). */
export const countAfterAcquire = (c: Pick<FlowConfig, "overRelease">, count: number, n: number): number =>
  c.overRelease === "wrap" ? (count + n) % USE_COUNT_MODULUS : count + n;

/** The count after `n` packets released it (FlowControlBlock::release: `use_count -= n`). */
export function countAfterRelease(c: Pick<FlowConfig, "overRelease">, count: number, n: number): number {
  const left = count - n;
  if (left >= 0) return left;
  return c.overRelease === "wrap" ? ((left % USE_COUNT_MODULUS) + USE_COUNT_MODULUS) % USE_COUNT_MODULUS : 0;
}
