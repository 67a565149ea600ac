/**
 * Loads a stream rewriter from a user's module (models/tcp/rewriter.ts says what one is): checks its shape
 * and calls `init()` once, so that a rewriter that cannot start is reported as bad input. Inside the
 * checker's worker every call into it is watched, so that one that never returns is named and stopped.
 */
import { loadDesign } from "../../core/load-module.ts";
import { InputError } from "../../core/model.ts";
import { watchedCall } from "../../core/watchdog.ts";
import type { AnyRewriter } from "./rewriter.ts";
import { REWRITERS } from "./rewriters/index.ts";
import { MUTANT_REWRITERS } from "./rewriters/mutants.ts";
import { REFERENCE_REWRITERS } from "./rewriters/reference.ts";
import type { RewriterRef } from "./config.ts";

export function rewriterShapeProblem(x: unknown): string | null {
  if (typeof x !== "object" || x === null) return `expected an object with name, init, push and finish, got ${x === null ? "null" : typeof x}`;
  const o = x as Record<string, unknown>;
  const missing: string[] = [];
  if (typeof o["name"] !== "string" || o["name"] === "") missing.push("name (a non-empty string)");
  for (const f of ["init", "push", "finish"]) if (typeof o[f] !== "function") missing.push(`${f} (a function)`);
  return missing.length === 0 ? null : `the rewriter lacks ${missing.join(", ")}`;
}

function watchCalls(r: AnyRewriter): AnyRewriter {
  return {
    name: r.name,
    init: () => watchedCall("init()", () => r.init()),
    push: (s, chunk, at) => watchedCall("push()", () => r.push(s, chunk, at)),
    finish: (s, length) => watchedCall("finish()", () => r.finish(s, length)),
  };
}

export async function loadRewriter(file: string, baseDirs: readonly string[]): Promise<{ readonly rewriter: AnyRewriter; readonly path: string }> {
  const { value, path } = await loadDesign<AnyRewriter>(file, baseDirs, { kind: "a stream rewriter", shapeProblem: rewriterShapeProblem, watch: watchCalls });
  return { rewriter: value, path };
}

export async function resolveRewriter(ref: RewriterRef, baseDirs: readonly string[]): Promise<AnyRewriter> {
  if ("module" in ref) return (await loadRewriter(ref.module, baseDirs)).rewriter;
  const rewriter = REWRITERS[ref.builtin] ?? MUTANT_REWRITERS[ref.builtin] ?? REFERENCE_REWRITERS[ref.builtin];
  if (!rewriter) {
    throw new InputError(
      `unknown built-in rewriter "${ref.builtin}" (known: ${Object.keys(REWRITERS).join(", ")}; broken ones for faults: ${Object.keys(MUTANT_REWRITERS).join(", ")}; `
      + `the reference bugs' edits: ${Object.keys(REFERENCE_REWRITERS).join(", ")})`,
    );
  }
  return rewriter;
}
