import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders common markdown", () => {
    expect(renderMarkdown("**bold** and [link](https://example.com)\n\n- a\n- b")).toBe(
      '<p><strong>bold</strong> and <a href="https://example.com" rel="nofollow noopener noreferrer">link</a></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n',
    );
  });

  it("drops scripts, event handlers, styles and javascript: links", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)> <b style="color:red">b</b>');
    expect(html).not.toMatch(/script|onerror|style=|<img/);
    const link = renderMarkdown("see [x](javascript:alert(1)) now");
    expect(link).not.toMatch(/href="javascript/);
    expect(link).toContain("<a");
  });
});

describe("bounded rendering (issue 8: 4,096 '>' crashed the public page)", () => {
  it.each([
    ["4,096 '>'", ">".repeat(4096) + " deep"],
    ["spaced blockquotes", "> ".repeat(3000) + "deep"],
    ["indented lists", Array.from({ length: 400 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n") + " deep"],
    ["lists on one line", "- ".repeat(3000) + "deep"],
  ])("%s render as escaped text instead of overflowing the stack", (_label, text) => {
    const html = renderMarkdown(text);
    expect(html.startsWith("<p>")).toBe(true);
    expect(html).not.toContain("<blockquote>");
    expect(html).not.toContain("<li>");
    expect(html).toContain("deep");
  });

  it("ordinary nesting still renders as markdown", () => {
    expect(renderMarkdown("> quote\n> > nested\n\n- a\n  - b")).toContain("<blockquote>");
  });
});
