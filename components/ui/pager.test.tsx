// The one pager of paged lists (search, review queue, audit log, accounts), rendered to HTML.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pager } from "./index";

const html = (props: Partial<Parameters<typeof Pager>[0]> & { page: number; pages: number }) =>
  renderToStaticMarkup(<Pager label="Pages" href={(n) => `/list?page=${n}`} {...props} />);

describe("Pager", () => {
  it.each([
    [1, 1, [], []],
    [1, 3, ["/list?page=2"], ["Next →"]],
    [2, 3, ["/list?page=1", "/list?page=3"], ["← Previous", "Next →"]],
    [3, 3, ["/list?page=2"], ["← Previous"]],
  ])("page %i of %i links to %o", (page, pages, hrefs, labels) => {
    const out = html({ page, pages });
    expect([...out.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"))).toEqual(hrefs);
    for (const l of labels) expect(out).toContain(l);
    if (pages > 1) expect(out).toContain('aria-label="Pages"');
  });

  it("shows the position between the links, and a single page only when asked", () => {
    const position = <span>Page 1 of 1 (3 items)</span>;
    expect(
      renderToStaticMarkup(
        <Pager label="Pages" page={1} pages={1} href={String}>
          {position}
        </Pager>,
      ),
    ).toBe("");
    expect(
      renderToStaticMarkup(
        <Pager label="Pages" page={1} pages={1} href={String} always>
          {position}
        </Pager>,
      ),
    ).toContain("Page 1 of 1 (3 items)");
  });

  it("takes the list's own words for the links", () => {
    const out = html({ page: 2, pages: 3, previous: "← Newer", next: "Older →" });
    expect(out).toContain("← Newer");
    expect(out).toContain("Older →");
  });
});
