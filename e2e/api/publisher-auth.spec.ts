import { expect, test } from "@playwright/test";
import { ROLE_ACCOUNTS, storageStatePath } from "../support/roles";
import { as, bearer, expectError, registerUnique } from "./publisher-support";

test.describe("tokens", () => {
  test("POST /api/v1/tokens authenticates by password; GET lists without secrets; DELETE revokes own only", async ({ request }) => {
    const a = ROLE_ACCOUNTS.publisher;
    await expectError(await request.post("/api/v1/tokens", { data: { email: a.email, password: "wrong-password", label: "x" } }), 401, "invalid-credentials");
    await expectError(
      await request.post("/api/v1/tokens", { data: { email: "nobody@example.com", password: "whatever-1", label: "x" } }),
      401,
      "invalid-credentials",
    );
    await expectError(await request.post("/api/v1/tokens", { data: { email: a.email } }), 400, "invalid-field");
    await expectError(
      await request.post("/api/v1/tokens", { data: Buffer.from("{not json"), headers: { "Content-Type": "application/json" } }),
      400,
      "invalid-json",
    );

    const created = await request.post("/api/v1/tokens", { data: { email: a.email, password: a.password, label: "revoke me" } });
    expect(created.status()).toBe(201);
    const { id, token } = await created.json();
    expect(token).toMatch(/^snps_/);

    const list = await request.get("/api/v1/tokens", { headers: bearer(token) });
    expect(list.status()).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(token);
    expect(JSON.parse(text).tokens.map((t: { id: string }) => t.id)).toContain(id);

    const other = await as(request, "publisher2");
    await expectError(await other.delete(`/api/v1/tokens/${id}`), 404, "token-not-found");

    const del = await request.delete(`/api/v1/tokens/${id}`, { headers: bearer(token) });
    expect(del.status()).toBe(200);
    expect((await del.json()).token.revokedAt).toBeTruthy();
    // a revoked token is refused everywhere
    await expectError(await request.get("/api/v1/tokens", { headers: bearer(token) }), 401, "unauthorized");
    await expectError(await request.post("/api/v1/snaps", { headers: bearer(token), data: { name: "never-made" } }), 401, "unauthorized");
  });

  test("tokens can be made for any role (the role check is per endpoint)", async ({ request }) => {
    const u = ROLE_ACCOUNTS.user;
    const res = await request.post("/api/v1/tokens", { data: { email: u.email, password: u.password, label: "user" } });
    expect(res.status()).toBe(201);
  });
});

test.describe("authorization matrix", () => {
  test("no token, a garbage token, users and reviewers are refused on publisher endpoints", async ({ request }) => {
    const owner = await as(request, "publisher");
    const name = await registerUnique(owner, "e2e-authz");
    const endpoints: [string, string, unknown?][] = [
      ["POST", "/api/v1/snaps", { name: "x-never" }],
      ["POST", `/api/v1/snaps/${name}/uploads`],
      ["GET", `/api/v1/snaps/${name}/uploads/nope`],
      ["GET", `/api/v1/snaps/${name}/channel-map`],
      ["GET", `/api/v1/snaps/${name}/revisions`],
      ["GET", `/api/v1/snaps/${name}/releases/history`],
      ["POST", `/api/v1/snaps/${name}/releases`, { revision: 1, channels: ["edge"] }],
      ["POST", `/api/v1/snaps/${name}/close`, { channels: ["edge"] }],
      ["POST", `/api/v1/snaps/${name}/revisions/1/withdraw`],
      ["POST", `/api/v1/snaps/${name}/requests`, { type: "classic", category: "compilers", reasoning: "x".repeat(30) }],
    ];
    const user = await as(request, "user");
    const reviewer = await as(request, "reviewer");
    for (const [method, url, data] of endpoints) {
      const anon = await request.fetch(url, { method, data: data ?? undefined });
      await expectError(anon, 401, "unauthorized");
      const garbage = await request.fetch(url, { method, data: data ?? undefined, headers: bearer("snps_garbage") });
      await expectError(garbage, 401, "unauthorized");
      for (const c of [user, reviewer]) {
        const res = await request.fetch(url, { method, data: data ?? undefined, headers: bearer(c.token) });
        expect(res.status(), `${method} ${url}`).toBe(403);
        expect((await res.json())["error-list"][0].code).toBe("forbidden");
      }
    }
  });

  test("another publisher's snap is 403 not-owner on every endpoint; admin may act", async ({ request }) => {
    const owner = await as(request, "publisher");
    const name = await registerUnique(owner, "e2e-owner");
    const other = await as(request, "publisher2");
    const checks: [string, string, unknown?][] = [
      ["POST", `/api/v1/snaps/${name}/uploads`],
      ["GET", `/api/v1/snaps/${name}/uploads/nope`],
      ["GET", `/api/v1/snaps/${name}/channel-map`],
      ["GET", `/api/v1/snaps/${name}/revisions`],
      ["GET", `/api/v1/snaps/${name}/releases/history`],
      ["POST", `/api/v1/snaps/${name}/releases`, { revision: 1, channels: ["edge"] }],
      ["POST", `/api/v1/snaps/${name}/close`, { channels: ["edge"] }],
      ["POST", `/api/v1/snaps/${name}/revisions/1/withdraw`],
      ["POST", `/api/v1/snaps/${name}/requests`, { type: "classic", category: "compilers", reasoning: "x".repeat(30) }],
      ["GET", `/api/v1/snaps/${name}/requests`],
    ];
    for (const [method, url, data] of checks) {
      const res = await request.fetch(url, { method, data: data ?? undefined, headers: bearer(other.token) });
      const msg = await expectError(res, 403, "not-owner");
      expect(msg).toContain(name);
    }
    const admin = await as(request, "admin");
    expect((await admin.get(`/api/v1/snaps/${name}/channel-map`)).status()).toBe(200);
    // unknown snaps are 404 snap-not-found
    await expectError(await owner.get(`/api/v1/snaps/no-such-snap-e2e/channel-map`), 404, "snap-not-found");
  });

  test.describe("session cookie", () => {
    test.use({ storageState: storageStatePath("publisher") });
    test("the web session works like a token", async ({ request }) => {
      const res = await request.get("/api/v1/tokens");
      expect(res.status()).toBe(200);
      const reg = await request.post("/api/v1/snaps", { data: { name: `e2e-cookie-${Date.now().toString(36)}` } });
      expect(reg.status()).toBe(201);
    });
  });
});

test.describe("registration", () => {
  test("201 with snap-id; 400 invalid-name with the rule; 409 name-already-yours (own) or name-taken (others)", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = `e2e-reg-${Date.now().toString(36)}`;
    const res = await c.post("/api/v1/snaps", { name });
    expect(res.status()).toBe(201);
    const body = await res.json();
    expect(body.name).toBe(name);
    expect(body["snap-id"]).toMatch(/^[A-Za-z0-9]{32}$/);
    for (const bad of ["Bad_Name", "-lead", "a--b", "123", "x"]) {
      const msg = await expectError(await c.post("/api/v1/snaps", { name: bad }), 400, "invalid-name");
      expect(msg).toContain("lowercase letters");
    }
    await expectError(await c.post("/api/v1/snaps", { name }), 409, "name-already-yours");
    await expectError(await (await as(request, "publisher2")).post("/api/v1/snaps", { name }), 409, "name-taken");
    // admins may register
    expect((await (await as(request, "admin")).post("/api/v1/snaps", { name: `${name}-adm` })).status()).toBe(201);
  });
});
