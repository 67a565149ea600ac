/**
 * A watchdog for calls into user code that may never return. The code runs in a worker thread; each
 * watched call bumps counters in shared memory on entry and on return (two atomic adds, cheap enough for
 * every call). The main thread looks every few hundred milliseconds: a call entered and not returned, with
 * no other call since, for longer than the limit, means the worker is stuck; it is terminated and the
 * user is told which function did not return.
 */
import type { Worker } from "node:worker_threads";

/** Functions the watchdog can name (index in shared memory). */
export const WATCHED_NAMES = ["loading the module", "init()", "extract()", "fastForward()", "process()", "push()", "finish()", "a call"] as const;
/**
 * A name of WATCHED_NAMES, or any other (a user's system names its own functions: "invariant no-leak"):
 * such a name is written into the buffer's text cells when it changes, and `WHICH` says to read them.
 */
type WatchedName = (typeof WATCHED_NAMES)[number] | (string & {});

const ENTERED = 0;
const RETURNED = 1;
const WHICH = 2;
/** `WHICH` for a name of its own, held in the text cells (its length, then its UTF-16 units). */
const OWN_NAME = -1;
const TEXT = 3;
const TEXT_UNITS = 120;

let cells: Int32Array | null = null;
let lastOwnName: string | null = null;

/** Worker side: start reporting calls into the given buffer. */
export function attachWatchdog(buffer: SharedArrayBuffer): void {
  cells = new Int32Array(buffer);
  lastOwnName = null;
}

/** Which name to report: its index, or OWN_NAME after writing it into the text cells (only when it changed). */
function which(c: Int32Array, name: string): number {
  const known = (WATCHED_NAMES as readonly string[]).indexOf(name);
  if (known >= 0) return known;
  if (name !== lastOwnName) {
    const n = Math.min(name.length, TEXT_UNITS);
    for (let i = 0; i < n; i++) Atomics.store(c, TEXT + 1 + i, name.charCodeAt(i));
    Atomics.store(c, TEXT, n);
    lastOwnName = name;
  }
  return OWN_NAME;
}

/** Worker side: runs `f` as a watched call (plain call when no watchdog is attached). */
export function watchedCall<T>(name: WatchedName, f: () => T): T {
  const c = cells;
  if (c === null) return f();
  Atomics.store(c, WHICH, which(c, name));
  Atomics.add(c, ENTERED, 1);
  try {
    return f();
  } finally {
    Atomics.add(c, RETURNED, 1);
  }
}

export async function watchedAsync<T>(name: WatchedName, f: () => Promise<T>): Promise<T> {
  const c = cells;
  if (c === null) return f();
  Atomics.store(c, WHICH, which(c, name));
  Atomics.add(c, ENTERED, 1);
  try {
    return await f();
  } finally {
    Atomics.add(c, RETURNED, 1);
  }
}

export function isWatching(): boolean {
  return cells !== null;
}

export function createWatchdogBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer((TEXT + 1 + TEXT_UNITS) * Int32Array.BYTES_PER_ELEMENT);
}

export interface WorkerWatch {
  /** The call into the design in progress, if any, and for how long so far (as of the last look). */
  current(): { readonly name: string; readonly ms: number } | null;
  stop(): void;
}

/**
 * Main side: watches `worker`; when a call has been in progress for `limitMs` with no progress, terminates
 * the worker and calls `onStuck` with the name of the function.
 */
export function watchWorker(worker: Worker, buffer: SharedArrayBuffer, limitMs: number, onStuck: (name: string) => void): WorkerWatch {
  const c = new Int32Array(buffer);
  let lastEntered = -1;
  let since = performance.now();
  let inCall = false;
  const name = () => {
    const at = Atomics.load(c, WHICH);
    if (at !== OWN_NAME) return WATCHED_NAMES[at] ?? "a call";
    const n = Atomics.load(c, TEXT);
    let text = "";
    for (let i = 0; i < n; i++) text += String.fromCharCode(Atomics.load(c, TEXT + 1 + i));
    return text;
  };
  const timer = setInterval(() => {
    const entered = Atomics.load(c, ENTERED);
    inCall = entered !== Atomics.load(c, RETURNED);
    const now = performance.now();
    if (entered !== lastEntered || !inCall) {
      lastEntered = entered;
      since = now;
      return;
    }
    if (now - since >= limitMs) {
      clearInterval(timer);
      onStuck(name());
      void worker.terminate();
    }
  }, Math.min(250, Math.max(10, limitMs / 4)));
  timer.unref();
  return {
    current: () => (inCall ? { name: name(), ms: performance.now() - since } : null),
    stop: () => clearInterval(timer),
  };
}
