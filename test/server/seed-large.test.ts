// `npm run seed:large` (scripts/seed-large.ts), the catalogue every search and store-API benchmark
// measures, run as a person runs it, on the test database (SQLite, or PostgreSQL in the database
// suites' pass): what it writes must be a catalogue the app's own rules accept, or the figures
// measure something no store holds.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { searchCatalogue } from "@/lib/server/catalogue";

const N = 400;
const isPg = Boolean(process.env.SNAPSTORE_TEST_PG);
let t: TestDb;
let out: string;

beforeAll(async () => {
  t = await createTestDb();
  const r = spawnSync(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/seed-large.ts", "--snaps", String(N)],
    {
      env: { ...process.env, DATABASE_URL: t.url },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  out = r.stdout;
}, 150_000);
afterAll(() => t?.cleanup());

describe("seed:large", () => {
  it("writes N snaps, each with a revision released on amd64, and a search document for each", async () => {
    expect(await t.db.snap.count()).toBe(N);
    expect(await t.db.searchDoc.count()).toBe(N);
    expect(await t.db.searchDirty.count()).toBe(0);
    const withAmd64 = await t.db.snap.count({ where: { releases: { some: { architecture: "amd64" } } } });
    expect(withAmd64).toBe(N);
  });

  it("releases devmode revisions only to beta and edge, and lists none of them", async () => {
    const devmode = await t.db.revision.count({ where: { confinement: "devmode" } });
    expect(devmode).toBeGreaterThan(0);
    expect(devmode).toBeLessThan(N * 0.1);
    expect(await t.db.release.count({ where: { revision: { confinement: "devmode" }, risk: { in: ["stable", "candidate"] } } })).toBe(0);
    const listedDevmode = await t.db.searchDoc.count({ where: { listed: true, snap: { revisions: { some: { confinement: "devmode" } } } } });
    expect(listedDevmode).toBe(0);
    expect(await t.db.searchDoc.count({ where: { listed: true } })).toBe(N - devmode);
  });

  it("makes a catalogue the search finds by title words, with no devmode snap in the results", async () => {
    const snap = await t.db.snap.findFirstOrThrow({ where: { private: false, title: { not: null }, revisions: { some: { confinement: "strict" } } } });
    const results = await searchCatalogue(t.db, { q: snap.title!.split(" ")[0] });
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.confinement === "devmode")).toEqual([]);
  });

  it.runIf(isPg)("gives PostgreSQL's planner statistics (autovacuum may be off, or not yet have run)", async () => {
    const rows = await t.db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n FROM pg_stats WHERE tablename IN ('Snap', 'Release', 'SearchDoc')`);
    expect(Number(rows[0].n)).toBeGreaterThan(0);
    expect(out).toMatch(/ANALYZE in/);
  });
});
