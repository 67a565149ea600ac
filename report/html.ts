/**
 * The report (`--report <dir>` → `<dir>/index.html`): one self-contained page — styles, script and data
 * inline, no network at view time — with the summary of every check (status, property, how it was
 * checked, time, seed, a link to its counterexample), a sequence diagram per counterexample with the
 * state after each event, and the cost plots.
 */
import type { Plot } from "../core/plot.ts";
import { formatDuration } from "../core/report.ts";
import { escapeHtml, scriptJson } from "./html-text.ts";
import { PAGE_SCRIPT } from "./page-script.ts";
import { plotSvg } from "./plot-svg.ts";
import { sequenceHtml } from "./sequence-html.ts";
import type { TraceView } from "./trace-view.ts";

/** One check of the run, as the summary shows it. */
export interface ReportCheck {
  readonly id: string;
  readonly system: string;
  readonly property: string;
  readonly expect: "pass" | "violation";
  /** "pass", "killed", "found", "VIOLATION", "SURVIVED", … (the words the terminal prints). */
  readonly result: string;
  /** Did it do what it is for (a pass, a mutant killed)? */
  readonly ok: boolean;
  /** "12,345 states", "100 runs". */
  readonly work: string;
  readonly timeMs: number;
  readonly seed?: number;
  readonly message?: string;
  /** Its counterexample's index in `traces`. */
  readonly trace?: number;
  /** Where its counterexample is saved. */
  readonly saved?: string;
}

export interface ReportData {
  /** The command as run: "nfcheck verify --only ribosome". */
  readonly title: string;
  readonly created: string;
  readonly seed?: number;
  readonly profile?: string;
  readonly checks: readonly ReportCheck[];
  readonly traces: readonly (TraceView & { readonly title: string; readonly saved?: string })[];
  readonly plots: readonly Plot[];
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1a1a1a; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 20px 0 6px; }
.meta { color: #555; margin-bottom: 16px; }
table { border-collapse: collapse; }
table.summary td, table.summary th { padding: 3px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
table.summary td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.ok .result { color: #06763b; } tr.failed .result { color: #c00; font-weight: 600; }
.counts { font-weight: 600; margin: 8px 0; }
.trace { display: flex; gap: 24px; align-items: flex-start; }
.trace-diagram { overflow-x: auto; max-width: 65%; }
.state { position: sticky; top: 8px; flex: 1; min-width: 280px; max-height: 90vh; overflow: auto; border: 1px solid #ddd; padding: 8px 12px; border-radius: 4px; background: #fafafa; }
.state h4 { margin: 0 0 8px; font-size: 14px; }
table.sequence { font-size: 13px; }
table.sequence td, table.sequence th { padding: 0 8px; white-space: nowrap; text-align: left; }
table.sequence td.lanes, table.sequence th.lanes { padding: 0; }
table.sequence td.label { max-width: 420px; overflow: hidden; text-overflow: ellipsis; }
table.sequence tr.step { cursor: pointer; height: 26px; }
table.sequence tr.step:hover { background: #f0f4fa; }
table.sequence tr.step.selected { background: #dce8f8; outline: none; }
table.sequence tr.violation td { font-weight: 600; }
table.sequence tr.violation-message td { color: #c00; padding: 2px 8px 6px; white-space: normal; }
.lane-names { display: flex; } .lane-name { text-align: center; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
svg line.lane { stroke: #bbb; stroke-dasharray: 3 3; }
table.diff td, table.diff th { padding: 2px 8px; border-bottom: 1px solid #e4e4e4; font: 12px ui-monospace, monospace; text-align: left; vertical-align: top; }
table.diff tr.added td:nth-child(3) { color: #06763b; } table.diff tr.removed td:nth-child(2) { color: #c00; text-decoration: line-through; }
pre { font: 12px ui-monospace, monospace; white-space: pre-wrap; }
.problem { color: #c00; font-weight: 600; }
.plots { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; } figcaption { color: #555; font-size: 12px; max-width: 640px; }
svg.plot text.tick { font-size: 11px; fill: #333; } svg.plot text.axis-title { font-size: 12px; fill: #111; }
.hint { color: #777; font-size: 12px; }
`;

/** When a report was made, to the second (UTC). */
export const reportCreated = (at = new Date()): string => at.toISOString().replace(/\.\d+Z$/, "Z");

function summary(d: ReportData): string {
  const failed = d.checks.filter((c) => !c.ok).length;
  const rows = d.checks.map((c) => {
    const link = c.trace !== undefined ? `<a href="#trace-${c.trace}">${c.saved !== undefined ? escapeHtml(c.saved) : "trace"}</a>` : c.saved !== undefined ? escapeHtml(c.saved) : "";
    return `<tr class="check ${c.ok ? "ok" : "failed"}" data-id="${escapeHtml(c.id)}"><td>${escapeHtml(c.system)}</td><td>${escapeHtml(c.id)}</td><td>${escapeHtml(c.property)}</td>`
      + `<td>${c.expect === "violation" ? "a violation" : "pass"}</td><td class="result">${escapeHtml(c.result)}</td><td class="num">${escapeHtml(c.work)}</td>`
      + `<td class="num">${formatDuration(c.timeMs)}</td><td class="num">${c.seed ?? ""}</td><td>${link}</td></tr>`;
  });
  return `<h2>Checks</h2><p class="counts">${d.checks.length - failed} of ${d.checks.length} as expected${failed > 0 ? `, ${failed} not` : ""}</p>`
    + `<table class="summary"><thead><tr><th>system</th><th>check</th><th>property</th><th>expects</th><th>result</th><th>how</th><th>time</th><th>seed</th><th>counterexample</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function traces(d: ReportData): string {
  if (d.traces.length === 0) return "";
  const parts = d.traces.map((t, i) => `<section class="counterexample" id="trace-${i}"><h3>${escapeHtml(t.title)}</h3>`
    + `<p>${escapeHtml(t.property)} violated after ${t.afterEvents} event${t.afterEvents === 1 ? "" : "s"}: ${escapeHtml(t.message)}${t.saved !== undefined ? ` — saved as <code>${escapeHtml(t.saved)}</code> (<code>nfcheck replay ${escapeHtml(t.saved)}</code>)` : ""}</p>`
    + (t.problem !== undefined ? `<p class="problem">${escapeHtml(t.problem)}</p>` : "")
    + `<div class="trace"><div class="trace-diagram">${sequenceHtml(t, i)}</div><div class="state" id="state-${i}" aria-live="polite"></div></div></section>`);
  return `<h2>Counterexamples</h2><p class="hint">Click an event, or focus a diagram and step with ↑ ↓ (or j k): the panel shows what changed and the state after it.</p>${parts.join("\n")}`;
}

function plots(d: ReportData): string {
  if (d.plots.length === 0) return "";
  return `<h2>Cost models</h2><div class="plots">${d.plots.map((p) => `<figure><h3>${escapeHtml(p.title)}</h3>${plotSvg(p)}${p.caption !== undefined ? `<figcaption>${escapeHtml(p.caption)}</figcaption>` : ""}</figure>`).join("\n")}</div>`;
}

export function reportHtml(d: ReportData): string {
  const meta = [d.created, d.seed !== undefined ? `seed ${d.seed}` : "", d.profile !== undefined ? `profile ${d.profile}` : ""].filter((s) => s !== "").join(" · ");
  // The page's script reads what it needs (states and diffs) from this JSON; the rest is static HTML.
  const data = { traces: d.traces.map((t) => ({ initial: t.initial, afterEvents: t.afterEvents, rows: t.rows.map((r) => ({ label: r.label, state: r.state, changes: r.changes })) })) };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(d.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(d.title)}</h1>
<div class="meta">${escapeHtml(meta)}</div>
${d.checks.length > 0 ? summary(d) : ""}
${traces(d)}
${plots(d)}
<script type="application/json" id="nfcheck-data">${scriptJson(data)}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
