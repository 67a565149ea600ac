/**
 * The size of V8's young generation for nfcheck's worker threads.
 *
 * A random run makes a state per event and drops the run when it ends; a trace's states live for the whole
 * run, longer than V8's default young generation (16 MiB semi-spaces) keeps them, so they are copied to the
 * old generation and die there, where only full collections reclaim them. With 32 MiB semi-spaces most of
 * them die young. Measured on the two-core machine, the test run's SCR equivalence checks (scr-equivalence
 * on five programs and five core counts, in one process): 14.3–19.2 s with the default, 10.4–14.0 s with
 * 32 MiB; the whole `npm test` 218 s of wall time and 417 s of CPU time before, 191 s and 363 s after. The
 * exhaustive explorations, which keep their states, gain little. 64 MiB and 128 MiB were no faster.
 *
 * Threads get it through `resourceLimits` (the young generation is two semi-spaces and the new large
 * object space, each as large as a semi-space: V8's Heap::SemiSpaceSizeFromYoungGenerationSize); the test
 * processes through vitest's `execArgv` (vitest.config.ts). It is a ceiling: a thread that allocates
 * little never grows its young generation to it.
 */
export const SEMI_SPACE_MB = 32;

export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } as const;
