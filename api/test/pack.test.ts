/**
 * nfcheck from outside, as a user gets it: `npm pack` of this repository, installed into a fresh project
 * of its own (offline, from npm's cache, which `npm ci` of this repository fills; consumer-lock.ts says
 * how), then there: the command line on a system that holds and on a broken one, the library and the
 * vitest helpers from a test file of the project's own, and the project's tsc on its imports of nfcheck.
 * One pack and one install serve every case; the temporary folder goes at the end.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { consumerLock, type Lock, type OwnPackage } from "./consumer-lock.ts";

const ROOT = resolve(import.meta.dirname, "../..");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// The child processes must not take this test run's variables for their own (vitest's, chiefly).
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS" && k !== "NFCHECK_SEED"));

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A run that had to succeed: its stdout, or an error with all it said. */
async function ok(command: string, args: readonly string[], cwd: string): Promise<string> {
  const r = await run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

// ——— the consumer's own files ———

/** A system that holds: ports handed to flows and given back; a flow and its port agree on who has what. */
const POOL = `import { defineSystem } from "nfcheck";

interface State {
  readonly owner: readonly (number | null)[]; // per port: the flow that has it
  readonly holds: readonly (number | null)[]; // per flow: the port it has
}
type Event = { readonly take: number } | { readonly give: number };

export default defineSystem({
  name: "port-pool",
  description: "ports handed to flows and given back",
  config: { ports: 2, flows: 3, firstPortAlways: false },
  init: (c): State => ({ owner: Array.from({ length: c.ports }, () => null), holds: Array.from({ length: c.flows }, () => null) }),
  enabled(s: State): Event[] {
    return s.holds.flatMap((port, flow): Event[] => (port !== null ? [{ give: flow }] : s.owner.includes(null) ? [{ take: flow }] : []));
  },
  step(s: State, e: Event, c): State {
    if ("take" in e) {
      const port = c.firstPortAlways ? 0 : s.owner.indexOf(null);
      return { owner: s.owner.map((o, i) => (i === port ? e.take : o)), holds: s.holds.map((h, f) => (f === e.take ? port : h)) };
    }
    const port = s.holds[e.give]!;
    return { owner: s.owner.map((o, i) => (i === port ? null : o)), holds: s.holds.map((h, f) => (f === e.give ? null : h)) };
  },
  quiescent: () => true,
  invariants: {
    agree: (s: State) => {
      const flow = s.holds.findIndex((port, f) => port !== null && s.owner[port] !== f);
      return flow < 0 ? null : \`flow \${flow} holds port \${s.holds[flow]}, which the pool gave to flow \${s.owner[s.holds[flow]!]}\`;
    },
  },
  faults: {
    "first-port-always": { config: { firstPortAlways: true }, kills: "agree", description: "take hands out port 0 even when it is taken" },
  },
});
`;

/** The same pool with its bug on by default; its one fault is the fix, which nothing can kill. */
const BROKEN = `import pool from "./pool.js";

export default {
  ...pool,
  name: "port-pool-broken",
  config: { ...pool.config, firstPortAlways: true },
  faults: { "the-fix": { config: { firstPortAlways: false }, kills: "agree", description: "the bug fixed" } },
};
`;

const HOLDS_TEST = `import { expect, test } from "vitest";
import { checkSystem, makeCounterexample, replay } from "nfcheck";
import { expectFaultsKilled, expectSystemHolds, SystemCheckFailed } from "nfcheck/vitest";
import broken from "./broken.js";
import pool from "./pool.js";

test("the pool holds", () => {
  expect(expectSystemHolds(pool).exploration?.states).toBeGreaterThan(1);
});

test("its fault is killed", () => {
  expect(expectFaultsKilled(pool).faults.map((f) => f.status)).toEqual(["killed"]);
});

test("checkSystem tells the broken pool's violation, and replay reproduces it from the module", async () => {
  const result = checkSystem(broken, { faults: false });
  expect(result.verdict).toBe("violation");
  const found = result.exploration!;
  const cx = makeCounterexample({ model: broken.name, module: "./broken.ts", config: result.config, violation: found.violation!, events: found.events!, found: "explore" });
  expect((await replay(cx)).verdict).toBe("as-expected");
  const fixed = { ...pool, step: (...[s, e, c]: Parameters<typeof pool.step>) => pool.step(s, e, { ...c, firstPortAlways: false }) };
  expect((await replay(cx, { system: fixed })).verdict).toBe("no-violation");
  expect(() => expectSystemHolds(broken)).toThrow(SystemCheckFailed);
});
`;

/** Tests that must fail: their messages are what the outer test reads. */
const FAILS_TEST = `import { test } from "vitest";
import { expectFaultsKilled, expectSystemHolds } from "nfcheck/vitest";
import broken from "./broken.js";

test("the broken pool holds", () => {
  expectSystemHolds(broken);
});

test("the broken pool's faults are killed", () => {
  expectFaultsKilled(broken);
});
`;

/** Compiler options of a plain Node project: no allowImportingTsExtensions, declarations checked too. */
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true,
    skipLibCheck: false, types: ["node"],
  },
  include: ["*.ts"],
};

// ——— the run ———

let dir = "";
let consumer = "";
let packed: readonly string[] = [];
/** The runs in the consumer's project, started together once it is installed (they wait mostly on loading). */
let runs: {
  readonly checkPool: Promise<Run>;
  readonly checkBroken: Promise<Run>;
  readonly vitest: Promise<Run>;
  readonly tsc: Promise<Run>;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "nfcheck-pack-"));
  const pack = JSON.parse(await ok("npm", ["pack", "--json", "--pack-destination", dir], ROOT)) as [{ filename: string; files: { path: string }[] }];
  packed = pack[0].files.map((f) => f.path);
  const tarball = pack[0].filename;

  consumer = join(dir, "consumer");
  await mkdir(consumer);
  const bytes = await readFile(join(dir, tarball));
  await writeFile(join(consumer, tarball), bytes);
  const integrity = `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
  const repoLock = JSON.parse(await readFile(join(ROOT, "package-lock.json"), "utf8")) as Lock;
  const own = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as OwnPackage;
  const { packageJson, lock } = consumerLock(repoLock, own, { name: "nfcheck-consumer", tarball, integrity, extra: ["vitest", "@types/node"] });
  const files: Record<string, string> = {
    "package.json": JSON.stringify(packageJson, null, 2),
    "package-lock.json": JSON.stringify(lock, null, 2),
    "tsconfig.json": JSON.stringify(TSCONFIG, null, 2),
    "pool.ts": POOL,
    "broken.ts": BROKEN,
    "holds.test.ts": HOLDS_TEST,
    "fails.test.ts": FAILS_TEST,
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(consumer, name), text);
  // --offline: from the cache or not at all. No install scripts: nfcheck has none, and needs none of its dependencies'.
  await ok("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], consumer);

  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  // The commands the install linked into node_modules/.bin, which is what `npx nfcheck` runs (without
  // starting npm first, a second of CPU each on a machine the other tests keep busy).
  const bin = (name: string) => join(consumer, "node_modules", ".bin", name);
  runs = {
    checkPool: run(bin("nfcheck"), ["check", "pool.ts"], consumer),
    checkBroken: run(bin("nfcheck"), ["check", "broken.ts", "--out", "found"], consumer),
    vitest: run(bin("vitest"), ["run", "--reporter=json", "--outputFile=results.json"], consumer),
    // This repository's compiler, on the consumer's files with the consumer's options.
    tsc: run(process.execPath, [tsc, "-p", "tsconfig.json"], consumer),
  };
  await Promise.all(Object.values(runs));
}, 300_000);

afterAll(async () => {
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  test("holds the library's entries, their declarations, the sources they load and the command line, and no tests", () => {
    for (const f of ["dist/api/index.mjs", "dist/api/index.d.ts", "dist/api/vitest.mjs", "dist/api/vitest.d.ts", "api/load.mjs", "api/index.ts", "api/vitest.ts", "cli/bin.mjs", "core/explore.ts", "package.json"]) {
      expect(packed).toContain(f);
    }
    const unwanted = packed.filter((f) => /(^|\/)test\/|\.test\.ts$|^(counterexamples|bench|examples)\//.test(f));
    expect(unwanted).toEqual([]);
  });
});

describe("nfcheck check in the consumer's project", () => {
  test("exit 0 for a system that holds and whose fault is killed", async () => {
    const r = await runs.checkPool;
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("first-port-always");
  });

  test("exit 1 for a broken system, with the shortest trace as a table", async () => {
    const r = await runs.checkBroken;
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/agree violated after 2 events/);
    expect(r.stdout).toMatch(/step\s+event\s+state after\s+what changed/);
  });
});

describe("nfcheck and nfcheck/vitest imported by the consumer's own tests", () => {
  interface Assertion { readonly title: string; readonly status: string; readonly failureMessages: readonly string[] }
  let results: Map<string, Assertion>;
  let exitCode = -1;

  beforeAll(async () => {
    const r = await runs.vitest;
    exitCode = r.code;
    const report = JSON.parse(await readFile(join(consumer, "results.json"), "utf8")) as { testResults: { assertionResults: Assertion[] }[] };
    results = new Map(report.testResults.flatMap((f) => f.assertionResults).map((a) => [a.title, a]));
  });

  const outcome = (title: string) => {
    const a = results.get(title);
    if (a === undefined) throw new Error(`no test "${title}" in the consumer's run (it ran: ${[...results.keys()].join("; ")})`);
    return a;
  };

  test("a system that holds passes expectSystemHolds and expectFaultsKilled; checkSystem and replay work from the package", () => {
    for (const t of ["the pool holds", "its fault is killed", "checkSystem tells the broken pool's violation, and replay reproduces it from the module"]) {
      const a = outcome(t);
      expect(a.status, `${t}: ${a.failureMessages.join("\n")}`).toBe("passed");
    }
  });

  test("a broken system fails expectSystemHolds with the violation and its trace table in the message", () => {
    expect(exitCode).toBe(1);
    const a = outcome("the broken pool holds");
    expect(a.status).toBe("failed");
    const message = a.failureMessages.join("\n");
    expect(message).toContain("SystemCheckFailed: port-pool-broken does not hold");
    expect(message).toMatch(/agree broke after 2 events: flow 0 holds port 0, which the pool gave to flow 1/);
    expect(message).toMatch(/step\s+event\s+state after\s+what changed/);
    expect(message).toMatch(/\n\s+2\s+\{"take":1\}/);
  });

  test("a fault that survives fails expectFaultsKilled, named with what it must break", () => {
    const a = outcome("the broken pool's faults are killed");
    expect(a.status).toBe("failed");
    expect(a.failureMessages.join("\n")).toMatch(/faults\.the-fix \(the bug fixed\): survived — agree holds in all \d+ states/);
  });
});

test("the consumer's tsc accepts its imports of nfcheck and nfcheck/vitest, declarations included", async () => {
  const r = await runs.tsc;
  expect(r.stdout + r.stderr).toBe("");
  expect(r.code).toBe(0);
});
