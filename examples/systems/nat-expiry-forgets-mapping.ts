/**
 * The NAT of nat.ts with a planted bug: expiry returns a port to the pool but leaves the flow's mapping in
 * place, so the two tables disagree and the flow keeps a port the pool hands to another flow. `nfcheck
 * check` finds it in 3 events (exit 1).
 *
 *   npx nfcheck check examples/systems/nat-expiry-forgets-mapping.ts
 */

type Flow = number;
type Port = number;

interface Mapping {
  readonly port: Port;
  /** Ticks since the mapping last saw a packet. */
  readonly idle: number;
}

interface NatState {
  /** Internal → external: each flow's mapping, or null. */
  readonly mapping: readonly (Mapping | null)[];
  /** External → internal: the flow that holds each port of the pool, or null when it is free. */
  readonly owner: readonly (Flow | null)[];
  /** Where the search for a free port starts. */
  readonly next: Port;
  /** Ghost: packets each flow has sent. */
  readonly sent: readonly number[];
  /** Ghost: ticks since each flow's last packet, out or in (at most ttl). */
  readonly quiet: readonly number[];
}

type NatEvent =
  | { readonly type: "send"; readonly flow: Flow }
  | { readonly type: "reply"; readonly port: Port }
  | { readonly type: "tick" };

interface NatConfig {
  /** Internal flows. */
  readonly flows: number;
  /** External ports in the pool. */
  readonly ports: number;
  /** Ticks of idleness after which a mapping expires. */
  readonly ttl: number;
  /** Outbound packets per flow (the traffic ends; replies and ticks go on until every mapping expired). */
  readonly packets: number;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const set = <T>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, j) => (j === i ? x : y));

/** The first free port from `next` on, round-robin; null when the pool is exhausted. */
function freePort(s: NatState, c: NatConfig): Port | null {
  for (let k = 0; k < c.ports; k++) {
    const p = (s.next + k) % c.ports;
    if (s.owner[p] === null) return p;
  }
  return null;
}

/** A packet of flow `f` through the NAT (outbound, or a reply delivered to it): its mapping is fresh again. */
function packet(s: NatState, f: Flow): NatState {
  const m = s.mapping[f]!;
  return { ...s, mapping: set(s.mapping, f, { port: m.port, idle: 0 }) };
}

function allocate(s: NatState, f: Flow, c: NatConfig): NatState {
  const p = freePort(s, c);
  if (p === null) return s; // pool exhausted: the packet is dropped
  return { ...s, mapping: set(s.mapping, f, { port: p, idle: 0 }), owner: set(s.owner, p, f), next: (p + 1) % c.ports };
}

/** One tick: every mapping ages, and those idle for ttl ticks expire (the NAT sweeps its port table). */
function tick(s: NatState, c: NatConfig): NatState {
  let mapping = s.mapping;
  let owner = s.owner;
  for (let p = 0; p < c.ports; p++) {
    const f = owner[p];
    if (f === null || f === undefined) continue;
    const m = mapping[f];
    if (!m || m.port !== p) continue;
    const idle = m.idle + 1;
    if (idle < c.ttl) {
      mapping = set(mapping, f, { port: p, idle });
    } else {
      // BUG: the port goes back to the pool, but the flow's mapping is not removed: the flow goes on
      // sending from a port the pool may hand to another flow.
      owner = set(owner, p, null);
    }
  }
  return { ...s, mapping, owner, quiet: s.quiet.map((q) => Math.min(c.ttl, q + 1)) };
}

const config: NatConfig = { flows: 3, ports: 2, ttl: 2, packets: 2 };

export default {
  name: "nat-expiry-forgets-mapping",
  config,

  init: (c: NatConfig): NatState => ({
    mapping: range(c.flows).map(() => null),
    owner: range(c.ports).map(() => null),
    next: 0,
    sent: range(c.flows).map(() => 0),
    quiet: range(c.flows).map(() => c.ttl),
  }),

  enabled(s: NatState, c: NatConfig): NatEvent[] {
    const events: NatEvent[] = [];
    for (const flow of range(c.flows)) if (s.sent[flow]! < c.packets) events.push({ type: "send", flow });
    for (const port of range(c.ports)) if (s.owner[port] !== null) events.push({ type: "reply", port });
    // Time matters while a mapping lives or a flow was recently active.
    if (s.mapping.some((m) => m !== null) || s.quiet.some((q) => q < c.ttl)) events.push({ type: "tick" });
    return events;
  },

  step(s: NatState, e: NatEvent, c: NatConfig): NatState {
    switch (e.type) {
      case "send": {
        const traffic = { ...s, sent: set(s.sent, e.flow, s.sent[e.flow]! + 1), quiet: set(s.quiet, e.flow, 0) };
        return s.mapping[e.flow] ? packet(traffic, e.flow) : allocate(traffic, e.flow, c);
      }
      case "reply": {
        const f = s.owner[e.port]!;
        return packet({ ...s, quiet: set(s.quiet, f, 0) }, f);
      }
      case "tick":
        return tick(s, c);
    }
  },

  /** The traffic is over and every flow has been quiet for ttl ticks: every mapping should have expired. */
  quiescent: (s: NatState, c: NatConfig) => s.sent.every((n) => n === c.packets) && s.quiet.every((q) => q >= c.ttl),

  invariants: {
    "one-flow-per-port"(s: NatState) {
      const holders = new Map<Port, Flow>();
      for (const [f, m] of s.mapping.entries()) {
        if (m === null) continue;
        const other = holders.get(m.port);
        if (other !== undefined) return `port ${m.port} is mapped to flows ${other} and ${f}: replies for one go to the other`;
        holders.set(m.port, f);
      }
      return null;
    },
    "tables-agree"(s: NatState) {
      for (const [f, m] of s.mapping.entries()) {
        if (m !== null && s.owner[m.port] !== f) return `flow ${f} is mapped to port ${m.port}, but the port table says ${s.owner[m.port] === null ? "it is free" : `flow ${s.owner[m.port]} holds it`}`;
      }
      for (const [p, f] of s.owner.entries()) {
        if (f !== null && s.mapping[f]?.port !== p) return `port ${p} is held by flow ${f}, which has ${s.mapping[f] ? `port ${s.mapping[f]!.port}` : "no mapping"}`;
      }
      return null;
    },
  },

  steps: {
    /** A live mapping keeps its port (RFC 4787 REQ-1): a flow whose port changes loses its connections. */
    "stable-mapping"(before: NatState, e: NatEvent, after: NatState) {
      for (const [f, m] of before.mapping.entries()) {
        const now = after.mapping[f];
        if (m !== null && now && now.port !== m.port) return `flow ${f} moved from port ${m.port} to port ${now.port} on ${e.type}`;
      }
      return null;
    },
    /** A mapping goes only when its flow has been quiet for ttl ticks. */
    "no-early-expiry"(before: NatState, e: NatEvent, after: NatState, c: NatConfig) {
      for (const [f, m] of before.mapping.entries()) {
        if (m === null || after.mapping[f] !== null) continue;
        if (e.type !== "tick" || after.quiet[f]! < c.ttl) return `flow ${f} lost its mapping (port ${m.port}) on ${e.type} after ${after.quiet[f]} quiet tick(s), before its ttl of ${c.ttl}`;
      }
      return null;
    },
  },

  finals: {
    /** When the traffic is over and every flow has been quiet for ttl ticks, the pool is whole again. */
    "pool-restored"(s: NatState) {
      const held = s.owner.flatMap((f, p) => (f === null ? [] : [`port ${p} (flow ${f})`]));
      return held.length === 0 ? null : `the traffic is over and every flow quiet, yet ${held.join(", ")} still held`;
    },
  },

};
