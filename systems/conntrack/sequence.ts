/** The connection table as a sequence diagram: the NF's packets (operations), the table and time are lanes. */
import type { SequenceView } from "../../core/sequence.ts";
import type { TableConfig } from "../../models/conntrack/config.ts";
import type { TableEvent, TableState } from "../../models/conntrack/system.ts";

export const tableSequence: SequenceView<TableState, TableEvent, TableConfig> = {
  actors: () => ["packets", "table", "time"],
  place: (e) => (e.type === "tick" ? { actor: "time", to: ["table"] } : { actor: "packets", to: ["table"] }),
};
