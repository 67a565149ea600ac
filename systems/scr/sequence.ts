/**
 * SCR (§3) as a sequence diagram: the sequencer and each replica core are lanes; each packet goes from the
 * sequencer, with its history, to the core it is sprayed to.
 */
import type { SequenceView } from "../../core/sequence.ts";
import type { ScrEvent } from "../../models/scr/system.ts";

const SEQUENCER = "sequencer";
const core = (c: number) => `core ${c}`;

// Programs of every state, metadata and verdict type share this view, as they share the model.
export const scrSequence: SequenceView<{ readonly last: { readonly core: number } | null }, ScrEvent, { readonly cores: number }> = {
  actors: (c) => [SEQUENCER, ...Array.from({ length: c.cores }, (_, i) => core(i))],
  place: (_e, _before, after) => ({ actor: SEQUENCER, ...(after.last !== null ? { to: [core(after.last.core)] } : {}) }),
};
