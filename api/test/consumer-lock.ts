/**
 * A package-lock.json for a consumer project of the packed tarball, cut from this repository's own lock.
 *
 * Why: `npm ci` of this repository puts every package's tarball in npm's cache, but not the registry's
 * metadata (a lock names each package's exact version and URL, so none is fetched). A fresh project that
 * says only `"vitest": "4.1.12"` would need that metadata to resolve versions, and offline it has none. With
 * a lock, npm resolves nothing: it takes each package from the cache by its integrity. The consumer's
 * packages — nfcheck's dependencies and vitest with theirs — are all in this repository's lock, at the places
 * in node_modules where they sit here, so the consumer's lock is the part of ours they reach.
 */

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly [field: string]: unknown;
}

/** The fields of this repository's package.json that the consumer's lock repeats for the tarball's entry. */
export interface OwnPackage {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly bin?: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
}

export interface Lock {
  readonly lockfileVersion: number;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

/** The place of a package's folder that holds `location` ("node_modules/a/node_modules/b" → "node_modules/a"). */
function parentOf(location: string): string {
  const at = location.lastIndexOf("node_modules/");
  return at <= 0 ? "" : location.slice(0, at - 1);
}

/** Where Node would find `name` from the package at `from`: its own node_modules, then each one above. */
function resolveIn(packages: Lock["packages"], from: string, name: string): string | undefined {
  for (let at = from; ; at = parentOf(at)) {
    const candidate = `${at === "" ? "" : `${at}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (at === "") return undefined;
  }
}

/**
 * The consumer's lock: a root that depends on the tarball (`file:<tarball>`, with its integrity) and on
 * `extra` packages of this repository's lock (vitest), and every entry of ours that these reach. Flags for
 * development-only packages are dropped (there they are plain dependencies); optional ones stay optional.
 */
export function consumerLock(repo: Lock, ours: OwnPackage, o: {
  readonly name: string;
  readonly tarball: string;
  readonly integrity: string;
  readonly extra: readonly string[];
}): { readonly packageJson: Record<string, unknown>; readonly lock: Record<string, unknown> } {
  const dependencies: Record<string, string> = { [ours.name]: `file:${o.tarball}` };
  for (const name of o.extra) {
    const entry = repo.packages[`node_modules/${name}`];
    if (entry?.version === undefined) throw new Error(`${name} is not at the top of this repository's lock`);
    dependencies[name] = entry.version;
  }
  const reached = new Set<string>();
  const missing: string[] = [];
  const visit = (from: string, deps: Readonly<Record<string, string>> | undefined, optional: (name: string) => boolean) => {
    for (const name of Object.keys(deps ?? {})) {
      const at = resolveIn(repo.packages, from, name);
      if (at === undefined) {
        if (!optional(name)) missing.push(`${name} (from ${from || "the root"})`);
        continue;
      }
      if (reached.has(at)) continue;
      reached.add(at);
      const e = repo.packages[at]!;
      visit(at, e.dependencies, () => false);
      visit(at, e.optionalDependencies, () => true);
      visit(at, e.peerDependencies, (n) => e.peerDependenciesMeta?.[n]?.optional === true);
    }
  };
  // nfcheck's own dependencies are found from the root of our lock, where they sit.
  visit("", ours.dependencies, () => false);
  visit("", Object.fromEntries(o.extra.map((n) => [n, ""])), () => false);
  if (missing.length > 0) throw new Error(`not in this repository's lock: ${missing.join(", ")}`);

  const packages: Record<string, unknown> = {
    "": { name: o.name, dependencies },
    [`node_modules/${ours.name}`]: {
      version: ours.version, resolved: `file:${o.tarball}`, integrity: o.integrity,
      ...(ours.license !== undefined ? { license: ours.license } : {}),
      ...(ours.dependencies !== undefined ? { dependencies: ours.dependencies } : {}),
      ...(ours.bin !== undefined ? { bin: ours.bin } : {}),
      ...(ours.engines !== undefined ? { engines: ours.engines } : {}),
    },
  };
  for (const at of [...reached].sort()) {
    const entry: Record<string, unknown> = { ...repo.packages[at]! };
    if (entry["devOptional"] === true) entry["optional"] = true;
    delete entry["dev"];
    delete entry["devOptional"];
    packages[at] = entry;
  }
  return {
    packageJson: { name: o.name, private: true, type: "module", dependencies },
    lock: { name: o.name, lockfileVersion: 3, requires: true, packages },
  };
}
