/**
 * How a trace is drawn as a sequence diagram (a message sequence chart, as SPIN's or P's trace viewers
 * draw them): one lane per actor of the system, one row per event, placed on the lane of the actor that
 * acts, with an arrow to the actors it sends to. Each built-in system says this in its definition
 * (`System.sequence`); a user's system, or one that says nothing, gets `genericLanes`: one lane per
 * process its events name, else per event type.
 */

/** Where one event happens. */
export interface Placement {
  /** The lane of the actor that acts. */
  readonly actor: string;
  /** The actors it sends something to (an arrow each). */
  readonly to?: readonly string[];
  /** What it sends is lost on the way (the arrows end in a cross). */
  readonly lost?: boolean;
  /** The row's text (default: the event as the system describes it). */
  readonly label?: string;
}

export interface SequenceView<S, E, C> {
  /** The lanes, left to right. */
  actors(config: C): readonly string[];
  place(event: E, before: S, after: S, config: C): Placement;
}

/** Field names under which a user's events commonly name who acts, tried in this order. */
const ACTOR_FIELDS = ["actor", "process", "proc", "node", "thread", "core", "replica", "client", "server", "from", "src"] as const;
const TARGET_FIELDS = ["to", "dst", "dest", "target"] as const;
const TYPE_FIELDS = ["type", "kind", "tag", "name"] as const;

function field(event: unknown, names: readonly string[]): [string, unknown] | null {
  if (typeof event !== "object" || event === null) return null;
  const e = event as Record<string, unknown>;
  for (const n of names) {
    const v = e[n];
    if (typeof v === "string" || typeof v === "number") return [n, v];
  }
  return null;
}

const laneName = ([name, value]: [string, unknown]) => (typeof value === "number" ? `${name} ${value}` : String(value));

/**
 * The fallback: the actor an event names (`process: 2` → lane "process 2"; `from: "client"` → "client"),
 * an arrow to the one it sends to (`to`), else a lane per event type (`type: "timeout"` → "timeout").
 * Lanes appear in the order the trace first uses them.
 */
export function genericLanes(events: readonly unknown[]): SequenceView<unknown, unknown, unknown> {
  const placeOf = (event: unknown): Placement => {
    const actor = field(event, ACTOR_FIELDS);
    const target = field(event, TARGET_FIELDS);
    const type = field(event, TYPE_FIELDS);
    const lane = actor !== null ? laneName(actor) : type !== null ? String(type[1]) : typeof event === "string" ? event : "events";
    // A numbered target is of the actor's kind: `{ node: 1, to: 2 }` goes from "node 1" to "node 2".
    const to = target === null ? null : typeof target[1] === "number" && actor !== null ? laneName([actor[0], target[1]]) : laneName(target);
    return { actor: lane, ...(to !== null ? { to: [to] } : {}) };
  };
  const actors: string[] = [];
  for (const e of events) {
    const p = placeOf(e);
    for (const a of [p.actor, ...(p.to ?? [])]) if (!actors.includes(a)) actors.push(a);
  }
  return { actors: () => actors, place: (event) => placeOf(event) };
}
