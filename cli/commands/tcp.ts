/**
 * `nfcheck tcp <module>`: the design checker for stream rewriters. Loads a user's rewriter from anywhere on
 * disk (models/tcp/rewriter.ts says what one is) and runs it end to end behind the modelled middlebox: random
 * streams with the built-in rewriters' patterns in them, ISNs near the 2^32 wrap, losses, duplicates and
 * reordering, in two deployments — byte-stream equivalence, ACK soundness, progress, mapping laws and the
 * rewriter's own contract. The first failure's shrunk trace is printed and saved.
 */
import { relative, resolve } from "node:path";
import { resolveProfile } from "../../core/profile.ts";
import { resolveSeed } from "../../core/seed.ts";
import { loadRewriter } from "../../models/tcp/load-rewriter.ts";
import { RANDOM_DEPLOYMENTS, tcpDesignChecks } from "../../properties/tcp-checks.ts";
import { shown } from "../output.ts";
import { runDesignChecks, type DesignRunOptions } from "./design-run.ts";

export interface TcpOptions extends DesignRunOptions {
  readonly module: string;
  readonly seed?: string;
  readonly profile?: string;
  readonly out?: string;
}

export async function tcpCommand(o: TcpOptions, context: (text: string) => void = () => {}): Promise<number> {
  const seed = resolveSeed(o.seed);
  const profile = resolveProfile(o.profile);
  const outDir = resolve(o.out ?? "counterexamples/found");
  context(`loading ${o.module}`);
  const { rewriter, path } = await loadRewriter(o.module, [process.cwd()]);
  // The saved file names the module relative to itself, so that it replays from any working directory.
  const checks = tcpDesignChecks({ module: relative(outDir, path) }, rewriter);
  return runDesignChecks(o, {
    checks, seed, profile, outDir,
    headline: `nfcheck tcp: rewriter "${rewriter.name}" from ${shown(path)}`,
    scope: RANDOM_DEPLOYMENTS.map((d) => d.name).join(", "),
    jsonHead: { rewriter: rewriter.name, module: path },
  }, context);
}
