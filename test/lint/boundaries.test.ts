// The import boundaries in eslint.config.mjs, proved on fixture files: each fixture is linted with the
// project's real config as if it sat in the folder under test (lintText's filePath), and the lines
// reported by the boundary rules must be exactly the lines marked `// forbidden`. Clean fixtures
// must lint without any message. The normal lint run ignores test/lint/fixtures/.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error eslint.config.mjs is plain JavaScript without declarations.
import { PURE } from "../../eslint.config.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(import.meta.dirname, "fixtures");

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Lints a fixture as if it were `asIf` (repo-relative); returns its messages. */
async function lintAs(fixture: string, asIf: string) {
  const code = fs.readFileSync(path.join(fixtures, fixture), "utf8");
  const [result] = await eslint.lintText(code, { filePath: path.join(root, asIf) });
  return { code, messages: result.messages };
}

/** 1-based numbers of the lines marked `// forbidden`. */
function markedLines(code: string): number[] {
  return code.split("\n").flatMap((line, i) => (line.includes("// forbidden") ? [i + 1] : []));
}

async function expectExactlyMarked(fixture: string, asIf: string, rules: string[]) {
  const { code, messages } = await lintAs(fixture, asIf);
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  const boundary = messages.filter((m) => m.ruleId?.startsWith("snapstore/"));
  expect([...new Set(boundary.map((m) => m.line))].sort((a, b) => a - b)).toEqual(markedLines(code));
  expect(new Set(boundary.map((m) => m.ruleId))).toEqual(new Set(rules.map((r) => `snapstore/${r}`)));
  expect(boundary[0].message).toMatch(/crosses a boundary: /);
}

describe("import boundaries", () => {
  it("components/ never imports app/", async () => {
    await expectExactlyMarked("components/bad.tsx", "components/x.tsx", ["components-imports"]);
  });

  it("lib/ never imports app/ or components/", async () => {
    await expectExactlyMarked("lib/bad.ts", "lib/x.ts", ["lib-imports"]);
  });

  it.each(PURE as string[])("%s imports no database, server or framework code", async (dir) => {
    await expectExactlyMarked("pure/bad.ts", `${dir}/x.ts`, ["pure-imports", "lib-imports"]);
  });

  it("the pure rules do not apply elsewhere in lib/", async () => {
    const { messages } = await lintAs("pure/bad.ts", "lib/server/x.ts");
    const rules = new Set(messages.map((m) => m.ruleId).filter((r) => r?.startsWith("snapstore/")));
    expect(rules).toEqual(new Set(["snapstore/lib-imports"]));
  });

  it("clean files lint without a message", async () => {
    expect((await lintAs("components/clean.tsx", "components/x.tsx")).messages).toEqual([]);
    for (const dir of PURE as string[]) expect((await lintAs("pure/clean.ts", `${dir}/x.ts`)).messages).toEqual([]);
  });

  it("the normal lint run ignores the fixtures", async () => {
    for (const f of ["components/bad.tsx", "lib/bad.ts", "pure/bad.ts"]) expect(await eslint.isPathIgnored(path.join(fixtures, f))).toBe(true);
  });
});
