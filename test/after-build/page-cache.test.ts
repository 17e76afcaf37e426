// The anonymous page cache in front of Next (server/page-cache.ts, issue 11) with real servers: two
// instances of the production build share one data directory (the demo catalogue), as two
// stateless instances behind a load balancer. A public page is rendered once and replayed byte for
// byte to anonymous visitors; a catalogue write through the database (as another instance would
// make it) is in the very next page of both; signed-in and Server Component requests always reach
// Next. Run by npm test right after the build (vitest.after-build.config.mts); skipped without it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instanceEnv, kill9, startInstance, testBuildExists } from "./servers";

const built = testBuildExists("page-cache");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-page-cache-"));
const dataDir = path.join(work, "data");
const servers: ChildProcess[] = [];
let a = "";
let b = "";
let db: Database.Database;

// The demo catalogue, and the page cache whatever the caller's shell says.
const env = instanceEnv(dataDir, { SNAPSTORE_DEMO: undefined, SNAPSTORE_PAGE_CACHE: undefined });

beforeAll(async () => {
  if (!built) return;
  a = (await startInstance(env, servers)).base; // seeds the demo catalogue
  b = (await startInstance(env, servers)).base;
  db = new Database(path.join(dataDir, "snapstore.db"));
}, 120_000);

afterAll(() => {
  db?.close();
  servers.forEach(kill9);
  fs.rmSync(work, { recursive: true, force: true });
});

async function get(base: string, p: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + p, { headers, redirect: "manual" });
  return { status: res.status, cache: res.headers.get("x-snapstore-page-cache"), headers: res.headers, body: await res.text() };
}

describe.skipIf(!built)("the anonymous page cache", () => {
  it("renders a public page once, then replays it byte for byte with the same headers", async () => {
    for (const p of ["/", "/search?q=hello", "/snaps/hello-world", "/search?category=development", "/interfaces"]) {
      const first = await get(a, p);
      expect(first.status, p).toBe(200);
      const second = await get(a, p);
      expect(second.cache, p).toBe("hit");
      expect(second.body, p).toBe(first.body);
      expect(second.headers.get("content-type")).toBe(first.headers.get("content-type"));
      expect(second.headers.get("content-security-policy")).toBe(first.headers.get("content-security-policy"));
      expect(second.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("a catalogue write is in the next page of both instances", async () => {
    await get(a, "/search?q=hello");
    await get(b, "/search?q=hello");
    expect((await get(b, "/search?q=hello")).cache).toBe("hit");
    expect((await get(a, "/snaps/hello-world")).body).not.toContain("Zebra Greeting");
    db.prepare(`UPDATE "Snap" SET "title" = 'Zebra Greeting' WHERE "name" = 'hello-world'`).run();
    for (const base of [a, b]) {
      const page = await get(base, "/search?q=hello");
      expect(page.cache).toBe("miss");
      expect(page.body).toContain("Zebra Greeting");
      expect((await get(base, "/snaps/hello-world")).body).toContain("Zebra Greeting");
    }
  });

  it("a snap made private is gone from the next anonymous page (a cached 404 included)", async () => {
    expect((await get(a, "/snaps/note-taker")).status).toBe(200);
    expect((await get(a, "/snaps/note-taker")).cache).toBe("hit");
    db.prepare(`UPDATE "Snap" SET "private" = 1 WHERE "name" = 'note-taker'`).run();
    expect((await get(a, "/snaps/note-taker")).status).toBe(404);
    expect((await get(a, "/snaps/note-taker")).cache).toBe("hit");
    expect((await get(a, "/search?q=note")).body).not.toContain("/snaps/note-taker");
    db.prepare(`UPDATE "Snap" SET "private" = 0 WHERE "name" = 'note-taker'`).run();
    expect((await get(a, "/snaps/note-taker")).status).toBe(200);
  });

  it("a new snap-declaration revision (a reviewer's grant) is in the next snap page", async () => {
    await get(a, "/snaps/note-taker");
    expect((await get(a, "/snaps/note-taker")).cache).toBe("hit");
    const snap = db.prepare(`SELECT "id" FROM "Snap" WHERE "name" = 'note-taker'`).get() as { id: string };
    db.prepare(
      `INSERT INTO "SnapDeclaration" ("id", "snapId", "revision", "plugs", "slots", "body", "createdAt") VALUES (?, ?, 77, '{}', '{}', 'test', 0)`,
    ).run("page-cache-test", snap.id);
    expect((await get(a, "/snaps/note-taker")).cache).toBe("miss");
  });

  it("signed-in visitors, Server Component requests and other methods always reach Next", async () => {
    await get(a, "/");
    expect((await get(a, "/")).cache).toBe("hit");
    // Any session cookie, even one Next then refuses: the cache never decides who someone is.
    const signedIn = await get(a, "/", { cookie: "next-auth.session-token=not-a-real-token" });
    expect(signedIn.status).toBe(200);
    expect(signedIn.cache).toBeNull();
    expect((await get(a, "/", { rsc: "1" })).cache).toBeNull();
    expect((await get(a, "/dashboard")).cache).toBeNull();
    expect((await get(a, "/api/health")).cache).toBeNull();
  });
});
