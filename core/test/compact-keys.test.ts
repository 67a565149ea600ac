/**
 * Every compact key (`writeKey`, core/key-writer.ts) against the state it stands for. The explorer keeps
 * one state per key, so a key that gives two different states the same units merges them and the search
 * is no longer exhaustive; one that gives equal states different units only explores more. For every
 * built-in system whose model writes its own keys, on its default config and on the config of each of its
 * faults and design boundaries (so that violations are compared too, not only passes):
 *
 * 1. exploring with `writeKey` and exploring with core/canonical.ts's `canonicalKey` of what the key
 *    claims to hold — the whole state, or the projection the model's key.ts describes when it leaves out
 *    on purpose what no step and no spec can tell apart (core/model.ts) — give the same verdict, the same
 *    shortest counterexample, and the same numbers of states and transitions: the units tell apart exactly
 *    what the projection tells apart;
 * 2. exploring with `canonicalKey` of the whole state (the explorer's default: the same model object with
 *    `writeKey` and `key` removed) gives the same verdict and the same shortest counterexample: what the projection leaves out
 *    changes nothing any spec sees. There, the numbers of states are equal when the key holds the whole
 *    state, and otherwise the whole state has more (states that differ only in what the key leaves out).
 */
import { describe, expect, it } from "vitest";
import { writeCanonicalKey } from "../canonical.ts";
import { explore, type ExploreResult } from "../explore.ts";
import type { Model } from "../model.ts";
import { specsNamed, type AnySystem } from "../system.ts";
import type { FlowConfig } from "../../models/flow/config.ts";
import { refAlive } from "../../models/flow/reference.ts";
import type { FlowState } from "../../models/flow/state.ts";
import type { RibosomeState } from "../../models/ribosome/state.ts";
import { loadSystems } from "../../systems/registry.ts";

interface KeyCase {
  /**
   * What the compact key holds, as a value whose canonical key is compared with it; absent: the whole
   * state. Written from the header of the model's key.ts, not from its code.
   */
  readonly projection?: (state: any, config: any) => unknown;
  /**
   * The config compared instead of the default, where the default's state space is too large to explore
   * two or three times in a test (see below).
   */
  readonly smallConfig?: unknown;
}

const CASES: Readonly<Record<string, KeyCase>> = {
  // models/scr/recovery.ts writes every field of the state.
  "scr.recovery": {},
  // models/ribosome/key.ts: every field but the last output.
  ribosome: { projection: (s: RibosomeState) => ({ ...s, last: null }) },
  // models/flow/key.ts: no drop counters and no last packet; ages capped at what a rule compares; expired
  // reference entries as absent; lifetime counters as differences; a pooled FCB's port and callback
  // balance only.
  flow: {
    projection: (s: FlowState, c: FlowConfig) => {
      const ageCap = c.timeout + c.cleanTimer + 1;
      return {
        now: s.now, nextTimer: s.nextTimer, threshold: s.threshold, ipLevel: s.ipLevel, free: s.free, pending: s.pending, cache: s.cache, sent: s.sent,
        fcbs: s.fcbs.map((f, id) => {
          const pooled = { port: f.port, unmatchedCallbacks: f.callbacks - f.lifetimes };
          if (f.session === null) return pooled;
          // An FCB no held packet holds ages whatever its count says (a wrapped count, issue 15).
          const unheld = !s.held.some((h) => h.fcb === id && h.lifetime === f.lifetimes);
          const idleFor = f.count === 0 || unheld || c.fault === "timeout-from-arrival" ? Math.min(s.now - f.lastRelease, ageCap) : 0;
          return { ...pooled, session: f.session, parent: f.parent, count: f.count, inList: f.inList, timeout: f.timeout, scratch: f.scratch, idleFor };
        }),
        held: s.held.map((h) => ({ session: h.session, fcb: h.fcb, lifetimesEndedSince: s.fcbs[h.fcb]!.lifetimes - h.lifetime })),
        ref: s.ref.map((e) => (refAlive(e, s.now, c.timeout) ? { packets: e.packets, held: e.held, idleFor: e.held === 0 ? Math.min(s.now - e.idleSince, c.timeout) : 0 } : null)),
      };
    },
    // The default table (3 sessions, 10 s) has 164,263 states by its key but millions as whole states (the
    // absolute times and counters): the comparisons take 2 sessions over 6 s (the faults' and boundaries'
    // configs, which stop at their violation, are compared as they are).
    smallConfig: { sessions: 2, pool: 2, ipBuckets: 2, buckets: 2, timeout: 2, cleanTimer: 4, threshold: 1, ticks: [1], horizon: 6, packetsPerSession: 2, maxHeld: 2 },
  },
};

/**
 * The model exploring with the canonical key of `view(state)` (written as its units, as the explorer
 * writes the default key; core/test/small.test.ts holds those to canonicalKey) instead of its compact key;
 * without `view`, with the explorer's default key, that of the whole state.
 */
function keyedBy<S, E, C>(model: Model<S, E, C>, view?: (s: S) => unknown): Model<S, E, C> {
  const { writeKey: _compact, key: _own, ...rest } = model;
  return view === undefined ? rest : { ...rest, writeKey: (s, w) => writeCanonicalKey(view(s), w) };
}

const outcome = (r: ExploreResult<unknown>) => ({
  status: r.status,
  ...(r.status === "violation" ? { property: r.violation.property, events: r.events.length } : {}),
});

const systems = (await loadSystems()).filter((s) => s.model.writeKey !== undefined);

describe("compact keys against the states they stand for", () => {
  it("every system whose model writes its own keys is covered here", () => {
    expect(systems.map((s) => s.name).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const system of systems) {
    const c = CASES[system.name] ?? {};
    const configs: [string, unknown][] = [
      ["default", c.smallConfig ?? system.presets.default],
      ...system.faults.map((f): [string, unknown] => [`fault ${f.name}`, f.config]),
      ...system.boundaries.map((b): [string, unknown] => [`boundary ${b.name}`, b.config]),
    ];
    // (A key of the whole state is compared with the whole state below.)
    if (c.projection) it(`${system.name}: the key tells apart what its projection tells apart`, async () => {
      const project = c.projection!;
      for (const [label, json] of configs) {
        const { config, specs, compact } = await setup(system, label, json);
        const canonical = explore({ model: keyedBy(system.model, (s) => project(s, config)), config, specs });
        expect({ label, ...outcome(canonical), states: canonical.states, transitions: canonical.transitions })
          .toEqual({ label, ...outcome(compact), states: compact.states, transitions: compact.transitions });
      }
    });

    it(`${system.name}: what the key leaves out changes no verdict`, async () => {
      for (const [label, json] of configs) {
        const { config, specs, compact } = await setup(system, label, json);
        const whole = explore({ model: keyedBy(system.model), config, specs });
        expect({ label, ...outcome(whole) }).toEqual({ label, ...outcome(compact) });
        if (c.projection) expect(whole.states, label).toBeGreaterThanOrEqual(compact.states);
        else expect({ label, states: whole.states, transitions: whole.transitions }).toEqual({ label, states: compact.states, transitions: compact.transitions });
        if (label === "default") {
          // The passes compared are not trivial ones.
          expect(compact.status).toBe("pass");
          expect(compact.states).toBeGreaterThan(1_000);
        }
      }
    });
  }
});

/** A config of the system, its specs, and its exploration with the compact key (explored once for both tests). */
const setups = new Map<string, Promise<{ config: unknown; specs: ReturnType<typeof specsNamed>; compact: ExploreResult<unknown> }>>();

function setup(system: AnySystem, label: string, json: unknown) {
  const id = `${system.name} ${label}`;
  let s = setups.get(id);
  if (s === undefined) {
    s = system.resolveConfig(json, { baseDir: process.cwd() }).then((config) => {
      const specs = specsNamed(system, config, []);
      return { config, specs, compact: explore({ model: system.model, config, specs }) };
    });
    setups.set(id, s);
  }
  return s;
}
