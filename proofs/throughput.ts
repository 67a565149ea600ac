/**
 * The throughput model of SCR App. A: with k cores, t = d + c1 and c2 the time to fast-forward one
 * history entry, SCR processes k / (t + (k − 1)·c2) packets per unit time. The lemma: over the reals, for
 * all positive t and c2, this is strictly increasing in k ≥ 1 exactly when t > c2.
 *   if:      t > c2, 1 ≤ k1 < k2  ⇒  f(k1) < f(k2)
 *   only if: t ≤ c2  ⇒  f(1) ≥ f(2), so f is not strictly increasing
 * (The paper writes the denominator once with c where it means c2; Table 4 gives t/c2 between 4.3 and 9.7.)
 */
import type { Z3Context } from "../core/z3.ts";
import type { Lemma } from "./lemma.ts";

/** `strict`: the lemma as stated; `weak`: the false variant that claims it for t ≥ c2 too. */
export function throughputLemma(condition: "t > c2" | "t >= c2" = "t > c2"): Lemma {
  const f = (ctx: Z3Context, k: ReturnType<Z3Context["Real"]["const"]>, t: typeof k, c2: typeof k) => k.div(t.add(k.sub(1).mul(c2)));
  return {
    name: condition === "t > c2" ? "throughput-monotone" : "throughput-monotone (t ≥ c2)",
    statement: `k / (t + (k − 1)·c2) is strictly increasing in k ≥ 1 ${condition === "t > c2" ? "exactly when t > c2" : "when t ≥ c2"} (all positive t, c2)`,
    source: "SCR App. A, Table 4",
    cases: () => [
      {
        label: "if",
        query: (ctx) => {
          const [t, c2, k1, k2] = ["t", "c2", "k1", "k2"].map((n) => ctx.Real.const(n)) as [any, any, any, any];
          const premise = condition === "t > c2" ? t.gt(c2) : t.ge(c2);
          return {
            negation: [t.gt(0), c2.gt(0), premise, k1.ge(1), k2.gt(k1), f(ctx, k1, t, c2).ge(f(ctx, k2, t, c2))],
            show: { t, c2, k1, k2, "f(k1)": f(ctx, k1, t, c2), "f(k2)": f(ctx, k2, t, c2) },
          };
        },
        explain: (v) => `t = ${v["t"]}, c2 = ${v["c2"]}: ${v["k1"]} cores give ${v["f(k1)"]} and ${v["k2"]} cores give ${v["f(k2)"]}, not more`,
      },
      {
        label: "only if",
        query: (ctx) => {
          const [t, c2] = [ctx.Real.const("t"), ctx.Real.const("c2")];
          const one = ctx.Real.val(1);
          const two = ctx.Real.val(2);
          return { negation: [t.gt(0), c2.gt(0), t.le(c2), f(ctx, one, t, c2).lt(f(ctx, two, t, c2))], show: { t, c2 } };
        },
        explain: (v) => `t = ${v["t"]} ≤ c2 = ${v["c2"]}, yet 2 cores beat 1`,
      },
    ],
  };
}
