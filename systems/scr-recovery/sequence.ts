/**
 * SCR loss recovery (Alg. 1) as a sequence diagram: the sequencer and each core are lanes; the sequencer
 * sends each SCR packet to its core (or loses it on the way), and a recovering core reads another core's
 * log (an arrow to that core).
 */
import type { SequenceView } from "../../core/sequence.ts";
import type { RecoveryConfig, RecoveryEvent, RecoveryState } from "../../models/scr/recovery.ts";

const SEQUENCER = "sequencer";
const core = (c: number) => `core ${c}`;

export const recoverySequence: SequenceView<RecoveryState, RecoveryEvent, RecoveryConfig> = {
  actors: (c) => [SEQUENCER, ...Array.from({ length: c.cores }, (_, i) => core(i))],
  place(e) {
    switch (e.type) {
      case "send": return { actor: SEQUENCER, to: [core(e.core)] };
      case "lose": return { actor: SEQUENCER, to: [core(e.core)], lost: true };
      case "end": return { actor: SEQUENCER };
      case "receive": case "step": return { actor: core(e.core) };
      case "read": return { actor: core(e.core), to: [core(e.from)] };
    }
  },
};
