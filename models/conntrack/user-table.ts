/**
 * A user's own connection table (`nfcheck table <module>`), driven as nfcheck drives its built-in ones
 * (models/conntrack/system.ts) and judged against the same map with expiry. The module imports nothing
 * and default-exports
 *
 *   { name, init({ capacity, hashes }) → state, insert(state, key, value, now) → { state, ok },
 *     lookup(state, key, now) → value or undefined, delete(state, key) → { state, ok },
 *     expire?(state, now) → state, timeout?, maxLoad? }
 *
 * Keys are strings (a 5-tuple), values numbers; `ok: false` from an insert means the table is full. The
 * hash functions are nfcheck's, chosen to be adversarial: every key in one bucket, keys in two buckets, the
 * identity on the small keys, and a real hash (FNV-1a); a table uses one or more of them (`hashes[0]`,
 * `hashes[1]`, …) and may keep them in its state. With a `timeout`, an entry is live while now < the time
 * it was last inserted + timeout (a lookup returns no state, so it cannot refresh an entry); `expire(state,
 * now)` runs at every tick.
 * States must be plain data (functions — the hash functions — are allowed).
 */
import { Schema } from "effect";
import { optionalField, field } from "../../core/config-field.ts";
import { importDefault } from "../../core/load-module.ts";
import { ContractError, InputError, ModelError, namedCall, type Model } from "../../core/model.ts";
import { describeKind } from "../../core/plain-data.ts";
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";
import { isWatching, watchedCall } from "../../core/watchdog.ts";
import { liveIn, operationEvents, setRef, type Reference, type TableEvent } from "./system.ts";

export type Hash = (key: string) => number;

export interface UserTable {
  readonly name: string;
  init(o: { readonly capacity: number; readonly hashes: readonly Hash[] }): unknown;
  insert(state: unknown, key: string, value: number, now: number): { state: unknown; ok: boolean };
  lookup(state: unknown, key: string, now: number): number | undefined;
  delete(state: unknown, key: string): { state: unknown; ok: boolean };
  expire?(state: unknown, now: number): unknown;
  readonly timeout?: number;
  readonly maxLoad?: number;
}

/** Key i: a TCP 5-tuple whose fourth source byte is i (the identity hash reads it back). */
export const keyText = (i: number) => `10.0.${i >> 8}.${i & 255}:${1_000 + i}->192.168.0.1:80/tcp`;
const indexOf = (key: string) => {
  const m = /^10\.0\.(\d+)\.(\d+):/.exec(key);
  return m ? Number(m[1]) * 256 + Number(m[2]) : 0;
};

/** FNV-1a, 32 bits. */
function fnv1a(key: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The hash-function families nfcheck drives a table with: two functions each. */
export const HASH_FAMILIES = {
  "one-bucket": [() => 0, () => 0],
  "two-buckets": [(k: string) => indexOf(k) % 2, (k: string) => (indexOf(k) + 1) % 2],
  identity: [(k: string) => indexOf(k), (k: string) => indexOf(k) * 7 + 1],
  fnv: [(k: string) => fnv1a(k, 0), (k: string) => fnv1a(k, 0x9e3779b9)],
} as const satisfies Record<string, readonly [Hash, Hash]>;
export type HashFamily = keyof typeof HASH_FAMILIES;
export const HASH_FAMILY_NAMES = Object.keys(HASH_FAMILIES) as HashFamily[];

export const UserTableConfigJson = Schema.Struct({
  module: field(Schema.String.pipe(Schema.minLength(1)), "the table's module (.ts or .js), relative to the counterexample file or the working directory"),
  capacity: optionalField(Schema.Int.pipe(Schema.between(1, 1 << 16)), "the capacity the table is initialised with", 4),
  keys: optionalField(Schema.Int.pipe(Schema.between(1, 1 << 16)), "keys, 0..keys−1 (key i is the 5-tuple 10.0.x.i:1000+i → 192.168.0.1:80)", 5),
  hashes: optionalField(Schema.Literal(...HASH_FAMILY_NAMES), "the hash functions: one-bucket, two-buckets, identity or fnv", "one-bucket"),
  maxOps: optionalField(Schema.Int.pipe(Schema.between(0, 1 << 20)), "operations in a run, at most", 6),
  maxTicks: optionalField(Schema.Int.pipe(Schema.between(0, 1 << 20)), "ticks in a run, at most (only for a table with a timeout)", 3),
});
export type UserTableConfigJson = Schema.Schema.Type<typeof UserTableConfigJson>;

export interface UserTableConfig {
  readonly table: UserTable;
  readonly path: string;
  readonly capacity: number;
  readonly keys: number;
  readonly hashes: HashFamily;
  readonly maxOps: number;
  readonly maxTicks: number;
  /** For the map with expiry: the table's timeout (ageing "none" without one). */
  readonly ageing: "none" | "lazy";
  readonly timeout: number;
}

export function tableShapeProblem(x: unknown): string | null {
  if (typeof x !== "object" || x === null) return `expected an object with name, init, insert, lookup and delete, got ${describeKind(x)}`;
  const t = x as Record<string, unknown>;
  const missing = [
    ...(typeof t["name"] === "string" && t["name"] !== "" ? [] : ["no name (a non-empty string)"]),
    ...["init", "insert", "lookup", "delete"].filter((f) => typeof t[f] !== "function").map((f) => `no ${f}() function`),
    ...(t["expire"] !== undefined && typeof t["expire"] !== "function" ? ["an expire that is not a function"] : []),
    ...(t["timeout"] !== undefined && !(typeof t["timeout"] === "number" && Number.isInteger(t["timeout"]) && t["timeout"] > 0) ? ["a timeout that is not a positive integer"] : []),
    ...(t["maxLoad"] !== undefined && !(typeof t["maxLoad"] === "number" && t["maxLoad"] > 0 && t["maxLoad"] <= 1) ? ["a maxLoad that is not in (0, 1]"] : []),
  ];
  return missing.length === 0 ? null : `it has ${missing.join("; ")}`;
}

/** Every call named ("insert() threw …") and, in the checker's worker, watched for one that never returns. */
function around(t: UserTable): UserTable {
  const call = <T>(name: string, f: () => T): T => namedCall(name, () => (isWatching() ? watchedCall(name, f) : f()));
  return {
    ...t,
    init: (o) => call("init()", () => t.init(o)),
    insert: (s, k, v, now) => call("insert()", () => t.insert(s, k, v, now)),
    lookup: (s, k, now) => call("lookup()", () => t.lookup(s, k, now)),
    delete: (s, k) => call("delete()", () => t.delete(s, k)),
    ...(t.expire ? { expire: (s: unknown, now: number) => call("expire()", () => t.expire!(s, now)) } : {}),
  };
}

const loaded = new Map<string, UserTable>();

export async function loadUserTable(file: string, baseDirs: readonly string[]): Promise<{ readonly table: UserTable; readonly path: string }> {
  const { value, path } = await importDefault(file, baseDirs);
  const cached = loaded.get(path);
  if (cached) return { table: cached, path };
  const problem = tableShapeProblem(value);
  if (problem !== null) throw new InputError(`${file}: the default export is not a table: ${problem}`);
  const table = around(value as UserTable);
  loaded.set(path, table);
  return { table, path };
}

export async function toUserTableConfig(json: UserTableConfigJson, baseDirs: readonly string[]): Promise<UserTableConfig> {
  const { table, path } = await loadUserTable(json.module, baseDirs);
  return {
    table, path, capacity: json.capacity ?? 4, keys: json.keys ?? 5, hashes: json.hashes ?? "one-bucket", maxOps: json.maxOps ?? 6,
    maxTicks: table.timeout !== undefined ? (json.maxTicks ?? 3) : 0, ageing: table.timeout !== undefined ? "lazy" : "none", timeout: table.timeout ?? 1,
  };
}

/** The same events as the built-in tables' (models/conntrack/system.ts). */
export type UserTableEvent = TableEvent;

export interface UserTableState {
  readonly table: unknown;
  readonly reference: Reference;
  readonly now: number;
  readonly ops: number;
  readonly ticks: number;
  readonly last: { readonly type: "lookup"; readonly key: number; readonly value: number | null } | { readonly type: "insert"; readonly key: number; readonly ok: boolean } | null;
}

function result(name: string, r: unknown): { state: unknown; ok: boolean } {
  if (typeof r !== "object" || r === null || typeof (r as { ok?: unknown }).ok !== "boolean" || !("state" in r)) {
    throw new ContractError(`${name} returned ${describeKind(r)}; it must return { state, ok } with ok true or false`);
  }
  return r as { state: unknown; ok: boolean };
}

export const userTableModel: Model<UserTableState, UserTableEvent, UserTableConfig> = {
  name: "conntrack.table",
  init: (c) => ({
    table: c.table.init({ capacity: c.capacity, hashes: HASH_FAMILIES[c.hashes] }), reference: Array.from({ length: c.keys }, () => null),
    now: 0, ops: 0, ticks: 0, last: null,
  }),
  enabled: (s, c) => operationEvents(c.keys, s.ops < c.maxOps, s.ticks < c.maxTicks),
  step(s, e, c) {
    if (e.type === "tick") {
      if (s.ticks >= c.maxTicks) throw new ModelError("no tick left");
      const now = s.now + 1;
      return {
        ...s, now, ticks: s.ticks + 1, last: null, table: c.table.expire ? c.table.expire(s.table, now) : s.table,
        reference: s.reference.map((x, k) => (x !== null && !liveIn(s.reference, k, now, c) ? null : x)),
      };
    }
    if (s.ops >= c.maxOps || !(e.key >= 0 && e.key < c.keys)) throw new ModelError(`event ${JSON.stringify(e)} is not enabled`);
    const key = keyText(e.key);
    const ops = s.ops + 1;
    switch (e.type) {
      case "insert": {
        const value = ops;
        const r = result("insert()", c.table.insert(s.table, key, value, s.now));
        return { ...s, ops, table: r.state, reference: r.ok ? setRef(s.reference, e.key, { value, used: s.now }) : s.reference, last: { type: "insert", key: e.key, ok: r.ok } };
      }
      case "lookup": {
        const v = c.table.lookup(s.table, key, s.now);
        if (v !== undefined && typeof v !== "number") throw new ContractError(`lookup() returned ${describeKind(v)}; it must return the value (a number) or undefined`);
        return { ...s, ops, last: { type: "lookup", key: e.key, value: v ?? null } };
      }
      case "delete": {
        const r = result("delete()", c.table.delete(s.table, key));
        return { ...s, ops, table: r.state, reference: setRef(s.reference, e.key, null), last: null };
      }
    }
  },
  quiescent: (s, c) => s.ops >= c.maxOps && s.ticks >= c.maxTicks,
};

export const explainUserTableTrace = (config: UserTableConfig, events: readonly UserTableEvent[]): Table =>
  traceTable(userTableModel, config, events, ["step", "event", "result", "live keys"], (before, e, after) => {
    if (e.type === "tick") return [`time ${after.now}`, "", liveKeys(after, config)];
    const what = `${e.type} ${keyText(e.key)}${e.type === "insert" ? ` = ${before.ops + 1}` : ""}`;
    const last = after.last;
    const res = last?.type === "lookup" ? (last.value === null ? "undefined" : String(last.value)) : last?.type === "insert" ? `ok: ${last.ok}` : "";
    return [what, res, liveKeys(after, config)];
  }, (e, why) => `${e.type}: ${why}`);

const liveKeys = (s: UserTableState, c: UserTableConfig) =>
  s.reference.flatMap((x, k) => (x !== null && liveIn(s.reference, k, s.now, c) ? [`k${k}=${x.value}`] : [])).join(" ") || "-";
