/**
 * Memory of a long run: the ceiling an exploration stops at, what the process uses now, and sizes as
 * people write and read them ("4g", "512m", "4.0 GiB").
 *
 * Two measures, because an exploration's memory lives in two places: the resident set (RSS) of the whole
 * process, which counts the visited set's typed arrays (core/state-set.ts) outside V8's heap; and V8's
 * heap, whose own limit (about 4 GiB by default, whatever the machine has) ends the process with
 * "JavaScript heap out of memory" — and everything found so far with it — when it is reached.
 */
import { totalmem } from "node:os";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { InputError } from "./model.ts";

const KiB = 1024;
const MiB = KiB * 1024;
const GiB = MiB * 1024;

/**
 * 8 GiB, or half the machine's memory where that is less: a third of the 24 GiB machine CI runs on, which
 * others share, so a runaway exploration never takes the machine down; and twice what V8's heap may hold,
 * so the ceiling binds only on what lives outside the heap (the visited set of a model with large state
 * keys). The largest exploration of the deep profile peaks far below it (see explore.ts).
 */
export const DEFAULT_MAX_MEMORY = Math.min(8 * GiB, Math.floor(totalmem() / 2));

/**
 * Stop when V8's heap is this full: past it V8 spends its time collecting garbage and then aborts. The
 * margin (about 400 MiB of a 4 GiB heap) is more than an exploration allocates between two looks.
 */
const HEAP_FULL = 0.9;

export interface MemoryUse {
  /** Bytes resident: the whole process, in and out of V8's heap. */
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapLimit: number;
}

/** About 15 µs (RSS is read from the kernel): call it every few tens of milliseconds, not per state. */
export function memoryInUse(): MemoryUse {
  const heap = getHeapStatistics();
  return { rss: process.memoryUsage.rss(), heapUsed: heap.used_heap_size, heapLimit: heap.heap_size_limit };
}

/**
 * Which limit `use` has reached, if any: the ceiling on RSS, or V8's heap limit (less the margin). Both
 * count garbage not yet collected — an exploration that follows a large one in the same process finds the
 * heap, and the memory of the last one's visited set, still full —, so before it answers it has V8 collect
 * everything once and looks again (a full collection of a few GiB takes a second or two; it runs only when
 * a limit looks reached, and a process full of live states ends the run then).
 */
export function memoryLimitReached(use: MemoryUse, ceiling: number): "memory" | "heap" | undefined {
  const heapFull = (used: number) => used >= use.heapLimit * HEAP_FULL;
  if (use.rss < ceiling && !heapFull(use.heapUsed)) return undefined;
  collectGarbage();
  const after = memoryInUse();
  if (after.rss >= ceiling) return "memory";
  return heapFull(after.heapUsed) ? "heap" : undefined;
}

let gc: (() => void) | undefined;

/**
 * A full collection now. V8's `gc` is exposed only with --expose-gc; the flag set at run time takes effect
 * for the contexts made after it, so the function is taken from a new one. (No library does this; Node
 * documents v8.setFlagsFromString for exactly such flags.)
 */
function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

/** "4.0 GiB", "300 MiB", "512 KiB", "100 B". */
export function formatBytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(1)} GiB`;
  if (n >= MiB) return `${Math.round(n / MiB)} MiB`;
  if (n >= KiB) return `${Math.round(n / KiB)} KiB`;
  return `${n} B`;
}

const UNITS: Readonly<Record<string, number>> = { "": 1, b: 1, k: KiB, kb: KiB, kib: KiB, m: MiB, mb: MiB, mib: MiB, g: GiB, gb: GiB, gib: GiB, t: GiB * 1024, tb: GiB * 1024, tib: GiB * 1024 };

/**
 * A size as a person types it: plain bytes, or a number with k, m, g or t (KiB … TiB; "gb" and "GiB" mean
 * the same here, as they do to most people sizing memory). Throws an InputError naming `option`.
 */
export function parseSize(text: string, option: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!(bytes >= 1) || !Number.isSafeInteger(bytes)) {
    throw new InputError(`${option} must be a size such as 4g, 512m, 2GiB or a number of bytes, got "${text}"`);
  }
  return bytes;
}
