/**
 * What a user implements to check an SCR-aware design (ARCHITECTURE §4). The contract is structural:
 * a design module default-exports an object of this shape and needs no import from nfcheck.
 */
import { ContractError, namedCall } from "../../core/model.ts";
import { formatPacket, type Packet } from "./packet.ts";

/**
 * What a core knows besides the packet. `clockNs` is the core's own clock when it processes the packet;
 * a correct SCR program never lets it reach its state: replicas would diverge (SCR §3.4, nondeterminism).
 */
export interface CoreEnv {
  readonly core: number;
  readonly clockNs: number;
}

export interface ScrProgram<S, M, V> {
  readonly name: string;
  /** Size of f(p) on the wire (SCR Table 1). */
  readonly metaBytes: number;
  /** Per-core initial state. */
  init(): S;
  /** f(p): what the sequencer records for the history. */
  extract(p: Packet): M;
  /** Apply one history entry (no verdict). */
  fastForward(s: S, m: M): S;
  /** The current packet. */
  process(s: S, p: Packet, env?: CoreEnv): { state: S; verdict: V };
}

// Programs of every state, metadata and verdict type go through the same machinery.
export type AnyScrProgram = ScrProgram<any, any, any>;

/** A program that broke the contract at run time (`process` returned no `{ state, verdict }`): bad input. */
export class ProgramContractError extends ContractError {}

/** Checks the shape of a loaded module's export; returns what is wrong, or null. */
export function programShapeProblem(x: unknown): string | null {
  if (typeof x !== "object" || x === null) return `expected an object with name, metaBytes, init, extract, fastForward and process, got ${x === null ? "null" : typeof x}`;
  const o = x as Record<string, unknown>;
  const missing: string[] = [];
  if (typeof o["name"] !== "string" || o["name"] === "") missing.push("name (a non-empty string)");
  if (typeof o["metaBytes"] !== "number" || !Number.isInteger(o["metaBytes"]) || (o["metaBytes"] as number) < 0) missing.push("metaBytes (a non-negative integer)");
  for (const f of ["init", "extract", "fastForward", "process"]) if (typeof o[f] !== "function") missing.push(`${f} (a function)`);
  return missing.length === 0 ? null : `the program lacks ${missing.join(", ")}`;
}

/** Calls `process` and checks that it kept its side of the contract. */
export function callProcess<S, V>(program: ScrProgram<S, unknown, V>, s: S, p: Packet, env: CoreEnv): { state: S; verdict: V } {
  const r = program.process(s, p, env) as unknown;
  if (typeof r !== "object" || r === null || !("state" in r) || !("verdict" in r)) {
    const what = r === null ? "null" : typeof r !== "object" ? (r === undefined ? "undefined" : `a ${typeof r}`) : `an object without ${"state" in r ? "verdict" : "verdict" in r ? "state" : "state and verdict"}`;
    throw new ProgramContractError(`${program.name}: process() returned ${what} for the packet ${formatPacket(p)}; it must return { state, verdict }`);
  }
  return r as { state: S; verdict: V };
}

/** The names the program's functions go by in messages. */
export type ProgramCall = "init()" | "extract()" | "fastForward()" | "process()";

/** The program with each of its calls made through `around` (which names the call it makes). */
export function aroundCalls<S, M, V>(p: ScrProgram<S, M, V>, around: <T>(fn: ProgramCall, call: () => T) => T): ScrProgram<S, M, V> {
  return {
    name: p.name,
    metaBytes: p.metaBytes,
    init: () => around("init()", () => p.init()),
    extract: (x) => around("extract()", () => p.extract(x)),
    fastForward: (s, m) => around("fastForward()", () => p.fastForward(s, m)),
    process: (s, x, env) => around("process()", () => p.process(s, x, env)),
  };
}

/** The program with every call's exception named after the function that threw it ("process() threw …"). */
export function nameExceptions<S, M, V>(p: ScrProgram<S, M, V>): ScrProgram<S, M, V> {
  return aroundCalls(p, namedCall);
}
