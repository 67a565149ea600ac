/**
 * The report in a real browser (headless Chromium, driven by playwright-core): a run with violations —
 * Ribosome's mutants, each killed with a counterexample, and SCR loss recovery's deadlock without the tail
 * assumption — and the SCR and Ribosome cost plots. Checked: no console error, the summary lists every
 * check, each diagram has one lane per actor and one row per event, a click shows the state diff and the
 * keyboard steps, the plots have their axes and published points. A screenshot goes to test-output/.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCounterexample } from "../../core/counterexample.ts";
import { explore } from "../../core/explore.ts";
import { resolveProfile } from "../../core/profile.ts";
import { specsNamed } from "../../core/system.ts";
import { allMutantChecks } from "../../cli/suites.ts";
import { runChecks, type CheckReport } from "../../cli/run-checks.ts";
import { writeReport } from "../../cli/run-files.ts";
import { systemNamed } from "../../systems/registry.ts";
import { reportOfRun } from "../collect.ts";
import { findChromium } from "./chromium.ts";

const here = dirname(fileURLToPath(import.meta.url));
const OUTPUT = join(here, "..", "..", "test-output");

let browser: Browser;
let page: Page;
const errors: string[] = [];
let reports: CheckReport[];
let deadlockEvents: number;
let plotCount: number;

beforeAll(async () => {
  // The run: Ribosome's mutants (each a violation with its trace) and recovery's deadlock.
  const mutants = (await allMutantChecks()).filter((c) => c.model === "ribosome");
  reports = await runChecks(mutants, { seed: 1, profile: resolveProfile(undefined), quiet: true });
  const recovery = await systemNamed("scr.recovery");
  const json = { ...recovery.presets.default, cores: 3, packets: 6, tailAssumption: false };
  const config = await recovery.resolveConfig(json, { baseDir: here });
  const r = explore({ model: recovery.model, config, specs: specsNamed(recovery, config, []) });
  if (r.status !== "violation") throw new Error(`the recovery deadlock was not found (${r.status})`);
  deadlockEvents = r.events.length;
  const cx = makeCounterexample({ model: recovery.name, config: json, violation: r.violation, events: r.events, found: "explore" });
  reports.push({
    check: { id: "scr.recovery/explore", model: "scr.recovery", property: "all", expect: "pass", run: () => Promise.reject(new Error("run")) },
    seed: 0, outcome: { status: "violation", work: `${r.states} states`, timeMs: r.timeMs, violation: r.violation, counterexample: cx }, asExpected: false,
  });
  const plots = [];
  for (const name of ["scr", "ribosome"]) {
    const cost = (await systemNamed(name)).cost!;
    plots.push(...cost.plots!(await cost.report({})));
  }
  plotCount = plots.length;
  const dir = mkdtempSync(join(tmpdir(), "nfcheck-report-"));
  const file = await writeReport(dir, await reportOfRun(reports, { title: "nfcheck browser test", seed: 1, plots }), true);

  browser = await chromium.launch({ executablePath: findChromium(), args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`file://${file}`);
});

afterAll(async () => {
  await browser?.close();
});

describe("the HTML report in Chromium", () => {
  it("loads without a console error and lists every check", async () => {
    expect(errors).toEqual([]);
    expect(await page.locator("table.summary tr.check").count()).toBe(reports.length);
    for (const r of reports) expect(await page.locator(`table.summary tr.check[data-id="${r.check.id}"]`).count()).toBe(1);
    // The mutants were killed (as expected); the deadlock was not expected.
    expect(await page.locator("table.summary tr.check.failed").count()).toBe(1);
  });

  it("draws the deadlock with the sequencer and three cores as lanes, one row per event, the violation marked", async () => {
    const t = reports.length - 1;
    const table = page.locator(`table.sequence[data-trace="${t}"]`);
    expect(await table.locator(".lane-name").allTextContents()).toEqual(["sequencer", "core 0", "core 1", "core 2"]);
    expect(await table.locator("tr.step:not(.initial)").count()).toBe(deadlockEvents);
    expect(await table.locator("tr.step.violation").getAttribute("data-row")).toBe(String(deadlockEvents));
    expect(await table.locator("tr.violation-message").textContent()).toContain("no-deadlock");
  });

  it("every counterexample has one row per event, each on a lane of the diagram", async () => {
    const withTraces = reports.filter((r) => r.outcome.counterexample !== undefined);
    for (const [t, r] of withTraces.entries()) {
      const table = page.locator(`table.sequence[data-trace="${t}"]`);
      expect(await table.locator("tr.step:not(.initial)").count()).toBe(r.outcome.counterexample!.events.length);
      const lanes = await table.locator(".lane-name").allTextContents();
      for (const actor of await table.locator("tr.step:not(.initial)").evaluateAll((rows) => rows.map((x) => x.getAttribute("data-actor")))) {
        expect(lanes).toContain(actor);
      }
    }
  });

  it("a click shows what the event changed; the arrow keys step", async () => {
    const t = reports.length - 1;
    await page.locator(`table.sequence[data-trace="${t}"] tr.step[data-row="1"]`).click();
    const panel = page.locator(`#state-${t}`);
    expect(await panel.locator("h4").textContent()).toMatch(/^after event 1: /);
    expect(await panel.locator("table.diff tbody tr").count()).toBeGreaterThan(0);
    await page.keyboard.press("ArrowDown");
    expect(await panel.locator("h4").textContent()).toMatch(/^after event 2: /);
    expect(await page.locator(`table.sequence[data-trace="${t}"] tr.step.selected`).getAttribute("data-row")).toBe("2");
    await page.keyboard.press("k");
    expect(await panel.locator("h4").textContent()).toMatch(/^after event 1: /);
  });

  it("draws the cost plots with labelled axes, the SCR programs and the published points", async () => {
    expect(await page.locator("svg.plot").count()).toBe(plotCount);
    const scr = page.locator("#plot-scr-throughput");
    expect(await scr.locator(".x-axis").getAttribute("data-label")).toBe("cores k");
    expect(await scr.locator(".y-axis").getAttribute("data-label")).toBe("throughput (Mpps)");
    expect(await scr.locator("polyline.series").count()).toBe(5);
    expect(await scr.locator("line.level").count()).toBe(5);
    expect(await page.locator("#plot-ribosome-servers path.published").count()).toBe(1);
    expect(await page.locator("#plot-ribosome-header-buffer .x-axis").getAttribute("data-label")).toBe("line rate (Gbit/s)");
  });

  it("saves a screenshot", async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const t = reports.length - 1;
    await page.locator(`#trace-${t}`).scrollIntoViewIfNeeded();
    await page.locator(`table.sequence[data-trace="${t}"] tr.step[data-row="${deadlockEvents}"]`).click();
    const path = join(OUTPUT, "report.png");
    await page.screenshot({ path });
    expect(errors).toEqual([]);
  });
});
