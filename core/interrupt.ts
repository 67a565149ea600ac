/**
 * Ctrl-C as a request, not a kill. The first SIGINT asks whatever runs — a search, an exploration, a
 * shrink — to stop at its next step and keep what it has: the best counterexample so far is saved and
 * replayable, and the summary is printed. A second SIGINT quits at once (exit 130, as a shell reports a
 * program stopped by SIGINT).
 *
 * The flag is one cell of shared memory, so that the design checker's worker thread (cli/isolate.ts) sees
 * the request its main thread received: signals reach only the main thread.
 */

/** What a shell reports for a program stopped by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

let cell = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

/** True once Ctrl-C was pressed (or `requestInterrupt` called). Cheap: one atomic load. */
export function interruptRequested(): boolean {
  return Atomics.load(cell, 0) !== 0;
}

export function requestInterrupt(): void {
  Atomics.store(cell, 0, 1);
}

/** For tests: forget an earlier request. */
export function clearInterrupt(): void {
  Atomics.store(cell, 0, 0);
}

/** The shared cell, to hand to a worker thread. */
export function interruptBuffer(): SharedArrayBuffer {
  return cell.buffer as SharedArrayBuffer;
}

/** Worker side: read the flag from the main thread's cell. */
export function attachInterrupt(buffer: SharedArrayBuffer): void {
  cell = new Int32Array(buffer);
}

/**
 * Main thread: the first SIGINT sets the flag and calls `onFirst` (to tell the user what happens now);
 * the second exits with 130. Returns a function that removes the handler.
 */
export function handleSigint(onFirst: () => void): () => void {
  const handler = () => {
    if (interruptRequested()) process.exit(EXIT_INTERRUPTED);
    requestInterrupt();
    onFirst();
  };
  process.on("SIGINT", handler);
  return () => process.off("SIGINT", handler);
}
