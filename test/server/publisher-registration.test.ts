import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { AppError } from "@/lib/errors";
import { registerSnapName } from "@/lib/server/registration";
import { issueTokenWithPassword, listTokens, revokeToken, userFromBearer } from "@/lib/server/tokens";
import { SNAP_NAME_RULE } from "@/lib/snap/snap-yaml";
import { checkUploadAllowed } from "@/lib/server/uploads";
import { makeActor } from "./publisher-helpers";
import type { Actor } from "@/lib/server/ownership";
import { refused } from "@/test/support/refusal";

let t: TestDb;
let pub: Actor;
let pub2: Actor;
let user: Actor;
let reviewer: Actor;
let admin: Actor;

beforeAll(async () => {
  t = await createTestDb();
  pub = await makeActor(t.db, "publisher");
  pub2 = await makeActor(t.db, "publisher", "pubtwo");
  user = await makeActor(t.db, "user");
  reviewer = await makeActor(t.db, "reviewer");
  admin = await makeActor(t.db, "admin");
});
afterAll(() => t.cleanup());

describe("name registration", () => {
  it("registers a valid name with a 32-char snap-id and audits it", async () => {
    const r = await registerSnapName(t.db, pub, { name: "hello-reg" });
    expect(r).toMatchObject({ name: "hello-reg", status: "registered", requestId: null });
    expect(r.snapId).toMatch(/^[A-Za-z0-9]{32}$/);
    const audit = await t.db.auditLog.findFirst({ where: { action: "snap.register" } });
    expect(audit?.actorId).toBe(pub.id);
  });

  it.each(["A", "Hello", "-abc", "abc-", "a--b", "123", "x".repeat(41), "a_b"])("refuses %j with the rule", async (name) => {
    const e = await refused(registerSnapName(t.db, pub, { name }));
    expect(e.code).toBe("invalid-name");
    expect(e.status).toBe(400);
    expect(e.message).toContain(SNAP_NAME_RULE);
  });

  it("refuses a taken name with 409, even for another publisher, and under a race", async () => {
    await registerSnapName(t.db, pub, { name: "taken-name" });
    const e = await refused(registerSnapName(t.db, pub2, { name: "taken-name" }));
    expect([e.code, e.status]).toEqual(["name-taken", 409]);
    const results = await Promise.allSettled([0, 1, 2].map(() => registerSnapName(t.db, pub, { name: "race-name" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // The losers are the same publisher: the name is already theirs.
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("name-already-yours");
  });

  it("a name the publisher already owns is refused as already theirs, not as taken", async () => {
    await registerSnapName(t.db, pub, { name: "mine-already" });
    const e = await refused(registerSnapName(t.db, pub, { name: "mine-already" }));
    expect([e.code, e.status]).toEqual(["name-already-yours", 409]);
    expect(e.message).toBe('The name "mine-already" is already yours: it is in My snaps.');
    expect(e.message).not.toContain("choose another");
  });

  it("refuses the names of the store's own API paths under /api/v1/snaps/", async () => {
    for (const name of ["sections", "names"]) {
      const e = await refused(registerSnapName(t.db, pub, { name }));
      expect([e.code, e.status]).toEqual(["name-is-store-route", 409]);
    }
    expect(await t.db.snap.count({ where: { name: { in: ["sections", "names"] } } })).toBe(0);
  });

  it("puts a reserved name in review and refuses uploads until approved", async () => {
    await t.db.reservedName.create({ data: { name: "firefox", reason: "trademark of Mozilla" } });
    const r = await registerSnapName(t.db, pub, { name: "firefox" });
    expect(r.status).toBe("pending-review");
    const req = await t.db.reviewRequest.findUniqueOrThrow({ where: { id: r.requestId! } });
    expect(req).toMatchObject({ type: "name", status: "pending", requesterId: pub.id });
    const e = await refused(checkUploadAllowed(t.db, pub, "firefox"));
    expect([e.code, e.status]).toEqual(["name-pending-review", 409]);
    await t.db.snap.update({ where: { name: "firefox" }, data: { nameStatus: "active" } });
    await expect(checkUploadAllowed(t.db, pub, "firefox")).resolves.toBeTruthy();
  });

  it("needs the publisher role (admins allowed)", async () => {
    for (const who of [user, reviewer]) expect((await refused(registerSnapName(t.db, who, { name: "nope-role" }))).status).toBe(403);
    await expect(registerSnapName(t.db, admin, { name: "admin-snap" })).resolves.toMatchObject({ status: "registered" });
  });

  it("upload checks: not found, not owner, admin ok", async () => {
    expect((await refused(checkUploadAllowed(t.db, pub, "no-such-snap"))).code).toBe("snap-not-found");
    const e = await refused(checkUploadAllowed(t.db, pub2, "hello-reg"));
    expect([e.code, e.status]).toEqual(["not-owner", 403]);
    await expect(checkUploadAllowed(t.db, admin, "hello-reg")).resolves.toBeTruthy();
    expect((await refused(checkUploadAllowed(t.db, reviewer, "hello-reg"))).status).toBe(403);
  });
});

describe("tokens", () => {
  it("issues by password, lists without secrets, revokes own only", async () => {
    const u = await t.db.user.findUniqueOrThrow({ where: { id: pub.id } });
    const bad = await refused(issueTokenWithPassword(t.db, { email: u.email, password: "wrong-password", label: "x" }));
    expect([bad.code, bad.status]).toEqual(["invalid-credentials", 401]);
    const unknown = await refused(issueTokenWithPassword(t.db, { email: "nobody@example.com", password: "password-123", label: "x" }));
    expect(unknown.status).toBe(401);
    const { id, token } = await issueTokenWithPassword(t.db, { email: u.email, password: "password-123", label: "ci" });
    expect(await userFromBearer(t.db, `Bearer ${token}`)).toMatchObject({ id: pub.id });
    const list = await listTokens(t.db, pub);
    expect(list.map((x) => x.id)).toContain(id);
    expect(JSON.stringify(list)).not.toContain(token);
    expect((await refused(revokeToken(t.db, pub2, id))).status).toBe(404);
    await revokeToken(t.db, pub, id);
    await expect(userFromBearer(t.db, `Bearer ${token}`)).rejects.toMatchObject({ status: 401 });
  });
});
