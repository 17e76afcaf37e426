// The admin accounts page's service (/admin/accounts): search and pages on the server, disabling
// with a required reason (kept on the account and audited), enabling, and who may do it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { ACCOUNTS_PAGE_SIZE, searchAccounts, setAccountDisabled } from "@/lib/server/users";
import type { Actor } from "@/lib/server/ownership";
import { makeActor } from "./publisher-helpers";
import { codeOf } from "@/test/support/refusal";

type Person = Actor & { email: string };
let t: TestDb;
let admin: Person;
let pub: Person;
let reviewer: Person;

async function person(role: Actor["role"], prefix?: string): Promise<Person> {
  const a = await makeActor(t.db, role, prefix);
  return { ...a, email: (await t.db.user.findUniqueOrThrow({ where: { id: a.id } })).email };
}

beforeAll(async () => {
  t = await createTestDb();
  admin = await person("admin");
  pub = await person("publisher", "findme");
  reviewer = await person("reviewer");
  for (let i = 0; i < ACCOUNTS_PAGE_SIZE + 5; i++) await makeActor(t.db, "user", `bulk${String(i).padStart(2, "0")}`);
});
afterAll(() => t.cleanup());

describe("searchAccounts", () => {
  it("pages on the server, oldest first, with the total", async () => {
    const all = await t.db.user.count();
    const p1 = await searchAccounts(t.db, admin, {});
    expect([p1.total, p1.page, p1.pages, p1.users.length]).toEqual([all, 1, Math.ceil(all / ACCOUNTS_PAGE_SIZE), ACCOUNTS_PAGE_SIZE]);
    const p2 = await searchAccounts(t.db, admin, { page: 2 });
    expect(p2.users.length).toBe(all - ACCOUNTS_PAGE_SIZE);
    expect(p2.users.map((u) => u.id)).not.toContain(p1.users[0].id);
    // Out of range pages land on the last (or first) page.
    expect((await searchAccounts(t.db, admin, { page: 99 })).page).toBe(p1.pages);
    expect((await searchAccounts(t.db, admin, { page: -3 })).page).toBe(1);
  });

  it("searches email and publisher username, case-insensitively", async () => {
    const byEmail = await searchAccounts(t.db, admin, { q: "  FINDME-" });
    expect(byEmail.users.map((u) => u.email)).toEqual([pub.email]);
    const username = (await t.db.account.findUniqueOrThrow({ where: { userId: pub.id } })).username;
    expect((await searchAccounts(t.db, admin, { q: username.toUpperCase() })).users.map((u) => u.id)).toEqual([pub.id]);
    expect((await searchAccounts(t.db, admin, { q: "bulk" })).total).toBe(ACCOUNTS_PAGE_SIZE + 5);
    expect((await searchAccounts(t.db, admin, { q: "no-such-account" })).total).toBe(0);
  });

  it("is for admins only", async () => {
    expect(await codeOf(searchAccounts(t.db, pub, {}))).toBe("forbidden");
    expect(await codeOf(searchAccounts(t.db, reviewer, {}))).toBe("forbidden");
  });
});

describe("setAccountDisabled", () => {
  it("disabling needs a reason; the reason is kept and audited; enabling clears it", async () => {
    const target = await person("publisher", "target");
    expect(await codeOf(setAccountDisabled(t.db, admin, target.email, true))).toBe("invalid-field");
    expect(await codeOf(setAccountDisabled(t.db, admin, target.email, true, "   "))).toBe("invalid-field");
    expect(await codeOf(setAccountDisabled(t.db, admin, target.email, true, "x".repeat(501)))).toBe("invalid-field");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull();

    const r = await setAccountDisabled(t.db, admin, target.email, true, "  spam uploads ");
    expect(r.disabledReason).toBe("spam uploads");
    const found = (await searchAccounts(t.db, admin, { q: target.email })).users[0];
    expect([found.disabledAt !== null, found.disabledReason]).toEqual([true, "spam uploads"]);
    const entry = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.disable", targetId: target.id } });
    expect([entry.actorId, entry.data]).toEqual([admin.id, { email: target.email, reason: "spam uploads" }]);

    await setAccountDisabled(t.db, admin, target.email, false);
    const after = await t.db.user.findUniqueOrThrow({ where: { id: target.id } });
    expect([after.disabledAt, after.disabledReason]).toEqual([null, null]);
    expect(await t.db.auditLog.count({ where: { action: "user.enable", targetId: target.id } })).toBe(1);
  });

  it("publishers and reviewers are refused; an admin cannot disable their own account", async () => {
    const target = await person("user", "victim");
    expect(await codeOf(setAccountDisabled(t.db, pub, target.email, true, "x"))).toBe("forbidden");
    expect(await codeOf(setAccountDisabled(t.db, reviewer, target.email, true, "x"))).toBe("forbidden");
    expect(await codeOf(setAccountDisabled(t.db, admin, admin.email, true, "oops"))).toBe("cannot-disable-self");
    expect(await t.db.user.count({ where: { id: { in: [target.id, admin.id] }, disabledAt: { not: null } } })).toBe(0);
    expect(await codeOf(setAccountDisabled(t.db, admin, "nobody@example.com", true, "x"))).toBe("user-not-found");
  });
});
