/** `nfcheck explore ribosome`: every ordering of arrivals, RDMA operations, NF returns and drops, READ responses and leases. */
import { InputError } from "../../core/model.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { DEFAULTS, describeRibosomeConfig, HEADER_BUFFERS, MAX_PACKETS, MAX_SIZE, RibosomeConfigJson, SERVER_CHOICES, toRibosomeConfig } from "../../models/ribosome/config.ts";
import { explainRibosomeTrace } from "../../models/ribosome/entry.ts";
import { RIBOSOME_FAULTS } from "../../models/ribosome/faults.ts";
import { ribosomeModel } from "../../models/ribosome/system.ts";
import { RIBOSOME_SPECS } from "../../specs/ribosome.ts";
import { SMALL_SYSTEM } from "../../properties/ribosome-checks.ts";
import { parseChoice, parseIntListOption, parseIntOption } from "../options.ts";
import type { ExploreSetup } from "./explore.ts";

export interface ExploreRibosomeOptions {
  readonly packets?: string;
  readonly sizes?: string;
  readonly flows?: string;
  readonly window?: string;
  readonly threshold?: string;
  readonly headerLength?: string;
  readonly servers?: string;
  readonly serverChoice?: string;
  readonly slots?: string;
  readonly headerSlots?: string;
  readonly headerBuffer?: string;
  /** Commander's `--no-tag-check`. */
  readonly tagCheck?: boolean;
  /** Commander's `--no-read-lease`. */
  readonly readLease?: boolean;
  readonly nfDrops?: string;
  readonly readLosses?: string;
  readonly fault?: string;
}

export async function exploreRibosomeSetup(o: ExploreRibosomeOptions): Promise<ExploreSetup<any, any, any>> {
  // Each option's range is RibosomeConfigJson's.
  const int = (v: string | undefined, flag: string, min: number, max: number) => (v !== undefined ? parseIntOption(v, flag, min, max) : undefined);
  const choice = <T extends string>(v: string | undefined, flag: string, allowed: readonly T[]) => (v !== undefined ? parseChoice(v, flag, allowed) : undefined);
  const threshold = int(o.threshold, "--threshold", 0, MAX_SIZE);
  const headerLength = int(o.headerLength, "--header-length", 1, MAX_SIZE);
  // toRibosomeConfig checks this too, in the config's words; here it is said in the options'.
  if ((headerLength ?? DEFAULTS.headerLength) > (threshold ?? DEFAULTS.threshold)) {
    throw new InputError(`--header-length (${headerLength ?? `${DEFAULTS.headerLength}, the default`}) must not exceed --threshold (${threshold ?? `${DEFAULTS.threshold}, the default`}): a split packet would have no payload`);
  }
  const json = decodeOrThrow(RibosomeConfigJson, Object.fromEntries(Object.entries({
    ...SMALL_SYSTEM,
    packets: int(o.packets, "--packets", 1, MAX_PACKETS) ?? SMALL_SYSTEM.packets,
    sizes: o.sizes !== undefined ? parseIntListOption(o.sizes, "--sizes", 1, MAX_SIZE) : SMALL_SYSTEM.sizes,
    flows: int(o.flows, "--flows", 1, 1 << 20),
    window: int(o.window, "--window", 1, MAX_PACKETS) ?? SMALL_SYSTEM.window,
    threshold, headerLength,
    servers: int(o.servers, "--servers", 1, 1 << 10) ?? SMALL_SYSTEM.servers,
    serverChoice: choice(o.serverChoice, "--server-choice", SERVER_CHOICES),
    slotsPerServer: int(o.slots, "--slots", 1, 1 << 24) ?? SMALL_SYSTEM.slotsPerServer,
    headerSlots: int(o.headerSlots, "--header-slots", 1, 1 << 20) ?? SMALL_SYSTEM.headerSlots,
    headerBuffer: choice(o.headerBuffer, "--header-buffer", HEADER_BUFFERS),
    tagCheck: o.tagCheck === false ? false : undefined,
    readLease: o.readLease === false ? false : undefined,
    nfDrops: int(o.nfDrops, "--nf-drops", 0, MAX_PACKETS) ?? SMALL_SYSTEM.nfDrops,
    readLosses: int(o.readLosses, "--read-losses", 0, MAX_PACKETS) ?? SMALL_SYSTEM.readLosses,
    fault: choice(o.fault, "--fault", RIBOSOME_FAULTS),
  }).filter(([, v]) => v !== undefined)), "explore bounds");
  const config = toRibosomeConfig(json);
  return { model: ribosomeModel, config, json, specs: RIBOSOME_SPECS, explain: explainRibosomeTrace, bounds: describeRibosomeConfig(config) };
}
