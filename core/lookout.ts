/**
 * What an explorer looks at between its steps — the sequential one (core/explore.ts) and each worker of
 * the parallel one (core/explore-worker.ts): about every millisecond (core/pacer.ts) whether Ctrl-C was
 * pressed, and every MEMORY_LOOK_MS the memory limits (core/memory.ts), however slow a single step of a
 * model with huge states is.
 */
import { interruptRequested } from "./interrupt.ts";
import { formatBytes, memoryInUse, memoryLimitReached, type MemoryUse } from "./memory.ts";
import { Pacer } from "./pacer.ts";
import { formatCount } from "./report.ts";

const MEMORY_LOOK_MS = 50;

/** Why a run must stop now: Ctrl-C, or a memory limit. */
export interface LimitStop {
  readonly limit: "memory" | "heap" | "interrupt";
  readonly reason: string;
}

export class Lookout {
  private readonly pacer = new Pacer();
  private lastMemoryLook = performance.now();
  /** When the last call to `look` looked up (performance.now()); undefined when it did not. */
  now: number | undefined;
  /** Bytes resident at the last memory look, and the most seen. */
  memory = 0;
  peak = 0;

  constructor(private readonly maxMemory: number) {}

  /** Called once per step: a reason to stop now, if there is one; `states`, how many the run has, for the reason. */
  look(states: number): LimitStop | undefined {
    const now = (this.now = this.pacer.tick());
    if (now === undefined) return undefined;
    if (interruptRequested()) return { limit: "interrupt", reason: "interrupted (Ctrl-C)" };
    if (now - this.lastMemoryLook < MEMORY_LOOK_MS) return undefined;
    this.lastMemoryLook = now;
    const use = memoryInUse();
    this.memory = use.rss;
    this.peak = Math.max(this.peak, use.rss);
    const limit = memoryLimitReached(use, this.maxMemory);
    return limit ? { limit, reason: memoryStopReason(limit, use, this.maxMemory, states) } : undefined;
  }
}

/** Why a run stopped at a memory limit, for people. */
export function memoryStopReason(limit: "memory" | "heap", use: MemoryUse, maxMemory: number, states: number): string {
  const at = `at ${formatCount(states)} states`;
  return limit === "memory"
    ? `memory ceiling of ${formatBytes(maxMemory)} reached ${at}`
    : `V8's heap nearly full (${formatBytes(use.heapUsed)} of its ${formatBytes(use.heapLimit)} limit) ${at}`;
}
