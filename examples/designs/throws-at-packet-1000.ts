/** A design that throws on its 1 000th packet ("table full"): a violation of no-exception, with a trace of 1 000 packets. */
interface State { readonly packets: number }

export default {
  name: "throws at packet 1000",
  metaBytes: 0,
  init: (): State => ({ packets: 0 }),
  extract: () => 0,
  fastForward: (s: State): State => ({ packets: s.packets + 1 }),
  process(s: State) {
    if (s.packets + 1 === 1_000) throw new Error("table full at packet 1000");
    return { state: { packets: s.packets + 1 }, verdict: "PASS" };
  },
};
