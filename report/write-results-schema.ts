/**
 * Writes `report/results.schema.json`, the `--json` shape (report/results.ts) as JSON Schema, for scripts
 * in any language: `npm run results-schema`. A test fails when the file and the schema differ.
 */
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../core/store.ts";
import { resultsJsonSchema } from "./results.ts";

export const RESULTS_SCHEMA_FILE = fileURLToPath(new URL("./results.schema.json", import.meta.url));

export const resultsSchemaText = (): string => `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`;

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFileAtomic(RESULTS_SCHEMA_FILE, resultsSchemaText());
  console.log(`wrote ${RESULTS_SCHEMA_FILE}`);
}
