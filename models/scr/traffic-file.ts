/**
 * A user's own packets for `nfcheck scr --traffic file.json`: one sequence (`[packet, …]`) or several
 * (`[[packet, …], …]`), each packet with the fields of the README's packet (`ts` may be left out: the
 * packets are then 1 µs apart). Each sequence runs first in every check, and the checks' generated traffic
 * draws from its packets too.
 */
import { Schema } from "effect";
import { decodeOrThrow } from "../../core/schema-errors.ts";
import { readJsonFile } from "../../core/store.ts";
import { PacketSchema, type Packet } from "./packet.ts";

const TrafficPacket = Schema.Struct({ ...PacketSchema.fields, ts: Schema.optionalWith(PacketSchema.fields.ts, { exact: true }) });
const TrafficFile = Schema.Union(Schema.Array(TrafficPacket).pipe(Schema.minItems(1)), Schema.Array(Schema.Array(TrafficPacket).pipe(Schema.minItems(1))).pipe(Schema.minItems(1)));

export async function readTrafficFile(path: string): Promise<Packet[][]> {
  const json = await readJsonFile(path);
  const decoded = decodeOrThrow(TrafficFile, json, `${path}: traffic (a JSON array of packets, or of arrays of packets)`);
  const sequences = (Array.isArray(decoded[0]) ? decoded : [decoded]) as readonly (readonly Schema.Schema.Type<typeof TrafficPacket>[])[];
  return sequences.map((seq) => {
    let ts = 0;
    return seq.map((p) => {
      ts = p.ts ?? ts + 1_000;
      return { ...p, ts };
    });
  });
}
