import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { listDashboardSnaps } from "@/lib/server/snaps";
import { registerSnapName } from "@/lib/server/registration";
import { makeActor } from "./publisher-helpers";
import type { Actor } from "@/lib/server/ownership";

let t: TestDb;
let pub: Actor;
let admin: Actor;

beforeAll(async () => {
  t = await createTestDb();
  pub = await makeActor(t.db, "publisher");
  admin = await makeActor(t.db, "admin");
});
afterAll(() => t.cleanup());

describe("My snaps", () => {
  it("lists only the actor's own snaps, for an admin too", async () => {
    await registerSnapName(t.db, pub, { name: "pubs-snap" });
    await registerSnapName(t.db, admin, { name: "admins-snap" });
    expect((await listDashboardSnaps(t.db, pub)).map((s) => s.name)).toEqual(["pubs-snap"]);
    expect((await listDashboardSnaps(t.db, admin)).map((s) => s.name)).toEqual(["admins-snap"]);
  });
});
