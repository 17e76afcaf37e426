import { describe, expect, it } from "vitest";
import { SnapRowCache } from "./snap-row-cache";

const make = (maxEntries = 10, maxChanges = 3) => new SnapRowCache<string>({ maxEntries, maxChanges });

describe("SnapRowCache", () => {
  it("keeps every snap a write did not touch, and drops the ones it did, under all their keys", () => {
    const c = make();
    c.advance(5, []);
    c.set(5, "id:a", "A", "a");
    c.set(5, "name:alpha", "A", "a");
    c.set(5, "id:b", "B", "b");
    expect(c.behind(6)).toBe(true);
    c.advance(6, ["a"]);
    expect([c.get("id:a"), c.get("name:alpha"), c.get("id:b")]).toEqual([undefined, undefined, "B"]);
    expect(c.since()).toBe(6);
    expect(c.behind(6)).toBe(false);
  });

  it("refuses a value loaded before the generation it has moved to (it may predate an evicted change)", () => {
    const c = make();
    c.advance(5, []);
    c.advance(7, ["a"]);
    c.set(6, "id:a", "stale", "a");
    expect(c.get("id:a")).toBeUndefined();
    c.set(7, "id:a", "fresh", "a");
    expect(c.get("id:a")).toBe("fresh");
  });

  it("drops cached absences at every advance: a snap may appear under any name", () => {
    const c = make();
    c.advance(1, []);
    c.set(1, "name:new", null, null);
    expect(c.get("name:new")).toBeNull();
    c.advance(2, ["unrelated"]);
    expect(c.get("name:new")).toBeUndefined();
  });

  it("empties itself when the change list is unknown or longer than maxChanges", () => {
    for (const changed of ["all", ["x", "y", "z", "w"]] as const) {
      const c = make();
      c.advance(1, []);
      c.set(1, "id:b", "B", "b");
      c.advance(2, changed);
      expect(c.get("id:b")).toBeUndefined();
      expect(c.size).toBe(0);
    }
  });

  it("applies a slower reader's older change list without moving back", () => {
    const c = make();
    c.advance(4, []);
    c.set(4, "id:a", "A", "a");
    c.set(4, "id:b", "B", "b");
    c.advance(9, ["b"]);
    c.advance(8, ["a"]);
    expect(c.since()).toBe(9);
    expect([c.get("id:a"), c.get("id:b")]).toEqual([undefined, undefined]);
  });

  it("needs no change list while empty, and keeps at most maxEntries, the oldest going first", () => {
    const c = make(2);
    expect(c.needsChanges()).toBe(false);
    c.advance(1, []);
    expect(c.needsChanges()).toBe(false);
    c.set(1, "id:a", "A", "a");
    c.set(1, "id:b", "B", "b");
    c.set(1, "id:c", "C", "c");
    expect([c.get("id:a"), c.get("id:b"), c.get("id:c"), c.size]).toEqual([undefined, "B", "C", 2]);
    expect(c.needsChanges()).toBe(true);
    // The evicted key no longer ties "a" to anything: an advance naming it is harmless.
    c.advance(2, ["a"]);
    expect([c.get("id:b"), c.get("id:c")]).toEqual(["B", "C"]);
  });

  it("keeps nothing without a generation (no CatalogueGen row: nothing would evict it)", () => {
    const c = make();
    c.set(-1, "id:a", "A", "a");
    expect(c.get("id:a")).toBeUndefined();
  });

  it("keeps nothing with maxEntries 0 (the benchmark's cold mode)", () => {
    const c = make(0);
    c.advance(1, []);
    c.set(1, "id:a", "A", "a");
    expect(c.get("id:a")).toBeUndefined();
  });
});
