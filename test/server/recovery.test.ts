// Recovery after crashes (issue 8): the periodic sweep fails revisions a dead instance left in
// being_processed and removes its temp files, with the database deciding which instance does it
// (two instances sweeping at once never both do); demo seeding is one transaction, so two first
// starts at once both succeed and exactly one writes the data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { createDb } from "@/lib/db/client";
import { createBlobStore, type BlobStore } from "@/lib/storage";
import { claimLease, recoverySweep } from "@/lib/server/recovery";
import { DEMO_ACCOUNTS, seedDemo } from "@/lib/server/demo";
import { allocateRevision } from "@/lib/server/uploads";
import { makeActor, registered } from "./publisher-helpers";

let t: TestDb;
let dataDir: string;
let store: BlobStore;

beforeAll(async () => {
  t = await createTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-recovery-"));
  store = createBlobStore({ kind: "fs", dataDir });
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the lease", () => {
  it("goes to exactly one of several instances asking at once, and again once it expires", async () => {
    const now = new Date();
    const won = await Promise.all(["a", "b", "c", "d"].map((h) => claimLease(t.db, "test-lease", h, 30_000, now)));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await claimLease(t.db, "test-lease", "e", 30_000, new Date(now.getTime() + 10_000))).toBe(false);
    expect(await claimLease(t.db, "test-lease", "e", 30_000, new Date(now.getTime() + 31_000))).toBe(true);
  });
});

describe("the recovery sweep", () => {
  it("fails revisions left in being_processed and removes stale temp files, once, whichever instance runs it", async () => {
    const pub = await makeActor(t.db, "publisher");
    const snap = await registered(t.db, pub, "rec-snap");
    const dead = await allocateRevision(t.db, snap.id, pub.id);
    const live = await allocateRevision(t.db, snap.id, pub.id);
    await t.db.revision.update({ where: { id: dead.id }, data: { createdAt: new Date(Date.now() - 3 * 60_000) } });
    const tmp = path.join(dataDir, "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    const oldPart = path.join(tmp, "dead-upload.part");
    const newPart = path.join(tmp, "live-upload.part");
    fs.writeFileSync(oldPart, "half a snap");
    fs.writeFileSync(newPart, "a snap arriving");
    const old = new Date(Date.now() - 3 * 60_000);
    fs.utimesSync(oldPart, old, old);

    // Two instances (their own database connections) sweep at the same moment.
    const other = createDb(t.config);
    try {
      const now = new Date();
      const results = await Promise.all([
        recoverySweep(t.db, store, { now, staleAfterMs: 60_000, holder: "instance-1" }),
        recoverySweep(other, store, { now, staleAfterMs: 60_000, holder: "instance-2" }),
      ]);
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
      expect(results.reduce((n, r) => n + r.failedRevisions, 0)).toBe(1);
    } finally {
      await other.$disconnect();
    }
    const after = await t.db.revision.findUniqueOrThrow({ where: { id: dead.id } });
    expect(after.status).toBe("processing_error");
    expect(after.errors).toEqual([expect.objectContaining({ code: "processing-interrupted" })]);
    expect((await t.db.revision.findUniqueOrThrow({ where: { id: live.id } })).status).toBe("being_processed");
    expect(await t.db.auditLog.count({ where: { action: "revision.processing-interrupted", targetId: dead.id } })).toBe(1);
    expect(fs.existsSync(oldPart)).toBe(false);
    expect(fs.existsSync(newPart)).toBe(true);
  });
});

describe("demo seeding", () => {
  it("two first starts at once both succeed; exactly one writes the data, all of it", async () => {
    const fresh = await createTestDb({ global: false });
    const second = createDb(fresh.config);
    try {
      const results = await Promise.all([seedDemo(fresh.db), seedDemo(second)]);
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      expect(await fresh.db.user.count()).toBe(DEMO_ACCOUNTS.length);
      expect(await fresh.db.snap.count()).toBeGreaterThan(0);
      // And a third start later changes nothing.
      expect(await seedDemo(fresh.db)).toEqual({ seeded: false });
    } finally {
      await second.$disconnect();
      await fresh.cleanup();
    }
  });

  it("a seed that fails half-way leaves nothing behind, so the next start seeds again", async () => {
    const fresh = await createTestDb({ global: false });
    try {
      // A real fault late in the seed: the table it writes last is gone, so the transaction fails
      // after the accounts were written (before: those accounts stayed, and every later start skipped seeding).
      await fresh.db.$executeRawUnsafe(`DROP TABLE "ReleaseEvent"`);
      await expect(seedDemo(fresh.db)).rejects.toThrow();
      expect(await fresh.db.user.count()).toBe(0);
      expect(await fresh.db.snap.count()).toBe(0);
    } finally {
      await fresh.cleanup();
    }
  });
});
