/** Replays a saved counterexample and says whether it still does what the file expects. */
import { Schema } from "effect";
import type { Counterexample } from "./counterexample.ts";
import { InputError, ModelError } from "./model.ts";
import type { AnyModelEntry } from "./registry.ts";
import { runTrace } from "./run-trace.ts";
import { decodeOrThrow } from "./schema-errors.ts";
import { DEADLOCK, NO_EXCEPTION, type Spec, type Violation } from "./spec.ts";

export type ReplayVerdict =
  /** expect "violation" and the same property broke with the same message; or expect "pass" and it passed */
  | "as-expected"
  | "no-violation"
  | "different-violation"
  | "unexpected-violation";

export interface ReplayResult {
  readonly verdict: ReplayVerdict;
  readonly violation: Violation | null;
  readonly events: readonly unknown[];
  readonly config: unknown;
}

export async function replayCounterexample(cx: Counterexample, entry: AnyModelEntry, baseDir: string): Promise<ReplayResult> {
  const json = decodeOrThrow(entry.configSchema, cx.config, "config");
  const events = decodeOrThrow(Schema.Array(entry.eventSchema), cx.events, "events") as readonly unknown[];
  const config = await entry.resolveConfig(json, { baseDir });
  const specs = entry.specs(config) as readonly Spec<unknown, unknown, unknown>[];
  const known = [...specs.map((s) => s.name), ...(entry.stepProperties ?? []), NO_EXCEPTION, DEADLOCK];
  if (!known.includes(cx.property)) {
    throw new InputError(`property "${cx.property}" is not one of model ${cx.model}'s (${known.join(", ")})`);
  }
  let violation: Violation | null;
  try {
    // A violation file is judged on its own property (plus what any run reports: exceptions, deadlock,
    // step violations); a file that must pass, on every property of the model.
    const judged = cx.expect === "pass" ? specs : specs.filter((s) => s.name === cx.property);
    violation = runTrace(entry.model, config, judged, events).violation;
  } catch (e) {
    if (e instanceof ModelError) throw new InputError(e.message);
    throw e;
  }
  return { verdict: judge(cx, violation), violation, events, config };
}

function judge(cx: Counterexample, v: Violation | null): ReplayVerdict {
  if (cx.expect === "pass") return v === null ? "as-expected" : "unexpected-violation";
  if (v === null) return "no-violation";
  const sameMessage = cx.violation === undefined || cx.violation === v.message;
  return v.property === cx.property && sameMessage ? "as-expected" : "different-violation";
}
