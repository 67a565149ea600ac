/**
 * The checks every system gets from its definition alone: each design boundary explored (the property it
 * names must break there, or hold where the boundary says "pass"), and each fault, which the property it
 * names must kill. `nfcheck verify`, `nfcheck mutants` and the tests run these; a system adds its own
 * (explorations of chosen configs, random-run plans) through `checks`.
 */
import { exploreCheck, type Check, type MutantCheck } from "./check.ts";
import { specsNamed, type AnySystem, type Boundary, type Fault } from "./system.ts";

/** An exploration of `json` for `property`; the config is resolved when the check runs (it may load a module). */
export function systemExploreCheck(system: AnySystem, id: string, json: unknown, property: string, expect: "pass" | "violation" = "pass", note?: string): Check {
  return {
    id: `${system.name}/${id}`, model: system.name, property, expect,
    async run(ctx) {
      const config = await system.resolveConfig(json, { baseDir: process.cwd() });
      return exploreCheck({
        id: `${system.name}/${id}`, model: system.model, configJson: json, config, property, specs: specsNamed(system, config, [property]), expect,
        ...(system.explain ? { explain: system.explain } : {}), ...(note !== undefined ? { note } : {}),
      }).run(ctx);
    },
  };
}

export function boundaryCheck(system: AnySystem, b: Boundary<unknown>): Check {
  return systemExploreCheck(system, `boundary/${b.name}/explore`, b.config, b.property, b.expect ?? "violation", b.note);
}

export const boundaryChecks = (system: AnySystem): Check[] => system.boundaries.map((b) => boundaryCheck(system, b));

/** A fault, explored (or checked as the system says), which must be killed by its property. */
export function faultCheck(system: AnySystem, f: Fault<unknown>): MutantCheck {
  const about = { mutant: f.name, description: f.description };
  if (!system.faultCheck) return { ...systemExploreCheck(system, `mutant/${f.name}`, f.config, f.kills, "violation"), ...about };
  return {
    id: `${system.name}/mutant/${f.name}`, model: system.name, property: f.kills, expect: "violation", ...about,
    run: async (ctx) => (await system.faultCheck!(f)).run(ctx),
  };
}

export const faultChecks = (system: AnySystem): MutantCheck[] => system.faults.map((f) => faultCheck(system, f));
