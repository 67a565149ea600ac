/**
 * A cost plot as inline SVG: labelled axes with units and ticks, one polyline per series, dashed levels
 * (a limit such as SCR's 1/c2) in the series' colour, and the published points as hollow diamonds with
 * their source in a tooltip. Scales and tick choice come from d3-scale (small, maintained, no DOM);
 * the SVG itself is a few template strings, where a charting library would bring a DOM or a runtime the
 * self-contained report does not want.
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from "d3-scale";
import type { Axis, Plot } from "../core/plot.ts";
import { escapeHtml } from "./html-text.ts";

const W = 720;
const H = 360;
const M = { left: 64, right: 250, top: 16, bottom: 48 };

/** Colours told apart also in grey and by most colour-blind readers (Okabe–Ito). */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

const axisTitle = (a: Axis) => (a.unit === "" ? a.label : `${a.label} (${a.unit})`);

function scaleFor(a: Axis, values: readonly number[], range: [number, number]): ScaleContinuousNumeric<number, number> {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (a.scale === "log") return scaleLog().domain([Math.max(lo, Number.MIN_VALUE), hi === lo ? lo * 10 : hi]).range(range).nice();
  const from = Math.min(0, lo);
  return scaleLinear().domain([from, hi === from ? from + 1 : hi]).range(range).nice();
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();

export function plotSvg(p: Plot): string {
  const xs = [...p.series.flatMap((s) => s.points.map(([x]) => x)), ...(p.published ?? []).map((q) => q.x)];
  const ys = [...p.series.flatMap((s) => s.points.map(([, y]) => y)), ...(p.levels ?? []).map((l) => l.y), ...(p.published ?? []).map((q) => q.y)];
  const x = scaleFor(p.x, xs, [M.left, W - M.right]);
  const y = scaleFor(p.y, ys, [H - M.bottom, M.top]);
  const colour = new Map(p.series.map((s, i) => [s.name, PALETTE[i % PALETTE.length]!]));
  const out: string[] = [];
  out.push(`<svg class="plot" id="plot-${escapeHtml(p.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(p.title)}" xmlns="http://www.w3.org/2000/svg">`);
  // Axes: ticks, grid, titles.
  const xTicks = x.ticks(p.x.scale === "log" ? 6 : 8);
  const yTicks = y.ticks(6);
  const xFormat = x.tickFormat(p.x.scale === "log" ? 6 : 8, p.x.scale === "log" ? "~s" : undefined);
  const yFormat = y.tickFormat(6);
  out.push(`<g class="axis x-axis" data-label="${escapeHtml(axisTitle(p.x))}">`);
  out.push(`<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#333"/>`);
  for (const t of xTicks) {
    const tx = n(x(t));
    out.push(`<line x1="${tx}" y1="${H - M.bottom}" x2="${tx}" y2="${H - M.bottom + 5}" stroke="#333"/><text x="${tx}" y="${H - M.bottom + 18}" text-anchor="middle" class="tick">${escapeHtml(xFormat(t))}</text>`);
  }
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle" class="axis-title">${escapeHtml(axisTitle(p.x))}</text></g>`);
  out.push(`<g class="axis y-axis" data-label="${escapeHtml(axisTitle(p.y))}">`);
  out.push(`<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="#333"/>`);
  for (const t of yTicks) {
    const ty = n(y(t));
    out.push(`<line x1="${M.left - 5}" y1="${ty}" x2="${W - M.right}" y2="${ty}" stroke="#ddd"/><text x="${M.left - 8}" y="${ty}" dy="0.32em" text-anchor="end" class="tick">${escapeHtml(yFormat(t))}</text>`);
  }
  out.push(`<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle" class="axis-title">${escapeHtml(axisTitle(p.y))}</text></g>`);
  // Levels, series, published points.
  for (const l of p.levels ?? []) {
    const c = (l.series !== undefined ? colour.get(l.series) : undefined) ?? "#666";
    out.push(`<line class="level" x1="${M.left}" x2="${W - M.right}" y1="${n(y(l.y))}" y2="${n(y(l.y))}" stroke="${c}" stroke-dasharray="5 4"><title>${escapeHtml(`${l.name}: ${l.y}`)}</title></line>`);
  }
  for (const s of p.series) {
    const c = colour.get(s.name)!;
    const pts = s.points.map(([px, py]) => `${n(x(px))},${n(y(py))}`).join(" ");
    out.push(`<polyline class="series" data-series="${escapeHtml(s.name)}" points="${pts}" fill="none" stroke="${c}" stroke-width="2"/>`);
    for (const [px, py] of s.points) out.push(`<circle cx="${n(x(px))}" cy="${n(y(py))}" r="2.5" fill="${c}"><title>${escapeHtml(`${s.name}: ${px} → ${py}`)}</title></circle>`);
  }
  for (const q of p.published ?? []) {
    const [qx, qy] = [x(q.x), y(q.y)];
    out.push(`<path class="published" d="M${n(qx)} ${n(qy - 6)} L${n(qx + 6)} ${n(qy)} L${n(qx)} ${n(qy + 6)} L${n(qx - 6)} ${n(qy)} Z" fill="white" stroke="#000" stroke-width="1.5"><title>${escapeHtml(`${q.label}: ${q.y} at ${q.x} (${q.source})`)}</title></path>`);
  }
  // Legend, right of the plot.
  const legend = [
    ...p.series.map((s) => ({ mark: `<line x1="0" x2="18" y1="0" y2="0" stroke="${colour.get(s.name)}" stroke-width="2"/>`, text: s.name })),
    ...((p.levels?.length ?? 0) > 0 ? [{ mark: `<line x1="0" x2="18" y1="0" y2="0" stroke="#666" stroke-dasharray="5 4"/>`, text: p.levelsLabel ?? "limit" }] : []),
    ...((p.published?.length ?? 0) > 0 ? [{ mark: `<path d="M9 -5 L14 0 L9 5 L4 0 Z" fill="white" stroke="#000"/>`, text: "published" }] : []),
  ];
  out.push(`<g class="legend" transform="translate(${W - M.right + 12} ${M.top + 6})">`);
  for (const [i, l] of legend.entries()) out.push(`<g transform="translate(0 ${i * 18})">${l.mark}<text x="24" dy="0.32em" class="tick">${escapeHtml(l.text)}</text></g>`);
  out.push("</g></svg>");
  return out.join("\n");
}
