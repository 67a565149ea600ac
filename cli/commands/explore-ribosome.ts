/** `nfcheck explore ribosome`: every ordering of arrivals, RDMA operations, NF returns and drops, READ responses and leases. */
import { InputError } from "../../core/model.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { describeRibosomeConfig, HEADER_BUFFERS, RibosomeConfigJson, SERVER_CHOICES, toRibosomeConfig } from "../../models/ribosome/config.ts";
import { explainRibosomeTrace } from "../../models/ribosome/entry.ts";
import { RIBOSOME_FAULTS } from "../../models/ribosome/faults.ts";
import { ribosomeModel } from "../../models/ribosome/system.ts";
import { RIBOSOME_SPECS } from "../../specs/ribosome.ts";
import { SMALL_SYSTEM } from "../../properties/ribosome-checks.ts";
import { parsePositiveInt } from "./prove.ts";
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

const count = (text: string, what: string) => (text.trim() === "0" ? 0 : parsePositiveInt(text, what));

function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) throw new InputError(`${flag} must be one of ${allowed.join(", ")}`);
  return value as T | undefined;
}

export async function exploreRibosomeSetup(o: ExploreRibosomeOptions): Promise<ExploreSetup<any, any, any>> {
  const fault = oneOf(o.fault, "--fault", RIBOSOME_FAULTS);
  const serverChoice = oneOf(o.serverChoice, "--server-choice", SERVER_CHOICES);
  const headerBuffer = oneOf(o.headerBuffer, "--header-buffer", HEADER_BUFFERS);
  const n = (v: string | undefined, flag: string) => (v !== undefined ? parsePositiveInt(v, flag) : undefined);
  const json = decodeOrThrow(RibosomeConfigJson, Object.fromEntries(Object.entries({
    ...SMALL_SYSTEM,
    packets: n(o.packets, "--packets") ?? SMALL_SYSTEM.packets,
    sizes: o.sizes !== undefined ? o.sizes.split(",").map((t) => parsePositiveInt(t, "--sizes")) : SMALL_SYSTEM.sizes,
    flows: n(o.flows, "--flows"),
    window: n(o.window, "--window") ?? SMALL_SYSTEM.window,
    threshold: o.threshold !== undefined ? count(o.threshold, "--threshold") : undefined,
    headerLength: n(o.headerLength, "--header-length"),
    servers: n(o.servers, "--servers") ?? SMALL_SYSTEM.servers,
    serverChoice,
    slotsPerServer: n(o.slots, "--slots") ?? SMALL_SYSTEM.slotsPerServer,
    headerSlots: n(o.headerSlots, "--header-slots") ?? SMALL_SYSTEM.headerSlots,
    headerBuffer,
    tagCheck: o.tagCheck === false ? false : undefined,
    readLease: o.readLease === false ? false : undefined,
    nfDrops: o.nfDrops !== undefined ? count(o.nfDrops, "--nf-drops") : SMALL_SYSTEM.nfDrops,
    readLosses: o.readLosses !== undefined ? count(o.readLosses, "--read-losses") : SMALL_SYSTEM.readLosses,
    fault,
  }).filter(([, v]) => v !== undefined)), "explore bounds");
  const config = toRibosomeConfig(json);
  return { model: ribosomeModel, config, json, specs: RIBOSOME_SPECS, explain: explainRibosomeTrace, bounds: describeRibosomeConfig(config) };
}
