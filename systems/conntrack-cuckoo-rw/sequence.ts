/** The cuckoo table's writer and readers as a sequence diagram: the writer, the table and each reader are lanes; a write goes from the writer to the table, a read from a reader to it. */
import type { SequenceView } from "../../core/sequence.ts";
import type { CuckooRwConfig, CuckooRwEvent, CuckooRwState } from "../../models/conntrack/cuckoo-rw.ts";

export const cuckooRwSequence: SequenceView<CuckooRwState, CuckooRwEvent, CuckooRwConfig> = {
  actors: (c) => ["writer", "table", ...c.lookups.map((_, r) => `reader ${r}`)],
  place: (e) => (e.type === "writer" ? { actor: "writer", to: ["table"] } : { actor: `reader ${e.reader}`, to: ["table"] }),
};
