/**
 * Where an entity's lifecycle machine (an XState machine without context, ARCHITECTURE §3) goes from a
 * state on an event, asked of XState once per (machine, state, event) and remembered: the models' tests
 * ask it for every step of whole explorations.
 */
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
