// The reads behind the admin and devices pages: admins only, and a user's own devices only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { AppError } from "@/lib/errors";
import { recentAuditEntries } from "@/lib/server/audit";
import { listDevices } from "@/lib/server/devices";
import { listUsers } from "@/lib/server/users";
import type { Actor } from "@/lib/server/ownership";
import { makeActor } from "./publisher-helpers";

let t: TestDb;
let admin: Actor;
let pub: Actor;
let user: Actor;

beforeAll(async () => {
  t = await createTestDb();
  admin = await makeActor(t.db, "admin");
  pub = await makeActor(t.db, "publisher");
  user = await makeActor(t.db, "user");
});
afterAll(() => t.cleanup());

describe("admin reads", () => {
  it("lists accounts and the audit log for admins", async () => {
    const users = await listUsers(t.db, admin);
    expect(users.map((u) => u.id)).toEqual(expect.arrayContaining([admin.id, pub.id, user.id]));
    expect(users.find((u) => u.id === pub.id)?.account).not.toBeNull();
    const log = await recentAuditEntries(t.db, admin, 2);
    expect(log).toHaveLength(2);
    expect(log[0].createdAt.getTime()).toBeGreaterThanOrEqual(log[1].createdAt.getTime());
  });

  it.each(["publisher", "reviewer", "user"] as const)("refuses a %s", async (role) => {
    const actor = role === "publisher" ? pub : role === "user" ? user : await makeActor(t.db, "reviewer");
    for (const read of [listUsers(t.db, actor), recentAuditEntries(t.db, actor)]) {
      const err = await read.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect([(err as AppError).code, (err as AppError).status]).toEqual(["forbidden", 403]);
    }
  });
});

describe("listDevices", () => {
  it("lists only the actor's own devices, by name", async () => {
    await t.db.device.createMany({
      data: [
        { ownerId: user.id, name: "zeta", architecture: "amd64" },
        { ownerId: user.id, name: "alpha", architecture: "arm64", classic: false },
        { ownerId: pub.id, name: "pubs-laptop", architecture: "amd64" },
      ],
    });
    expect((await listDevices(t.db, user)).map((d) => [d.name, d._count.snaps])).toEqual([
      ["alpha", 0],
      ["zeta", 0],
    ]);
    expect((await listDevices(t.db, admin)).map((d) => d.name)).toEqual([]);
  });
});
