import { describe, expect, it } from "vitest";
import { clipRefusedYaml, MAX_REFUSED_YAML_CHARS } from "./limits";

describe("clipRefusedYaml", () => {
  const M = MAX_REFUSED_YAML_CHARS;
  it.each([
    ["null stays null", null, null],
    ["short: kept whole", "name: x\n", "name: x\n"],
    ["exactly the limit: kept whole", "a".repeat(M), "a".repeat(M)],
  ])("%s", (_, input, want) => {
    expect(clipRefusedYaml(input)).toBe(want);
  });

  it.each([
    ["one over the limit", "a".repeat(M + 1), M],
    ["a megabyte", "b".repeat(1 << 20), M],
    // 😀 is two UTF-16 units: the cut falls inside the pair at an odd offset and moves back by one.
    ["an emoji across the limit", "x" + "😀".repeat(M), M - 1],
  ])("%s: the first characters, then a note saying how much there was", (_, input, kept) => {
    const out = clipRefusedYaml(input)!;
    expect(out.slice(0, kept)).toBe(input.slice(0, kept));
    expect(out.slice(kept)).toBe(
      `\n# [cut by the store: this snap.yaml has ${input.length.toLocaleString("en-US")} characters; the first ${kept.toLocaleString("en-US")} are kept]\n`,
    );
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // no lone high surrogate
  });
});
