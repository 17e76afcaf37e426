// The same catalogue on SQLite and PostgreSQL answers every query identically (names, order,
// totals): the two backends only differ in how they find candidates (FTS5 vs tsvector).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { searchCataloguePage, type CatalogueQuery } from "@/lib/server/catalogue";
import { addRevision, makeActor, registered } from "./publisher-helpers";

const PG = process.env.SNAPSTORE_TEST_PG;
const WORDS = ["video", "player", "editor", "code", "music", "photo", "terminal", "chat", "game", "notes", "browser", "paint", "cloud", "sync", "mail"];
const CATS = ["video", "development", "games", "productivity", "social"];

/** A deterministic catalogue: names, titles and summaries drawn from WORDS, some devmode/classic/private. */
async function seed(db: Db) {
  const pubs = [await makeActor(db, "publisher"), await makeActor(db, "publisher")];
  // Same publisher names on both databases (makeActor's names carry a process-wide counter).
  await db.account.updateMany({ where: { userId: pubs[0].id }, data: { username: "alice", displayName: "Alice" } });
  await db.account.updateMany({ where: { userId: pubs[1].id }, data: { username: "bob", displayName: "Bob Builder", validation: "verified" } });
  for (let i = 0; i < 60; i++) {
    const w1 = WORDS[i % WORDS.length];
    const w2 = WORDS[(i * 7 + 3) % WORDS.length];
    const name = `${w1}-${w2}-${i}`;
    const owner = pubs[i % 2];
    const s = await registered(db, owner, name);
    const confinement = i % 10 === 0 ? "devmode" : i % 7 === 0 ? "classic" : "strict";
    const rev = await addRevision(db, s.id, owner, { confinement, grade: confinement === "devmode" ? "devel" : "stable" });
    await db.snap.update({
      where: { id: s.id },
      data: {
        categories: [CATS[i % CATS.length]],
        private: i % 13 === 0,
        title: i % 3 ? `${w2[0].toUpperCase()}${w2.slice(1)} ${w1}` : null,
        summary: `A ${w1} for ${w2} lovers`,
        description: `Number ${i}. ${WORDS[(i * 5) % WORDS.length]} and ${WORDS[(i * 11) % WORDS.length]}.`,
      },
    });
    await db.release.create({
      data: { snapId: s.id, track: "latest", risk: confinement === "devmode" ? "beta" : "stable", branch: "", architecture: "amd64", revisionId: rev.id },
    });
  }
}

const QUERIES: CatalogueQuery[] = [
  ...[
    "video",
    "vid",
    "vidoe",
    "player",
    "video player",
    "code editor",
    "cod",
    "music-photo-4",
    "musci",
    "bob",
    "alice 4",
    "x",
    "",
    "terminal chat",
    "mail sync cloud",
  ].map((q) => ({ q })),
  { q: "game", confinement: ["classic"] },
  { q: "game", confinement: ["strict"] },
  { q: "notes", verifiedOnly: true },
  { q: "a", category: "games" },
  { category: "video", sort: "name" },
  { sort: "updated", take: 10 },
  { q: "photo", page: 2, pageSize: 5 },
];

describe.skipIf(!PG)("search parity: SQLite and PostgreSQL", () => {
  const dbs: Db[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-parity-"));
    const file = path.join(dir, "p.db");
    await migrate({ provider: "sqlite", url: file, embedded: false });
    dbs.push(createDb({ provider: "sqlite", url: file, embedded: false }));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const name = `snapstore_parity_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(PG!);
    u.pathname = `/${name}`;
    await migrate({ provider: "postgresql", url: u.toString(), embedded: false });
    dbs.push(createDb({ provider: "postgresql", url: u.toString(), embedded: false }));
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: PG });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    for (const db of dbs) await seed(db);
  }, 120_000);

  afterAll(async () => {
    for (const db of dbs) await db.$disconnect();
    for (const c of cleanups) await c();
  });

  it.each(QUERIES.map((q) => [JSON.stringify(q), q] as const))("%s", async (_, q) => {
    const [a, b] = await Promise.all(dbs.map((db) => searchCataloguePage(db, q)));
    const view = (p: typeof a) => ({ total: p.total, names: p.items.map((i) => i.name) });
    expect(view(b)).toEqual(view(a));
    expect(a.items.every((i) => i.confinement !== "devmode")).toBe(true);
    if (q.q && q.q.length > 2) expect(a.total, "the query finds something").toBeGreaterThan(0);
  });
});
