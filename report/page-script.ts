/**
 * The report page's only script, inlined (the page works offline, from a file): selecting a row of a
 * sequence diagram (click, or ↑/↓ and j/k on the focused diagram) shows the state after that event — what
 * changed, as a diff, and the whole state folded under it. Plain DOM: a few dozen lines, no framework.
 */
export const PAGE_SCRIPT = String.raw`
(() => {
  const data = JSON.parse(document.getElementById("nfcheck-data").textContent);
  const show = (v) => (v === undefined ? "" : JSON.stringify(v));
  const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  function select(tr) {
    const t = Number(tr.dataset.trace), n = Number(tr.dataset.row);
    const trace = data.traces[t];
    document.querySelectorAll('tr.step.selected[data-trace="' + t + '"]').forEach((r) => r.classList.remove("selected"));
    tr.classList.add("selected");
    tr.focus({ preventScroll: true });
    tr.scrollIntoView({ block: "nearest" });
    const panel = document.getElementById("state-" + t);
    const row = n === 0 ? null : trace.rows[n - 1];
    const state = row === null ? trace.initial : row.state;
    const changes = row === null ? [] : row.changes;
    const title = row === null ? "initial state" : "after event " + n + ": " + esc(row.label);
    const list = changes.length === 0
      ? '<p class="no-change">' + (row === null ? "where the trace starts" : "nothing changed") + "</p>"
      : '<table class="diff"><thead><tr><th>where</th><th>before</th><th>after</th></tr></thead><tbody>' +
        changes.map((c) => '<tr class="' + c.kind + '"><td>' + esc(c.path || "(the state)") + "</td><td>" + esc(show(c.before)) + "</td><td>" + esc(show(c.after)) + "</td></tr>").join("") +
        "</tbody></table>";
    panel.innerHTML = "<h4>" + title + "</h4>" + list +
      "<details><summary>the whole state</summary><pre>" + esc(JSON.stringify(state, null, 2)) + "</pre></details>";
  }
  document.querySelectorAll("tr.step").forEach((tr) => tr.addEventListener("click", () => select(tr)));
  document.addEventListener("keydown", (e) => {
    const current = document.activeElement && document.activeElement.closest ? document.activeElement.closest("tr.step") : null;
    if (!current) return;
    const down = e.key === "ArrowDown" || e.key === "j", up = e.key === "ArrowUp" || e.key === "k";
    if (!down && !up) return;
    const rows = [...document.querySelectorAll('tr.step[data-trace="' + current.dataset.trace + '"]')];
    const next = rows[rows.indexOf(current) + (down ? 1 : -1)];
    if (next) { e.preventDefault(); select(next); }
  });
  // Each diagram starts on the event where its property broke.
  data.traces.forEach((trace, t) => {
    const tr = document.querySelector('tr.step[data-trace="' + t + '"][data-row="' + Math.min(trace.afterEvents, trace.rows.length) + '"]');
    if (tr) select(tr);
  });
  window.scrollTo(0, 0);
})();
`;
