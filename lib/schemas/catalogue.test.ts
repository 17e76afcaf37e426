import { describe, expect, it } from "vitest";
import { catalogueSearchHref, catalogueSearchSchema } from "./catalogue";

describe("catalogueSearchSchema", () => {
  it("parses a full query string", () => {
    expect(catalogueSearchSchema.parse({ q: " vlc ", category: "games", confinement: ["strict", "devmode", "classic"], verified: "1", page: "3" })).toEqual({
      q: "vlc",
      category: "games",
      confinement: ["strict", "classic"],
      verified: true,
      page: 3,
      sort: undefined,
    });
  });

  it("ignores junk instead of failing the page", () => {
    expect(catalogueSearchSchema.parse({ q: "", category: "nope", page: "-4", sort: "x", confinement: "devmode" })).toEqual({
      q: undefined,
      category: undefined,
      confinement: [],
      verified: false,
      page: 1,
      sort: undefined,
    });
  });

  it("round-trips through the link builder", () => {
    const s = catalogueSearchSchema.parse({ q: "a b", confinement: "classic", verified: "on", page: "2" });
    const href = catalogueSearchHref(s);
    expect(href).toBe("/search?q=a+b&confinement=classic&verified=1&page=2");
    expect(catalogueSearchSchema.parse(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual(s);
  });
});
