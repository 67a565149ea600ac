/**
 * The port-knocking automaton of SCR App. C, Fig. 12, as an XState machine (one copy per source IP):
 *
 *   CLOSED_1 --PORT_1--> CLOSED_2 --PORT_2--> CLOSED_3 --PORT_3--> OPEN;  OPEN stays OPEN;
 *   "any transition not shown in the figure leads to the default CLOSED_1 state".
 *
 * The figure names no port numbers; PORT_1..3 = 100, 101, 102 are those of the public eBPF implementation.
 * (That implementation also sends OPEN back to CLOSED on a wrong port; the paper's `get_new_state` keeps
 * OPEN open, and so does this machine.) `knock` is the transition table read off the machine once, by
 * XState's pure transition function, for the four classes of destination port.
 */
import { getNextSnapshot, setup } from "xstate";

export const PORT_1 = 100;
export const PORT_2 = 101;
export const PORT_3 = 102;

export type KnockState = "CLOSED_1" | "CLOSED_2" | "CLOSED_3" | "OPEN";
export const KNOCK_STATES: readonly KnockState[] = ["CLOSED_1", "CLOSED_2", "CLOSED_3", "OPEN"];

export const portKnockingMachine = setup({
  types: { events: {} as { type: "TCP"; dport: number } },
  guards: {
    isPort1: ({ event }) => event.dport === PORT_1,
    isPort2: ({ event }) => event.dport === PORT_2,
    isPort3: ({ event }) => event.dport === PORT_3,
  },
}).createMachine({
  id: "portKnocking",
  initial: "CLOSED_1",
  states: {
    CLOSED_1: { on: { TCP: [{ guard: "isPort1", target: "CLOSED_2" }, { target: "CLOSED_1" }] } },
    CLOSED_2: { on: { TCP: [{ guard: "isPort2", target: "CLOSED_3" }, { target: "CLOSED_1" }] } },
    CLOSED_3: { on: { TCP: [{ guard: "isPort3", target: "OPEN" }, { target: "CLOSED_1" }] } },
    OPEN: { on: { TCP: { target: "OPEN" } } },
  },
});

/** A destination port stands for its class: one of the three knock ports, or any other (0 here). */
const PORT_CLASSES = [PORT_1, PORT_2, PORT_3, 0] as const;
const classOf = (dport: number): number => (dport === PORT_1 || dport === PORT_2 || dport === PORT_3 ? dport : 0);

const TABLE: ReadonlyMap<string, KnockState> = new Map(
  KNOCK_STATES.flatMap((from) =>
    PORT_CLASSES.map((dport) => {
      const snapshot = portKnockingMachine.resolveState({ value: from, context: {} });
      const next = getNextSnapshot(portKnockingMachine, snapshot, { type: "TCP", dport }).value as KnockState;
      return [`${from}/${dport}`, next] as const;
    }),
  ),
);

/** `get_new_state(curr_state, dport)` of App. C. */
export function knock(state: KnockState, dport: number): KnockState {
  return TABLE.get(`${state}/${classOf(dport)}`)!;
}
