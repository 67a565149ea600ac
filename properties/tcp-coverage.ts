/**
 * What the random runs of a rewriter behind the middlebox exercised (core/coverage.ts): streams the
 * rewriter edited, edits whose bytes reached the rewriter in two pieces (a segment ended inside them),
 * runs in which the middlebox held bytes back, and retransmissions whose bytes were rewritten again. A
 * pass in which the rewriter never edited a byte is vacuous: nothing it does was checked.
 */
import type { Coverage } from "../core/coverage.ts";
import { countOf, formatCount } from "../core/report.ts";
import { seqDiff } from "../models/tcp/serial.ts";
import { isOpen, type TcpConfig, type TcpEvent, type TcpState } from "../models/tcp/system.ts";

export function tcpCoverage(): Coverage<TcpState, TcpEvent, TcpConfig> {
  let runs = 0;
  let edited = 0;
  let edits = 0;
  let straddling = 0;
  let held = 0;
  let rewrittenAgain = 0;
  // This run's:
  let chunkStarts = new Set<number>();
  let heldHere = false;
  return {
    step(before, event, after) {
      if (!isOpen(after)) return;
      const b = isOpen(before) ? before.middlebox : null;
      const m = after.middlebox;
      // The rewriter gets the bytes of a segment beyond what it has seen: a new piece starts at `seen`.
      if (b !== null && m.seen > b.seen && b.seen > 0) chunkStarts.add(b.seen);
      if (m.seen > m.decided) heldHere = true;
      if (isOpen(before) && event.type === "deliver" && event.channel === "data-in") {
        const seg = before.channels["data-in"][event.index]!;
        const from = seqDiff(seg.seq, before.conn.isn);
        const forwarded = after.channels["data-out"].length > before.channels["data-out"].length;
        // Bytes seen before, sent again, forwarded with an edit among them: rewritten from the edit log.
        if (forwarded && from < before.middlebox.seen && after.conn.edits.some((e) => e.at < from + seg.length && e.at + Math.max(1, e.remove) > from)) rewrittenAgain++;
      }
    },
    end(final) {
      runs++;
      if (isOpen(final) && final.conn.edits.length > 0) {
        edited++;
        edits += final.conn.edits.length;
        straddling += final.conn.edits.filter((e) => [...chunkStarts].some((s) => e.at < s && s < e.at + e.remove)).length;
      }
      if (heldHere) held++;
      chunkStarts = new Set();
      heldHere = false;
    },
    report() {
      const items = [
        `${formatCount(edited)} of ${countOf(runs, "stream")} edited (${countOf(edits, "edit")})`,
        `${countOf(straddling, "edit")} across segment boundaries`,
        `bytes held back in ${countOf(held, "run")}`,
        `${countOf(rewrittenAgain, "retransmission")} rewritten again`,
      ];
      const vacuous = runs > 0 && edited === 0
        ? `the rewriter edited no byte of ${countOf(runs, "stream")}: nothing it does was checked (--stream or --corpus gives streams it edits; --allow-vacuous accepts such a pass)`
        : null;
      return { items, vacuous };
    },
  };
}
