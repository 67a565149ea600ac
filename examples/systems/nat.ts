/**
 * A stateful NAT, as `nfcheck check` takes a system: a plain object, nothing imported.
 *
 * Internal flows share a pool of external ports. A flow's first outbound packet gets a free port — the
 * search starts where the last one ended (round-robin, so a port just freed is not handed out again at
 * once) — and keeps it while packets flow; a mapping idle for `ttl` ticks expires and its port goes back to
 * the pool. With no free port the packet is dropped. Replies from outside arrive on a port, are delivered
 * to the flow that holds it and refresh its mapping. The NAT keeps two tables, as real ones do: each flow's
 * mapping (internal → external) and each port's owner (external → internal).
 *
 * Beside the NAT the state keeps what the traffic did, which the NAT's code never reads: packets each flow
 * has sent, and ticks since each flow's last packet ("ghost" variables, for the properties to judge by).
 *
 * `bug` switches on a planted fault, for `faults` below: each must be caught by the property it names.
 * nat-reuses-live-port.ts and nat-expiry-forgets-mapping.ts are two of them written out as plain code.
 *
 *   npx nfcheck check examples/systems/nat.ts
 *   npx nfcheck check examples/systems/nat.ts --set ports=3 --set flows=4
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

type Bug = "none" | "reuse-live-port" | "expiry-forgets-mapping" | "refresh-ignored" | "refresh-moves-port" | "last-port-never-expires";

interface NatConfig {
  /** Internal flows. */
  readonly flows: number;
  /** External ports in the pool. */
  readonly ports: number;
  /** Ticks of idleness after which a mapping expires. */
  readonly ttl: number;
  /** Outbound packets per flow (the traffic ends; replies and ticks go on until every mapping expired). */
  readonly packets: number;
  readonly bug: Bug;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const set = <T>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, j) => (j === i ? x : y));

/** The first free port from `next` on, round-robin; null when the pool is exhausted. */
function freePort(s: NatState, c: NatConfig): Port | null {
  if (c.bug === "reuse-live-port") return s.next; // the planted bug: no check that the port is free
  for (let k = 0; k < c.ports; k++) {
    const p = (s.next + k) % c.ports;
    if (s.owner[p] === null) return p;
  }
  return null;
}

/** A packet of flow `f` through the NAT (outbound, or a reply delivered to it). */
function packet(s: NatState, f: Flow, c: NatConfig): NatState {
  const m = s.mapping[f]!;
  if (c.bug === "refresh-moves-port") {
    // The planted bug: the NAT looks up nothing and allocates again, freeing the old port.
    const freed: NatState = { ...s, mapping: set(s.mapping, f, null), owner: set(s.owner, m.port, null) };
    return allocate(freed, f, c);
  }
  return c.bug === "refresh-ignored" ? s : { ...s, mapping: set(s.mapping, f, { port: m.port, idle: 0 }) };
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
  const sweep = c.bug === "last-port-never-expires" ? c.ports - 1 : c.ports; // the planted bug: an off-by-one
  for (let p = 0; p < sweep; p++) {
    const f = owner[p];
    if (f === null || f === undefined) continue;
    const m = mapping[f];
    if (!m || m.port !== p) continue;
    const idle = m.idle + 1;
    if (idle < c.ttl) {
      mapping = set(mapping, f, { port: p, idle });
    } else {
      owner = set(owner, p, null);
      // The planted bug: the port goes back to the pool, the flow keeps its mapping.
      if (c.bug !== "expiry-forgets-mapping") mapping = set(mapping, f, null);
    }
  }
  return { ...s, mapping, owner, quiet: s.quiet.map((q) => Math.min(c.ttl, q + 1)) };
}

const config: NatConfig = { flows: 3, ports: 2, ttl: 2, packets: 2, bug: "none" };

export default {
  name: "nat",
  description: "a NAT with a pool of external ports, a mapping per flow, expiry and port reuse",
  config,

  /** How `--report` draws a trace: a lane per flow, the NAT, and the outside; packets as arrows. */
  lanes: {
    actors: (c: NatConfig) => [...range(c.flows).map((f) => `flow ${f}`), "NAT", "outside"],
    place(e: NatEvent, before: NatState) {
      if (e.type === "send") return { actor: `flow ${e.flow}`, to: ["NAT"] };
      if (e.type === "reply") return { actor: "outside", to: [`flow ${before.owner[e.port]}`], label: `reply to port ${e.port}` };
      return "NAT";
    },
  },

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
        return s.mapping[e.flow] ? packet(traffic, e.flow, c) : allocate(traffic, e.flow, c);
      }
      case "reply": {
        const f = s.owner[e.port]!;
        return packet({ ...s, quiet: set(s.quiet, f, 0) }, f, c);
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

  faults: {
    "reuse-live-port": { config: { bug: "reuse-live-port" }, kills: "one-flow-per-port", description: "the allocator takes the next port without checking it is free" },
    "expiry-forgets-mapping": { config: { bug: "expiry-forgets-mapping" }, kills: "tables-agree", description: "expiry frees the port but leaves the flow's mapping" },
    "refresh-ignored": { config: { bug: "refresh-ignored" }, kills: "no-early-expiry", description: "packets do not reset the idle timer: an active flow's mapping expires" },
    "refresh-moves-port": { config: { bug: "refresh-moves-port" }, kills: "stable-mapping", description: "every packet allocates a port again, so a live flow changes port" },
    "last-port-never-expires": { config: { bug: "last-port-never-expires" }, kills: "pool-restored", description: "the expiry sweep stops one port short: the last port leaks" },
  },
};
