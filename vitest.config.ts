import { defineConfig } from "vitest/config";

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
  },
});
