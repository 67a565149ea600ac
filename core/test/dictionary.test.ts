/** The constants of a user's module (core/dictionary.ts) and the structural hash of inputs (core/structural-hash.ts). */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dictionaryOfModule, harvestLiterals } from "../dictionary.ts";
import { sameHash, structuralHash } from "../structural-hash.ts";

describe("harvestLiterals", () => {
  it("reads strings, numbers, byte arrays and the literal runs of regular expressions, and skips comments", () => {
    const d = harvestLiterals(`
      // port 9999 in a comment is not a constant
      /* nor "in a block" */
      const KNOCKS = [7001, 7002, 7003];
      const MAGIC = [0x41, 66, 0b1000011];
      const re = /fo+o|b\\.ar/gi;
      const half = total / 2 / count;
      const t = \`GET \${path} HTTP/1.1\`;
      if (p.dstPort === 8_080 && p.proto === 17) return 'it\\'s';`);
    expect(d.strings).toEqual(["fo", "o", "b.ar", "GET ", " HTTP/1.1", "it's"]);
    expect(d.numbers).toEqual([7001, 7002, 7003, 65, 66, 67, 2, 8080, 17]);
    expect(d.byteArrays).toEqual([[65, 66, 67]]);
  });

  it("follows the module's relative imports, not its packages", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nfcheck-dict-"));
    await writeFile(join(dir, "ports.ts"), "export const PORTS = [100, 101, 102];\n");
    await writeFile(join(dir, "design.ts"), 'import { PORTS } from "./ports.ts";\nimport * as fc from "fast-check";\nexport const word = "knock";\n');
    const d = dictionaryOfModule(join(dir, "design.ts"));
    expect(d.numbers).toEqual([100, 101, 102]);
    expect(d.strings).toEqual(["fast-check", "knock"]);
  });
});

describe("structuralHash", () => {
  it("is the same for the same structure and changes with any change, also deep inside a Map", () => {
    const a = new Map<number, { n: number[] }>([[1, { n: [1, 2] }], [2, { n: [3] }]]);
    const b = new Map<number, { n: number[] }>([[1, { n: [1, 2] }], [2, { n: [3] }]]);
    expect(sameHash(structuralHash(a), structuralHash(b))).toBe(true);
    b.get(2)!.n.push(4);
    expect(sameHash(structuralHash(a), structuralHash(b))).toBe(false);
    expect(sameHash(structuralHash({ x: 1, y: "1" }), structuralHash({ x: "1", y: 1 }))).toBe(false);
    expect(sameHash(structuralHash([1, [2]]), structuralHash([[1], 2]))).toBe(false);
    expect(sameHash(structuralHash(new Set([1, 2])), structuralHash(new Set([1, 2, 3])))).toBe(false);
  });

  it("counts the nodes it visited", () => {
    expect(structuralHash(new Map([[1, [2, 3]]])).nodes).toBe(5); // the map, a key, the array, two items
  });
});
