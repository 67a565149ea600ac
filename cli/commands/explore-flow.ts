/** `nfcheck explore flow`: every ordering of packets, releases, ticks and sweeps of a small flow table. */
import { InputError } from "../../core/model.ts";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { describeFlowConfig, EXPIRED_SAME_SESSION, FlowConfigJson, toFlowConfig } from "../../models/flow/config.ts";
import { explainFlowTrace } from "../../models/flow/entry.ts";
import { FLOW_FAULTS } from "../../models/flow/faults.ts";
import { flowModel } from "../../models/flow/system.ts";
import { FLOW_SPECS } from "../../specs/flow.ts";
import { SMALL_TABLE } from "../../properties/flow-checks.ts";
import { parsePositiveInt } from "./prove.ts";
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

const count = (text: string, what: string) => (text.trim() === "0" ? 0 : parsePositiveInt(text, what));

export async function exploreFlowSetup(o: ExploreFlowOptions): Promise<ExploreSetup<any, any, any>> {
  if (o.fault !== undefined && !(FLOW_FAULTS as readonly string[]).includes(o.fault)) throw new InputError(`--fault must be one of ${FLOW_FAULTS.join(", ")}`);
  if (o.expiredSameSession !== undefined && !(EXPIRED_SAME_SESSION as readonly string[]).includes(o.expiredSameSession)) {
    throw new InputError(`--expired-same-session must be one of ${EXPIRED_SAME_SESSION.join(", ")}`);
  }
  const n = (v: string | undefined, flag: string, base: number | undefined) => (v !== undefined ? parsePositiveInt(v, flag) : base);
  const json = decodeOrThrow(FlowConfigJson, {
    ...SMALL_TABLE,
    sessions: n(o.sessions, "--sessions", SMALL_TABLE.sessions),
    pool: n(o.pool, "--pool", SMALL_TABLE.pool),
    ...(o.portsPerIp !== undefined ? { portsPerIp: parsePositiveInt(o.portsPerIp, "--ports-per-ip") } : {}),
    ipBuckets: n(o.ipBuckets, "--ip-buckets", SMALL_TABLE.ipBuckets),
    buckets: n(o.buckets, "--buckets", SMALL_TABLE.buckets),
    ...(o.cache !== undefined ? { cache: count(o.cache, "--cache") } : {}),
    ...(o.timeout !== undefined ? { timeout: count(o.timeout, "--timeout") } : {}),
    cleanTimer: n(o.cleanTimer, "--clean-timer", SMALL_TABLE.cleanTimer),
    threshold: n(o.threshold, "--threshold", SMALL_TABLE.threshold),
    ...(o.ticks !== undefined ? { ticks: o.ticks.split(",").map((t) => parsePositiveInt(t, "--ticks")) } : {}),
    horizon: o.horizon !== undefined ? count(o.horizon, "--horizon") : SMALL_TABLE.horizon,
    packetsPerSession: o.packets !== undefined ? count(o.packets, "--packets") : SMALL_TABLE.packetsPerSession,
    maxHeld: n(o.held, "--held", SMALL_TABLE.maxHeld),
    ...(o.expiredSameSession !== undefined ? { expiredSameSession: o.expiredSameSession } : {}),
    ...(o.fault !== undefined ? { fault: o.fault } : {}),
  }, "explore bounds");
  const config = toFlowConfig(json);
  return { model: flowModel, config, json, specs: FLOW_SPECS, explain: explainFlowTrace, bounds: describeFlowConfig(config) };
}
