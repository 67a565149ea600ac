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
  },
});
