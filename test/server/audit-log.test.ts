// The admin's audit log: paginated and filtered on the server (issue 13).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { AppError } from "@/lib/errors";
import { audit, searchAuditLog } from "@/lib/server/audit";
import { auditQuerySchema } from "@/lib/schemas/audit";
import type { Actor } from "@/lib/server/ownership";
import { addRevision, makeActor, registered } from "./publisher-helpers";

let t: TestDb;
let admin: Actor;
let pub: Actor;
let pub2: Actor;

beforeAll(async () => {
  t = await createTestDb();
  admin = await makeActor(t.db, "admin");
  pub = await makeActor(t.db, "publisher", "alice");
  pub2 = await makeActor(t.db, "publisher", "bob");
  const snap = await registered(t.db, pub, "audited-snap");
  const rev = await addRevision(t.db, snap.id, pub);
  await registered(t.db, pub2, "other-snap");
  // 30 old entries by bob on 2020-01-0x, one revision entry of audited-snap.
  for (let i = 0; i < 30; i++) {
    const e = await audit(t.db, { actorId: pub2.id, action: "token.create", targetType: "token", targetId: `tok-${i}` });
    await t.db.auditLog.update({ where: { id: e.id }, data: { createdAt: new Date(Date.UTC(2020, 0, 1 + (i % 5), 12, 0, i)) } });
  }
  await audit(t.db, { actorId: pub.id, action: "revision.withdraw", targetType: "revision", targetId: rev.id });
});
afterAll(() => t.cleanup());

const q = (raw: Record<string, string>) => auditQuerySchema.parse(raw);

describe("searchAuditLog", () => {
  it("paginates newest first with a total", async () => {
    const all = await t.db.auditLog.count();
    const p1 = await searchAuditLog(t.db, admin, q({}), 10);
    expect(p1).toMatchObject({ total: all, page: 1, pages: Math.ceil(all / 10) });
    expect(p1.entries).toHaveLength(10);
    const times = p1.entries.map((e) => e.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const p2 = await searchAuditLog(t.db, admin, q({ page: "2" }), 10);
    expect(p2.entries.map((e) => e.id)).not.toContain(p1.entries[0].id);
    // past the end: the last page
    const last = await searchAuditLog(t.db, admin, q({ page: "999" }), 10);
    expect(last.page).toBe(last.pages);
  });

  it("filters by actor, action (prefix), snap and days", async () => {
    const bob = await searchAuditLog(t.db, admin, q({ actor: "BOB-" }), 100);
    expect(bob.entries.length).toBeGreaterThanOrEqual(30);
    expect(new Set(bob.entries.map((e) => e.actor?.split("-")[0]))).toEqual(new Set(["bob"]));

    const tokens = await searchAuditLog(t.db, admin, q({ action: "token." }), 100);
    expect(tokens.total).toBe(30);

    const snap = await searchAuditLog(t.db, admin, q({ snap: "audited-snap" }), 100);
    expect(snap.entries.map((e) => e.action).sort()).toEqual(["revision.upload", "revision.withdraw", "snap.register"]);
    expect((await searchAuditLog(t.db, admin, q({ snap: "no-such-snap" }))).total).toBe(0);

    const days = await searchAuditLog(t.db, admin, q({ from: "2020-01-02", to: "2020-01-03" }), 100);
    expect(days.total).toBe(12);
    for (const e of days.entries) expect(e.createdAt.toISOString().slice(0, 10)).toMatch(/^2020-01-0[23]$/);

    const combined = await searchAuditLog(t.db, admin, q({ actor: "alice", action: "revision." }), 100);
    expect(combined.entries.map((e) => e.action).sort()).toEqual(["revision.upload", "revision.withdraw"]);
  });

  it("drops bad filter values instead of failing", () => {
    expect(q({ from: "yesterday", page: "-3", to: "2020-13-45" })).toEqual({
      actor: undefined,
      action: undefined,
      snap: undefined,
      from: undefined,
      to: undefined,
      page: undefined,
    });
  });

  it.each(["publisher", "reviewer", "user"] as const)("refuses a %s", async (role) => {
    const actor = role === "publisher" ? pub : await makeActor(t.db, role);
    const err = await searchAuditLog(t.db, actor, q({})).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect([(err as AppError).code, (err as AppError).status]).toEqual(["forbidden", 403]);
  });
});
