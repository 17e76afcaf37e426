import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { getPublicSnap, searchCatalogue } from "@/lib/server/catalogue";
import type { Actor } from "@/lib/server/ownership";
import { addRevision, makeActor, registered } from "./publisher-helpers";

let t: TestDb;
let pub: Actor;

/** A registered snap with one strict revision released to latest/stable, in `categories`. */
async function published(name: string, categories: string[], opts: { confinement?: "strict" | "devmode"; private?: boolean } = {}) {
  const s = await registered(t.db, pub, name);
  const rev = await addRevision(t.db, s.id, pub, { confinement: opts.confinement ?? "strict", grade: opts.confinement === "devmode" ? "devel" : "stable" });
  await t.db.snap.update({ where: { id: s.id }, data: { categories, private: opts.private ?? false } });
  await t.db.release.create({
    data: { snapId: s.id, track: "latest", risk: opts.confinement === "devmode" ? "edge" : "stable", branch: "", architecture: "amd64", revisionId: rev.id },
  });
}

beforeAll(async () => {
  t = await createTestDb();
  pub = await makeActor(t.db, "publisher");
  // More snaps than one page of results, all before the one in "science" by name.
  for (let i = 0; i < 55; i++) await published(`cat-a-${String(i).padStart(2, "0")}`, ["utilities"]);
  await published("cat-z-microscope", ["science", "education"]);
  await published("cat-z-hidden", ["science"], { private: true });
  await published("cat-z-preview", ["science"], { confinement: "devmode" });
});
afterAll(() => t.cleanup());

describe("searchCatalogue", () => {
  it("a category search finds a snap however many others come before it by name", async () => {
    const found = await searchCatalogue(t.db, { category: "science" });
    expect(found.map((s) => s.name)).toEqual(["cat-z-microscope"]);
    expect(found[0]).toMatchObject({ categories: ["science", "education"], confinement: "strict", version: expect.any(String) });
  });

  it("reads on across batches until `take` snaps match", async () => {
    expect((await searchCatalogue(t.db, { category: "science", batch: 7 })).map((s) => s.name)).toEqual(["cat-z-microscope"]);
    const page = await searchCatalogue(t.db, { category: "utilities", take: 20, batch: 6 });
    expect(page.map((s) => s.name)).toEqual(Array.from({ length: 20 }, (_, i) => `cat-a-${String(i).padStart(2, "0")}`));
  });

  it("still stops at `take` results, in name order", async () => {
    const page = await searchCatalogue(t.db, { category: "utilities", take: 10 });
    expect(page.map((s) => s.name)).toEqual(Array.from({ length: 10 }, (_, i) => `cat-a-${String(i).padStart(2, "0")}`));
    expect(await searchCatalogue(t.db, { q: "microscope" })).toHaveLength(1);
    expect((await searchCatalogue(t.db, {})).length).toBe(50);
  });

  it("never lists private or devmode-only snaps; the public page hides private ones", async () => {
    const names = (await searchCatalogue(t.db, { q: "cat-z", take: 200 })).map((s) => s.name);
    expect(names).toEqual(["cat-z-microscope"]);
    expect(await getPublicSnap(t.db, "cat-z-hidden")).toBeNull();
    expect((await getPublicSnap(t.db, "cat-z-microscope"))?.name).toBe("cat-z-microscope");
  });
});
