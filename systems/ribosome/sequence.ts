/**
 * Ribosome as a sequence diagram: the switch, each RDMA server and the NF are lanes. An arriving packet
 * is split at the switch — its header to the NF, its payload WRITE to a server —; a server executes its
 * next WRITE or READ and answers the switch (or the answer is lost); the NF returns a header to the switch.
 */
import type { SequenceView } from "../../core/sequence.ts";
import type { RibosomeConfig } from "../../models/ribosome/config.ts";
import type { RibosomeState } from "../../models/ribosome/state.ts";
import type { RibosomeEvent } from "../../models/ribosome/system.ts";

const SWITCH = "switch";
const NF = "NF";
const server = (s: number) => `server ${s}`;

export const ribosomeSequence: SequenceView<RibosomeState, RibosomeEvent, RibosomeConfig> = {
  actors: (c) => [SWITCH, ...Array.from({ length: c.servers }, (_, i) => server(i)), NF],
  place(e, _before, after) {
    switch (e.type) {
      case "arrive": {
        // The newest packet: split (header to the NF, payload to its server) or sent whole to the NF.
        const meta = after.split[after.split.length - 1];
        return { actor: SWITCH, to: meta ? [NF, server(meta.server)] : [NF] };
      }
      case "server": return { actor: server(e.server) };
      case "response": return { actor: server(e.server), to: [SWITCH] };
      case "lose": return { actor: server(e.server), to: [SWITCH], lost: true };
      case "nf": return { actor: NF, to: [SWITCH] };
      case "nf-drop": return { actor: NF };
      case "expire": return { actor: SWITCH };
    }
  },
};
