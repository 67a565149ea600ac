/** Decoding with effect's Schema, with errors turned into short "where: what" lines for people. */
import { Either, ParseResult, Schema } from "effect";
import { InputError } from "./model.ts";

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out === "" ? "(top level)" : out;
}

/** Decodes `input`, or throws an InputError that names `what` and lists each problem with its path. */
export function decodeOrThrow<A, I>(schema: Schema.Schema<A, I>, input: unknown, what: string): A {
  const result = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "error" })(input);
  if (Either.isRight(result)) return result.right;
  // One line per path; a union reports one issue per member, merged here into "Expected A | B, actual x".
  const byPath = new Map<string, string[]>();
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(result.left)) {
    const where = formatPath(issue.path);
    byPath.set(where, [...(byPath.get(where) ?? []), issue.message]);
  }
  const lines = [...byPath].map(([where, messages]) => `${where}: ${mergeExpectations(messages)}`);
  const shown = lines.slice(0, 8);
  const more = lines.length > shown.length ? `\n  … and ${lines.length - shown.length} more` : "";
  throw new InputError(`${what} is not valid:\n  ${shown.join("\n  ")}${more}`);
}

function mergeExpectations(messages: readonly string[]): string {
  const parsed = messages.map((m) => /^Expected (.*), actual (.*)$/s.exec(m));
  if (messages.length > 1 && parsed.every((m) => m !== null && m[2] === parsed[0]![2])) {
    return `Expected ${[...new Set(parsed.map((m) => m![1]))].join(" | ")}, actual ${parsed[0]![2]}`;
  }
  return messages[0]!;
}
