/**
 * What a user's own connection table (`nfcheck table`, models/conntrack/user-table.ts) must guarantee:
 *
 * lookup-correctness      a lookup returns the map's value of a live key, and misses every other key
 *                         (never inserted, deleted, or — with a timeout — expired);
 * no-early-refusal        an insert refuses (`ok: false`) only when the table holds at least capacity ×
 *                         maxLoad live keys (maxLoad: the module's own, default 1).
 */
import type { StepProperty } from "../core/spec.ts";
import { liveIn } from "../models/conntrack/system.ts";
import { keyText, type UserTableConfig, type UserTableEvent, type UserTableState } from "../models/conntrack/user-table.ts";
import { LOOKUP_CORRECTNESS, lookupProblem } from "./conntrack.ts";

export { LOOKUP_CORRECTNESS };
export const NO_EARLY_REFUSAL = "no-early-refusal";

type Step = StepProperty<UserTableState, UserTableEvent, UserTableConfig>;

const lookupCorrectness: Step = {
  kind: "step", name: LOOKUP_CORRECTNESS,
  check: (before, e, after, c) => (e.type !== "lookup" || after.last?.type !== "lookup" ? null : lookupProblem(before, e.key, after.last.value, c, keyText(e.key))),
};

const noEarlyRefusal: Step = {
  kind: "step", name: NO_EARLY_REFUSAL,
  check(before, e, after, c) {
    if (e.type !== "insert" || after.last?.type !== "insert" || after.last.ok) return null;
    const live = before.reference.filter((_, k) => liveIn(before.reference, k, before.now, c)).length;
    const floor = c.capacity * (c.table.maxLoad ?? 1);
    return live >= floor ? null : `insert of ${keyText(e.key)} was refused (ok: false) with ${live} live key(s) in a table of capacity ${c.capacity}${c.table.maxLoad !== undefined ? ` × maxLoad ${c.table.maxLoad}` : ""}`;
  },
};

export const USER_TABLE_SPECS = [lookupCorrectness, noEarlyRefusal] as const;
