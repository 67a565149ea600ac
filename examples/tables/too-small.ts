/**
 * A planted bug: a table that keeps at most one entry whatever its capacity, so an insert is refused
 * while the table holds fewer keys than it was given room for.
 *
 *   npx nfcheck table examples/tables/too-small.ts   (exit 1)
 */
type Hash = (key: string) => number;
interface State { readonly entry: { readonly key: string; readonly value: number } | null }

export default {
  name: "one entry at most",
  init: (_: { capacity: number; hashes: readonly Hash[] }): State => ({ entry: null }),
  insert(s: State, key: string, value: number) {
    if (s.entry !== null && s.entry.key !== key) return { state: s, ok: false };
    return { state: { entry: { key, value } }, ok: true };
  },
  lookup: (s: State, key: string) => (s.entry?.key === key ? s.entry.value : undefined),
  delete: (s: State, key: string) => (s.entry?.key === key ? { state: { entry: null }, ok: true } : { state: s, ok: false }),
};
