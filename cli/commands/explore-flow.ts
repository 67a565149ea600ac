/** `nfcheck explore flow`: every ordering of packets, releases, ticks and sweeps of a small flow table. */
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { describeFlowConfig, EXPIRED_SAME_SESSION, FlowConfigJson, MAX_SESSIONS, MAX_THRESHOLD, MAX_TIME, toFlowConfig } from "../../models/flow/config.ts";
import { explainFlowTrace } from "../../models/flow/entry.ts";
import { FLOW_FAULTS } from "../../models/flow/faults.ts";
import { flowModel } from "../../models/flow/system.ts";
import { FLOW_SPECS } from "../../specs/flow.ts";
import { SMALL_TABLE } from "../../properties/flow-checks.ts";
import { parseChoice, parseIntListOption, parseIntOption } from "../options.ts";
import type { ExploreSetup } from "./explore.ts";

export interface ExploreFlowOptions {
  readonly sessions?: string;
  readonly pool?: string;
  readonly portsPerIp?: string;
  readonly ipBuckets?: string;
  readonly buckets?: string;
  readonly cache?: string;
  readonly timeout?: string;
  readonly cleanTimer?: string;
  readonly threshold?: string;
  readonly ticks?: string;
  readonly horizon?: string;
  readonly packets?: string;
  readonly held?: string;
  readonly expiredSameSession?: string;
  readonly fault?: string;
}

export async function exploreFlowSetup(o: ExploreFlowOptions): Promise<ExploreSetup<any, any, any>> {
  // Each option's range is FlowConfigJson's.
  const int = (v: string | undefined, flag: string, min: number, max: number, base?: number | null) => (v !== undefined ? parseIntOption(v, flag, min, max) : base);
  const json = decodeOrThrow(FlowConfigJson, Object.fromEntries(Object.entries({
    ...SMALL_TABLE,
    sessions: int(o.sessions, "--sessions", 1, MAX_SESSIONS, SMALL_TABLE.sessions),
    pool: int(o.pool, "--pool", 1, 1 << 20, SMALL_TABLE.pool),
    portsPerIp: int(o.portsPerIp, "--ports-per-ip", 1, 1 << 16, SMALL_TABLE.portsPerIp),
    ipBuckets: int(o.ipBuckets, "--ip-buckets", 1, 1 << 20, SMALL_TABLE.ipBuckets),
    buckets: int(o.buckets, "--buckets", 1, 1 << 16, SMALL_TABLE.buckets),
    cache: int(o.cache, "--cache", 0, 1 << 20, SMALL_TABLE.cache),
    timeout: int(o.timeout, "--timeout", 0, MAX_TIME, SMALL_TABLE.timeout),
    cleanTimer: int(o.cleanTimer, "--clean-timer", 1, MAX_TIME, SMALL_TABLE.cleanTimer),
    threshold: int(o.threshold, "--threshold", 1, MAX_THRESHOLD, SMALL_TABLE.threshold),
    ticks: o.ticks !== undefined ? parseIntListOption(o.ticks, "--ticks", 1, MAX_TIME) : SMALL_TABLE.ticks,
    horizon: int(o.horizon, "--horizon", 0, MAX_TIME, SMALL_TABLE.horizon),
    packetsPerSession: int(o.packets, "--packets", 0, 1 << 30, SMALL_TABLE.packetsPerSession),
    maxHeld: int(o.held, "--held", 1, 1 << 16, SMALL_TABLE.maxHeld),
    expiredSameSession: o.expiredSameSession !== undefined ? parseChoice(o.expiredSameSession, "--expired-same-session", EXPIRED_SAME_SESSION) : undefined,
    fault: o.fault !== undefined ? parseChoice(o.fault, "--fault", FLOW_FAULTS) : undefined,
  }).filter(([, v]) => v !== undefined)), "explore bounds");
  const config = toFlowConfig(json);
  return { model: flowModel, config, json, specs: FLOW_SPECS, explain: explainFlowTrace, bounds: describeFlowConfig(config) };
}
