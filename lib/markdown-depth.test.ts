import { describe, expect, it } from "vitest";
import { listingSchema } from "@/lib/schemas/listing";
import { MAX_MARKDOWN_NESTING, markdownNestingDepth } from "./markdown-depth";

describe("markdownNestingDepth", () => {
  it.each([
    ["plain text", 0],
    ["> quote", 1],
    ["> > > three", 3],
    [">>>> four", 4],
    ["- a\n  - b\n    - c", 3],
    ["1. one\n2) two", 1],
    ["-not a list", 0],
    ["    code block", 2],
    [">".repeat(4096), 4096],
  ])("%j -> %i", (text, depth) => {
    expect(markdownNestingDepth(text)).toBe(depth);
  });

  it("is linear: a 20,000-character hostile description is measured in milliseconds", () => {
    const start = performance.now();
    markdownNestingDepth("> - ".repeat(5000));
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe("the listing form refuses over-deep descriptions at save time", () => {
  const base = { title: "", summary: "", license: "", categories: [], website: "", contact: "" };
  it("with a clear message", () => {
    const r = listingSchema.safeParse({ ...base, description: ">".repeat(4000) + " x" });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(`more than ${MAX_MARKDOWN_NESTING} levels deep`);
  });
  it("and accepts ordinary markdown", () => {
    expect(listingSchema.safeParse({ ...base, description: "> quote\n\n- a\n  - b" }).success).toBe(true);
  });
});
