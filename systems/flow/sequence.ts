/**
 * The flow manager (MiddleClick §II) as a sequence diagram: packets, the flow table (classification tree
 * and FCB pool) and the timer are lanes. A packet is classified into an FCB and later released (an arrow
 * to the table each); time passes and the clean timer sweeps the table.
 */
import type { SequenceView } from "../../core/sequence.ts";
import type { FlowConfig } from "../../models/flow/config.ts";
import type { FlowState } from "../../models/flow/state.ts";
import type { FlowEvent } from "../../models/flow/system.ts";

const PACKETS = "packets";
const TABLE = "flow table";
const TIMER = "timer";

export const flowSequence: SequenceView<FlowState, FlowEvent, FlowConfig> = {
  actors: () => [PACKETS, TABLE, TIMER],
  place(e) {
    switch (e.type) {
      case "packet": case "done": return { actor: PACKETS, to: [TABLE] };
      case "tick": return { actor: TIMER };
      case "timer": return { actor: TIMER, to: [TABLE] };
      default: return { actor: TABLE };
    }
  },
};
