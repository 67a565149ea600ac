import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";
import { SEMI_SPACE_MB } from "./core/young-generation.ts";

/**
 * Seconds each of the longest files took on the two-core machine, the last time they were measured (the
 * pack test's from the default reporter on a fresh clone, as its work is in a hook). The two forks take
 * files from one queue, so a long file that starts last keeps one core busy while the other waits: the
 * longest go first. Vitest orders by the durations of the previous run where it
 * has them (its cache); a fresh clone has none, and without them it keeps the order it found the files in.
 * Only the order depends on these figures, never what runs.
 */
const SECONDS: Readonly<Record<string, number>> = {
  "proofs/recovery-bmc.test.ts": 44,
  "cli/test/commands.test.ts": 37,
  "api/test/pack.test.ts": 35,
  "cli/test/design-checkers.test.ts": 32,
  "core/test/compact-keys.test.ts": 27,
  "proofs/tcp-mapping.test.ts": 19,
  "proofs/in-worker.test.ts": 18,
  "properties/scr.equivalence.test.ts": 17,
  "properties/recovery.test.ts": 17,
  "cli/test/cli.test.ts": 17,
  "core/test/freeze.test.ts": 13,
  "properties/tcp.test.ts": 10,
  "properties/ribosome.test.ts": 10,
  "properties/flow.test.ts": 10,
  "properties/scr.program.test.ts": 7,
  "core/test/explore-variants.test.ts": 6,
  "cli/test/check.test.ts": 6,
  "report/test/browser.test.ts": 5,
  "proofs/proofs.test.ts": 5,
  "proofs/fcb-layout.test.ts": 5,
  "properties/conntrack.test.ts": 4,
  "properties/offload.test.ts": 3,
  "properties/discovery.test.ts": 3,
  "models/ribosome/test/ribosome.test.ts": 3,
  "cli/test/json.test.ts": 3,
  "cli/test/report-files.test.ts": 2,
};

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const path = (f: TestSpecification) => relative(this.ctx.config.root, f.moduleId);
    const cached = (f: TestSpecification) => this.ctx.cache.getFileTestResults(`${f.project.name}:${path(f)}`);
    if (files.every(cached)) return super.sort(files);
    const seconds = (f: TestSpecification) => SECONDS[path(f)] ?? 0;
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**"],
    globalSetup: ["./properties/global-setup.ts"],
    reporters: ["default", "./properties/closing-line-reporter.ts"],
    // Property suites run thousands of traces; vitest's 5 s default is for unit tests. No test asserts a time.
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two cores here: one fork per core (vitest would otherwise leave one core to itself).
    maxWorkers: 2,
    // A fork runs file after file with the modules it has loaded (effect, the models, Z3) instead of a new
    // process per file: about 50 s less of loading in a run. What a test changes of the process (the
    // environment, the working directory, spies on stdout) it puts back in a finally or an afterEach.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    // The young generation nfcheck gives its own threads (core/young-generation.ts says why and what it saves).
    execArgv: [`--max-semi-space-size=${SEMI_SPACE_MB}`],
  },
});
