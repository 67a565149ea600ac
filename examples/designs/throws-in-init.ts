/** A design that cannot even start. */
export default {
  name: "throws in init",
  metaBytes: 4,
  init(): never {
    throw new Error("state table too large for this core");
  },
  extract: (p: { srcIp: number }) => p.srcIp,
  fastForward: (s: unknown) => s,
  process: (s: unknown) => ({ state: s, verdict: "PASS" }),
};
