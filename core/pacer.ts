/**
 * When a loop of uneven steps should look up from its work (memory, Ctrl-C, progress), at little cost.
 * Reading the clock costs about 0.1 µs, a sizeable part of an explorer step, so it is read every `stride`
 * ticks, the stride chosen so that a read comes about every millisecond: it grows (at most doubling) while
 * ticks are fast and drops at once to match slow ones. A loop whose steps turn a thousand times slower —
 * states that grow huge — is therefore looked at again within about a second, then every millisecond.
 */
const TARGET_MS = 1;
const MAX_STRIDE = 4_096;

export class Pacer {
  private stride = 1;
  private left = 1;
  private last = performance.now();

  /** One unit of work done; the time now when it is time to look, else undefined. */
  tick(): number | undefined {
    if (--this.left > 0) return undefined;
    const now = performance.now();
    const perTick = Math.max(now - this.last, 1e-3) / this.stride;
    this.stride = Math.max(1, Math.min(this.stride * 2, MAX_STRIDE, Math.floor(TARGET_MS / perTick)));
    this.left = this.stride;
    this.last = now;
    return now;
  }
}
