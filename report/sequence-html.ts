/**
 * A counterexample as a sequence diagram: a table with one row per event — its number, the event in the
 * system's words, and a strip of SVG with one vertical lane per actor, a dot on the lane of the actor that
 * acts and an arrow to each actor it sends to. The lanes line up from row to row, so the strips read as one
 * message sequence chart, while each row stays a table row a person (and the keyboard) can select. The row
 * after which the property broke is marked, with the message under it.
 */
import { escapeHtml } from "./html-text.ts";
import { PALETTE } from "./plot-svg.ts";
import type { TraceView } from "./trace-view.ts";

const LANE = 120;
const ROW = 26;

const centre = (i: number) => i * LANE + LANE / 2;

function laneLines(count: number): string {
  return Array.from({ length: count }, (_, i) => `<line x1="${centre(i)}" x2="${centre(i)}" y1="0" y2="${ROW}" class="lane"/>`).join("");
}

function rowSvg(view: TraceView, actor: string, to: readonly string[], lost: boolean, broke: boolean): string {
  const width = view.actors.length * LANE;
  const a = view.actors.indexOf(actor);
  const colour = PALETTE[a % PALETTE.length]!;
  const y = ROW / 2;
  const targets = to.filter((t) => t !== actor);
  const arrows = targets.map((t, i) => {
    const b = view.actors.indexOf(t);
    // Several arrows from one event are spread vertically, so that a long one does not hide a short one.
    const y = ROW / 2 + (i - (targets.length - 1) / 2) * 7;
    const dir = b > a ? 1 : -1;
    const end = centre(b) - dir * 6;
    if (lost) {
      // Lost on the way: a dashed arrow that stops half-way, with a cross.
      const mid = (centre(a) + centre(b)) / 2;
      return `<line x1="${centre(a)}" y1="${y}" x2="${mid}" y2="${y}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="4 3" class="arrow lost" data-to="${escapeHtml(t)}"/>`
        + `<path d="M${mid - 4} ${y - 4} l8 8 M${mid + 4} ${y - 4} l-8 8" stroke="#c00" stroke-width="2"/>`;
    }
    return `<line x1="${centre(a)}" y1="${y}" x2="${end}" y2="${y}" stroke="${colour}" stroke-width="1.5" class="arrow" data-to="${escapeHtml(t)}"/>`
      + `<path d="M${end} ${y} l${-dir * 7} -4 v8 z" fill="${colour}"/>`;
  }).join("");
  const dot = broke
    ? `<g class="broke"><circle cx="${centre(a)}" cy="${y}" r="8" fill="#c00"/><path d="M${centre(a) - 4} ${y - 4} l8 8 M${centre(a) + 4} ${y - 4} l-8 8" stroke="white" stroke-width="2"/></g>`
    : `<circle cx="${centre(a)}" cy="${y}" r="5" fill="${colour}" class="actor-dot"/>`;
  return `<svg width="${width}" height="${ROW}" viewBox="0 0 ${width} ${ROW}" xmlns="http://www.w3.org/2000/svg">${laneLines(view.actors.length)}${arrows}${dot}</svg>`;
}

/** The diagram of trace `index` (its rows carry `data-trace`/`data-row` for the page's script). */
export function sequenceHtml(view: TraceView, index: number): string {
  const head = view.actors.map((a, i) => `<div class="lane-name" style="width:${LANE}px;color:${PALETTE[i % PALETTE.length]}" title="${escapeHtml(a)}">${escapeHtml(a)}</div>`).join("");
  const out: string[] = [];
  out.push(`<table class="sequence" data-trace="${index}"><thead><tr><th>#</th><th>event</th><th class="lanes"><div class="lane-names">${head}</div></th></tr></thead><tbody>`);
  out.push(`<tr class="step initial" data-trace="${index}" data-row="0" tabindex="-1"><td>0</td><td>initial state</td><td class="lanes"><svg width="${view.actors.length * LANE}" height="${ROW}" xmlns="http://www.w3.org/2000/svg">${laneLines(view.actors.length)}</svg></td></tr>`);
  for (const r of view.rows) {
    const broke = r.n === view.afterEvents;
    out.push(`<tr class="step${broke ? " violation" : ""}" data-trace="${index}" data-row="${r.n}" data-actor="${escapeHtml(r.actor)}" tabindex="-1">`
      + `<td>${r.n}</td><td class="label" title="${escapeHtml(r.label)}">${escapeHtml(r.label)}</td><td class="lanes">${rowSvg(view, r.actor, r.to, r.lost ?? false, broke)}</td></tr>`);
    if (broke) out.push(`<tr class="violation-message"><td></td><td colspan="2">✗ ${escapeHtml(view.property)} violated: ${escapeHtml(view.message)}</td></tr>`);
  }
  if (view.afterEvents === 0) out.push(`<tr class="violation-message"><td></td><td colspan="2">✗ ${escapeHtml(view.property)} violated in the initial state: ${escapeHtml(view.message)}</td></tr>`);
  else if (view.afterEvents > view.rows.length) out.push(`<tr class="violation-message"><td></td><td colspan="2">✗ ${escapeHtml(view.property)} violated at the end: ${escapeHtml(view.message)}</td></tr>`);
  out.push("</tbody></table>");
  return out.join("\n");
}
