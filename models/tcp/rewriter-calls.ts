/**
 * Calls into a rewriter, checked for the shape of what they return (models/tcp/rewriter.ts). A rewriter
 * whose `push` returns no `{ state, edits, decided }`, or an edit that is not `{ at, remove, insert }` of
 * integers and bytes, has broken its contract in a way no trace explains: that is bad input (exit 2, one
 * line naming the function and what it returned). What the middlebox checks afterwards — edits only of
 * undecided bytes, in order, `decided` never going back — are properties of the rewriter's behaviour, and
 * violations of `rewriter-contract` with a shrunk trace (models/tcp/middlebox.ts). An exception from the
 * rewriter is named after the function that threw it.
 */
import { ContractError, namedCall } from "../../core/model.ts";
import type { AnyRewriter, Edit } from "./rewriter.ts";

const isInt = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x);

/** "undefined", "null", "a string", "an object without edits", …: what a call returned, for the message. */
function described(r: unknown, wanted: readonly string[]): string {
  if (r === undefined || r === null) return String(r);
  if (typeof r !== "object") return `a ${typeof r} (${JSON.stringify(r)?.slice(0, 40)})`;
  const missing = wanted.filter((k) => !(k in r));
  return missing.length > 0 ? `an object without ${missing.join(" and ")}` : "an object";
}

function editProblem(e: unknown): string | null {
  if (typeof e !== "object" || e === null) return `an edit that is ${described(e, [])}`;
  const { at, remove, insert } = e as Record<string, unknown>;
  if (!isInt(at) || at < 0) return `an edit whose "at" is ${JSON.stringify(at)} (a non-negative integer offset is needed)`;
  if (!isInt(remove) || remove < 0) return `an edit whose "remove" is ${JSON.stringify(remove)} (a non-negative integer is needed)`;
  if (!Array.isArray(insert) || !insert.every((b) => isInt(b) && b >= 0 && b <= 255)) return `an edit whose "insert" is ${JSON.stringify(insert)?.slice(0, 60)} (an array of bytes 0..255 is needed)`;
  return null;
}

function checked<T extends { edits: readonly Edit[] }>(rewriter: string, fn: string, r: unknown, wanted: readonly string[], shape: string): T {
  const fail = (what: string) => new ContractError(`${rewriter}: ${fn} returned ${what}; it must return ${shape}`);
  if (typeof r !== "object" || r === null || wanted.some((k) => !(k in r))) throw fail(described(r, wanted));
  const o = r as Record<string, unknown>;
  if (!Array.isArray(o["edits"])) throw fail(`edits that are ${described(o["edits"], [])}, not an array`);
  for (const e of o["edits"]) {
    const problem = editProblem(e);
    if (problem !== null) throw fail(problem);
  }
  if ("decided" in o && !isInt(o["decided"])) throw fail(`"decided" ${JSON.stringify(o["decided"])}, not an integer offset`);
  return r as T;
}

/** The rewriter with each call's result checked for its shape and each exception named. */
export function checkedCalls(r: AnyRewriter): AnyRewriter {
  return {
    name: r.name,
    init: () => namedCall("init()", () => r.init()),
    push: (s, chunk, at) => checked(r.name, "push()", namedCall("push()", () => r.push(s, chunk, at)), ["state", "edits", "decided"], "{ state, edits, decided }"),
    finish: (s, length) => checked(r.name, "finish()", namedCall("finish()", () => r.finish(s, length)), ["state", "edits"], "{ state, edits }"),
  };
}
