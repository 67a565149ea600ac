/** The five programs of SCR Table 1, by the name a config or the command line uses for them. */
import type { AnyScrProgram } from "../program.ts";
import conntrack from "./conntrack.ts";
import ddosMitigator from "./ddos-mitigator.ts";
import heavyHitter from "./heavy-hitter.ts";
import portKnocking from "./port-knocking.ts";
import tokenBucket from "./token-bucket.ts";

export const SCR_PROGRAMS: Readonly<Record<string, AnyScrProgram>> = {
  "ddos-mitigator": ddosMitigator,
  "heavy-hitter": heavyHitter,
  conntrack,
  "token-bucket": tokenBucket,
  "port-knocking": portKnocking,
};
