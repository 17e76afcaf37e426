import { describe, expect, it } from "vitest";
import { effectiveListing, yamlListing, type StoredListing } from "./listing";

const stored = (o: Partial<StoredListing> = {}): StoredListing => ({
  title: null,
  summary: null,
  description: null,
  license: null,
  website: null,
  contact: null,
  listingEdited: "",
  ...o,
});
const meta = { title: "Yaml Title", summary: "Yaml summary", description: "Yaml **desc**", license: "MIT", links: { website: ["https://x.example"] } };

describe("effectiveListing", () => {
  it("falls back to snap.yaml for every unset field and says which", () => {
    const e = effectiveListing(stored(), meta);
    expect(e.values).toEqual({
      title: "Yaml Title",
      summary: "Yaml summary",
      description: "Yaml **desc**",
      license: "MIT",
      website: "https://x.example",
      contact: null,
    });
    expect(e.fromSnap).toEqual(["title", "summary", "description", "license", "website"]);
  });

  it("a saved field wins, even saved empty", () => {
    const e = effectiveListing(stored({ title: "Mine", listingEdited: "title,license" }), meta);
    expect(e.values.title).toBe("Mine");
    expect(e.values.license).toBeNull();
    expect(e.fromSnap).toEqual(["summary", "description", "website"]);
  });

  it("ignores junk meta", () => {
    expect(yamlListing(null)).toEqual({});
    expect(yamlListing({ title: 3, summary: "  " })).toEqual({});
    expect(effectiveListing(stored({ summary: "s" }), "nope").values.summary).toBe("s");
  });
});
