/**
 * Where an entity's lifecycle machine (an XState machine without context, ARCHITECTURE §3) goes from a
 * state on an event, asked of XState once per (machine, state, event) and remembered: the models' tests
 * ask it for every step of whole explorations. And the machine's transitions, for coverage.
 */
import { getAdjacencyMap, type AdjacencyValue } from "@xstate/graph";
import { getNextSnapshot, type AnyStateMachine } from "xstate";

const answers = new WeakMap<AnyStateMachine, Map<string, string | null>>();

/** The state `machine` reaches from `from` on an event of type `type`, or null if it has no such transition. */
export function machineTarget(machine: AnyStateMachine, from: string, type: string): string | null {
  let known = answers.get(machine);
  if (!known) answers.set(machine, (known = new Map()));
  const key = `${from}\u0000${type}`;
  if (!known.has(key)) {
    const snapshot = machine.resolveState({ value: from, context: {} });
    known.set(key, snapshot.can({ type }) ? String(getNextSnapshot(machine, snapshot, { type }).value) : null);
  }
  return known.get(key)!;
}

/** One transition written for people and for comparing sets of them: "from -TYPE-> to". */
export const edgeName = (from: string, type: string, to: string) => `${from} -${type}-> ${to}`;

/**
 * Every transition of `machine` on events of the given types, as edge names: what the models' tests
 * compare with the transitions their explorations took, to show they cover the machine. (@xstate/graph's
 * adjacency map lists every event from every state; an event a state does not handle leaves it where it
 * is, and is not a transition.)
 */
export function machineEdges(machine: AnyStateMachine, types: readonly string[]): string[] {
  const nodes = Object.values(getAdjacencyMap(machine, { events: types.map((type) => ({ type })) })) as AdjacencyValue<{ value: unknown }, { type: string }>[];
  return nodes.flatMap((n) => Object.values(n.transitions)
    .filter((t) => machineTarget(machine, String(n.state.value), t.event.type) !== null)
    .map((t) => edgeName(String(n.state.value), t.event.type, String(t.state.value))));
}
