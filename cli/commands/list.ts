/**
 * `nfcheck list [system]`: the systems; or one system's config fields (type, default, the explore preset's
 * value, what it means), its properties, its faults and which property kills each, its design boundaries
 * and presets — all read from its definition.
 */
import { BUILT_IN_PROPERTIES, configFields, type AnySystem } from "../../core/system.ts";
import { formatTable } from "../../core/report.ts";
import { loadSystems, systemNamed } from "../../systems/registry.ts";
import { kebab } from "../system-options.ts";
import { EXIT_OK, say } from "../output.ts";
import { resultsJson } from "../../report/results.ts";

const show = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

export async function listCommand(o: { readonly system?: string; readonly json?: boolean }): Promise<number> {
  if (o.system === undefined) {
    const systems = await loadSystems();
    if (o.json) say(resultsJson({ command: "list", exitCode: EXIT_OK, data: { systems: systems.map((s) => ({ name: s.name, summary: s.summary, properties: Object.keys(s.properties), faults: s.faults.length })) } }, []));
    else {
      say(formatTable({ columns: ["system", "properties", "faults", "what it is"], rows: systems.map((s) => [s.name, String(Object.keys(s.properties).length), String(s.faults.length), s.summary]) }));
      say("nfcheck list <system> shows its config fields, properties and faults; nfcheck explore <system> explores it");
    }
    return EXIT_OK;
  }
  const system = await systemNamed(o.system);
  if (o.json) {
    say(resultsJson({ command: `list ${system.name}`, exitCode: EXIT_OK, data: {
      name: system.name, summary: system.summary, fields: configFields(system).map((f) => ({ ...f, preset: (system.presets.default as Record<string, unknown>)[f.name] })),
      properties: system.properties, faults: system.faults.map((f) => ({ name: f.name, kills: f.kills, description: f.description })),
      boundaries: system.boundaries.map((b) => ({ name: b.name, property: b.property, expect: b.expect ?? "violation", note: b.note })), presets: Object.keys(system.presets),
    } }, []));
    return EXIT_OK;
  }
  describeSystem(system);
  return EXIT_OK;
}

function describeSystem(system: AnySystem): void {
  const preset = system.presets.default as Record<string, unknown>;
  const flags = new Map((system.flags ?? []).filter((f) => f.field !== undefined).map((f) => [f.field!, f.flags.split(" ")[0]!]));
  say(`${system.name}: ${system.summary}`);
  say();
  say("config (nfcheck explore sets a field with --set field=value, or with its flag):");
  say(formatTable({
    columns: ["field", "flag", "takes", "default", "explore preset", "what it is"],
    rows: configFields(system).map((f) => [
      f.name, flags.get(f.name) ?? (f.kind === "json" ? "--set" : f.kind === "boolean" ? `--[no-]${kebab(f.name)}` : `--${kebab(f.name)}`),
      f.name === "fault" ? "a fault's name (below)" : f.type, f.optional ? show(f.default) || "(none)" : "(required)", show(preset[f.name]), f.description,
    ]),
  }));
  const other = (system.flags ?? []).filter((f) => f.field === undefined);
  if (other.length > 0) {
    say();
    say("short flags:");
    say(formatTable({ columns: ["flag", "what it sets"], rows: other.map((f) => [f.flags, f.description]) }));
  }
  say();
  say("properties (nfcheck explore --property <name> checks only those named):");
  const killers = (p: string) => system.faults.filter((f) => f.kills === p).map((f) => f.name).join(", ") || "—";
  say(formatTable({
    columns: ["property", "killed by", "what it says"],
    rows: [...Object.entries(system.properties).map(([p, d]) => [p, killers(p), d]), ...Object.entries(BUILT_IN_PROPERTIES).map(([p, d]) => [p, killers(p), `${d} (every system)`])],
  }));
  say();
  say("faults (each a config value of the model; nfcheck mutants checks that its property kills it):");
  say(formatTable({ columns: ["fault", "killed by", "what is broken"], rows: system.faults.map((f) => [f.name, f.kills, f.description]) }));
  if (system.boundaries.length > 0) {
    say();
    say("design boundaries (configurations outside the design's assumptions):");
    say(formatTable({ columns: ["boundary", "property", "expect", "why"], rows: system.boundaries.map((b) => [b.name, b.property, b.expect ?? "violation", b.note]) }));
  }
  say();
  say(`presets (--preset): ${Object.keys(system.presets).join(", ")}${system.cost ? `; cost model: nfcheck cost ${system.name}` : ""}`);
}
