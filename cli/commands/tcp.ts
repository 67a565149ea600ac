/**
 * `nfcheck tcp <module>`: the design checker for stream rewriters. Loads a user's rewriter from anywhere on
 * disk (models/tcp/rewriter.ts says what one is), searches for streams it edits (properties/tcp-discovery.ts:
 * its module's constants, the user's `--stream`s and `--corpus`, mutations), and runs it end to end behind
 * the modelled middlebox: those streams and random ones, ISNs near the 2^32 wrap, losses, duplicates and
 * reordering, in two deployments — byte-stream equivalence, ACK soundness, progress, mapping laws and the
 * rewriter's own contract. The first failure's shrunk trace is printed and saved; a pass in which the
 * rewriter never edited a byte is vacuous.
 */
import { relative, resolve } from "node:path";
import { dictionaryOfModule } from "../../core/dictionary.ts";
import { InputError } from "../../core/model.ts";
import { resolveProfile } from "../../core/profile.ts";
import { countOf } from "../../core/report.ts";
import { resolveSeed } from "../../core/seed.ts";
import { readTextFile } from "../../core/store.ts";
import { loadRewriter } from "../../models/tcp/load-rewriter.ts";
import { checkedCalls } from "../../models/tcp/rewriter-calls.ts";
import { deploymentFor, RANDOM_DEPLOYMENTS, tcpDesignChecks } from "../../properties/tcp-checks.ts";
import { discoverTcpStreams } from "../../properties/tcp-discovery.ts";
import { say, shown } from "../output.ts";
import { parseShrinkTime } from "../options.ts";
import { runDesignChecks, type DesignRunOptions } from "./design-run.ts";

export interface TcpOptions extends DesignRunOptions {
  readonly module: string;
  readonly seed?: string;
  readonly profile?: string;
  readonly out?: string;
  readonly stream?: readonly string[];
  readonly corpus?: string;
}

/** A corpus file: a JSON array of strings, or text with one stream per line (latin-1; empty lines skipped). */
export async function readCorpus(path: string): Promise<string[]> {
  const text = await readTextFile(path, { kind: "a corpus file", where: `--corpus ${path}`, encoding: "latin1" });
  if (/^\s*\[/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new InputError(`--corpus ${path}: starts like JSON but is not (${(e as Error).message})`);
    }
    if (!Array.isArray(json) || !json.every((s) => typeof s === "string" && s.length > 0)) throw new InputError(`--corpus ${path}: a JSON corpus must be an array of non-empty strings`);
    return json as string[];
  }
  return text.split(/\r?\n/).filter((l) => l.length > 0);
}

export async function tcpCommand(o: TcpOptions, context: (text: string) => void = () => {}): Promise<number> {
  const seed = resolveSeed(o.seed);
  const profile = resolveProfile(o.profile);
  const shrinkMs = o.shrinkTime !== undefined ? parseShrinkTime(o.shrinkTime) : undefined;
  const outDir = resolve(o.out ?? "counterexamples/found");
  for (const s of o.stream ?? []) if (s === "") throw new InputError("--stream: a stream needs at least one byte");
  const own = [...(o.stream ?? []), ...(o.corpus !== undefined ? await readCorpus(o.corpus) : [])];
  for (const s of own) if ([...s].some((c) => c.charCodeAt(0) > 0xff)) throw new InputError(`a stream of yours has a character beyond latin-1 (one byte per character): ${JSON.stringify(s.slice(0, 40))}`);
  context(`loading ${o.module}`);
  const { rewriter, path } = await loadRewriter(o.module, [process.cwd()]);
  if (!o.json) say(`nfcheck tcp: rewriter "${rewriter.name}" from ${shown(path)}`);
  context("searching for streams the rewriter edits");
  const found = discoverTcpStreams(checkedCalls(rewriter), { seed: seed.seed, dictionary: dictionaryOfModule(path), streams: own });
  const deployments = RANDOM_DEPLOYMENTS.map((d) => deploymentFor(d, found.maxHeld));
  if (!o.json) {
    const split = found.splits.length > 0 ? `; edits that change when a stream is cut in two: ${found.splits.map((f) => `${JSON.stringify(f.stream)} at ${f.split}`).join(", ")}` : "";
    say(`streams: ${countOf(found.corpus.length, "stream")} the rewriter edits, found in ${countOf(found.runs, "try", "tries")}${own.length > 0 ? ` (${countOf(own.length, "stream")} of yours first)` : ""}; it held back up to ${countOf(found.maxHeld, "byte")}${split}`);
    for (const [i, d] of deployments.entries()) {
      if (d !== RANDOM_DEPLOYMENTS[i]) say(`deployment ${d.name}: sender window ${d.config.window} B instead of ${RANDOM_DEPLOYMENTS[i]!.config.window} B, larger than the ${found.maxHeld} B the rewriter holds back (a window no larger stalls any rewriter: the window-within-hold-back boundary)`);
    }
  }
  // The saved file names the module relative to itself, so that it replays from any working directory.
  const checks = tcpDesignChecks({ module: relative(outDir, path) }, rewriter, found);
  return runDesignChecks(o, {
    checks, seed, profile, outDir, shrinkMs,
    command: "tcp",
    scope: deployments.map((d) => d.name).join(", "),
    jsonData: { rewriter: rewriter.name, module: path, streams: { corpus: found.corpus, splits: found.splits, maxHeld: found.maxHeld, tries: found.runs } },
  }, context);
}
