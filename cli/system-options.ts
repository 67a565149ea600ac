/**
 * A system's command-line options, generated from its definition (core/system.ts): `--set field=value`
 * for any field, `--<field>` for each top-level field that takes one value (`--no-<field>` for a boolean),
 * the system's own short flags, `--config file.json` and `--preset name`. A bad value is one line that
 * names the field and what it takes; nothing here knows any particular system.
 */
import { dirname, resolve } from "node:path";
import { Command, Option } from "commander";
import { InputError } from "../core/model.ts";
import { applySets, checkedConfig, configFields, setField, type AnySystem, type ConfigField } from "../core/system.ts";
import { readJsonFile } from "../core/store.ts";

const collect = (value: string, previous: string[]) => [...previous, value];

/** "slotsPerServer" → "slots-per-server". */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** "slots-per-server" → "slotsPerServer" (commander's key of an option). */
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The long name of a commander flag spec: "--no-tag-check" → "no-tag-check", "--slots <n>" → "slots". */
const longName = (flags: string) => /--([\w-]+)/.exec(flags)![1]!;

/** The options every system's config takes, added to `command`; `taken` are the long names already in use. */
export function addConfigOptions(command: Command, system: AnySystem): Command {
  const taken = new Set(command.options.map((o) => o.long?.replace(/^--/, "")));
  command
    .option("--set <field=value>", `set a config field (repeatable; nfcheck list ${system.name} shows the fields)`, collect, [])
    .option("--config <file>", "a JSON config (whole or in part) over the preset; flags and --set apply on top")
    .addOption(new Option("--preset <name>", "the config to start from").choices(Object.keys(system.presets)).default("default"));
  for (const flag of system.flags ?? []) {
    command.option(flag.flags, flag.description);
    taken.add(longName(flag.flags));
  }
  for (const f of generatedFields(system)) {
    const name = kebab(f.name);
    if (f.kind === "boolean") {
      if (!taken.has(name)) command.option(`--${name}`, `${f.description} (sets ${f.name} true)`);
      if (!taken.has(`no-${name}`)) command.option(`--no-${name}`, `sets ${f.name} false`);
    } else if (!taken.has(name)) {
      command.option(`--${name} <value>`, `${f.description}: ${f.type}${f.default !== undefined ? ` (default ${String(f.default)})` : ""}`);
    }
  }
  return command;
}

/** Top-level fields that one command-line value sets. */
const generatedFields = (system: AnySystem): ConfigField[] => configFields(system).filter((f) => f.kind !== "json");

/**
 * The config the options describe, checked against the system's schema: the preset, then `--config`, then
 * the generated and the system's flags, then each `--set` in order.
 */
export async function configFromOptions(system: AnySystem, o: Record<string, unknown>, cwd: string): Promise<unknown> {
  let json: unknown = system.presets[String(o.preset ?? "default")];
  if (typeof o.config === "string") {
    const path = resolve(cwd, o.config);
    const file = await readJsonFile(path);
    if (file === null || typeof file !== "object" || Array.isArray(file)) throw new InputError(`--config ${o.config}: expected a JSON object of config fields`);
    json = checkedConfig(system, { ...(json as object), ...file }, `--config ${o.config}`);
    // A module the file names is found from the file's folder, as in a counterexample file.
    if (system.rebase) json = system.rebase(json, dirname(path), cwd);
  }
  for (const f of generatedFields(system)) {
    const key = camel(kebab(f.name));
    const value = o[key];
    if (value !== undefined && !(system.flags ?? []).some((fl) => camel(longName(fl.flags).replace(/^no-/, "")) === key)) {
      json = setField(system, json, f.name, value as string | boolean, typeof value === "boolean" ? `--${value ? "" : "no-"}${kebab(f.name)}` : `--${kebab(f.name)} ${String(value)}`);
    }
  }
  for (const flag of system.flags ?? []) {
    const name = longName(flag.flags);
    const value = o[camel(name.replace(/^no-/, ""))];
    if (value === undefined || (name.startsWith("no-") && value !== false)) continue;
    const how = typeof value === "boolean" ? `--${name}` : `--${name} ${String(value)}`;
    if (flag.field !== undefined) json = setField(system, json, flag.field, value as string | boolean, how);
    if (flag.set) {
      for (const [path, v] of Object.entries(await flag.set(value as string | boolean, cwd))) json = setField(system, json, path, typeof v === "string" || typeof v === "boolean" ? v : JSON.stringify(v), how);
    }
  }
  json = applySets(system, json, (o.set as string[] | undefined) ?? []);
  return checkedConfig(system, json, `${system.name} config`);
}

/** The explore command of one system, with its generated options (also what `nfcheck explore <system> --help` shows). */
export function exploreCommandLine(system: AnySystem, common: (c: Command) => Command): Command {
  const command = common(new Command(`explore ${system.name}`)
    .description(`explore every state of ${system.name} within bounds (breadth first: a violation found is a shortest one). ${system.summary}`)
    .option("--property <name>", "check only this property (repeatable)", collect, [])
    .option("--max-depth <n>", "expand no state this many events from the start (default: no depth bound)"));
  return addConfigOptions(command, system);
}
