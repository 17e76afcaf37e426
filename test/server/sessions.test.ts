// Sessions and sign-in against the attacks of issue 8: revocable sessions (sign out everywhere,
// password change, disabling), rate limits in the database, equal time for unknown emails, and
// same-origin redirects after sign-in (issue 13's deep links too).
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { AppError } from "@/lib/errors";
import { authOptions } from "@/lib/auth/options";
import { REQUEST_PATH_HEADER } from "@/lib/auth/callback";
import { currentUserOfSession } from "@/lib/auth/session";
import { authenticate, clientAddress } from "@/lib/server/signin";
import { assertUnderLimits, countAgainst } from "@/lib/server/throttle";
import { issueTokenFor, issueTokenWithPassword, userFromBearer } from "@/lib/server/tokens";
import { changePassword, createUser, setAccountDisabled, signOutEverywhere } from "@/lib/server/users";
import { proxy } from "@/proxy";
import { codeOf } from "@/test/support/refusal";

let t: TestDb;
let n = 0;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());
afterEach(() => {
  delete process.env.SNAPSTORE_SIGNIN_MAX_FAILURES;
  delete process.env.SNAPSTORE_SIGNIN_MAX_FAILURES_PER_ADDRESS;
  delete process.env.SNAPSTORE_TOKENS_PER_HOUR;
});

async function user(role: "user" | "publisher" | "admin" = "user", password = "password-123") {
  n++;
  const email = `s${n}-${Date.now()}@example.com`;
  const u = await createUser(t.db, { email, password, role, username: role === "user" ? undefined : `s${n}-${Date.now().toString(36)}` });
  return { id: u.id, role: u.role, email, password };
}

describe("rate limits on sign-in", () => {
  it("after the account's failures are used up, even the right password is refused (429) until the window ends", async () => {
    process.env.SNAPSTORE_SIGNIN_MAX_FAILURES = "5";
    const u = await user();
    for (let i = 0; i < 5; i++)
      expect(await codeOf(authenticate(t.db, { email: u.email, password: "wrong-one", address: `10.0.0.${i}` }))).toBe("invalid-credentials");
    const err = await authenticate(t.db, { email: u.email, password: u.password, address: "10.9.9.9" }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("too-many-attempts");
    expect((err as AppError).status).toBe(429);
    // Token creation by password is the same door.
    expect(await codeOf(issueTokenWithPassword(t.db, { email: u.email, password: u.password, label: "x" }, "10.9.9.9"))).toBe("too-many-attempts");
    // The window is in the database: once it has passed, the limit is lifted.
    const later = new Date(Date.now() + 16 * 60_000);
    await expect(assertUnderLimits(t.db, [{ key: `signin-account:${u.email}`, max: 5, windowMs: 15 * 60_000 }], later)).resolves.toBeUndefined();
  });

  it("a success clears the account's failures; another account is not affected", async () => {
    process.env.SNAPSTORE_SIGNIN_MAX_FAILURES = "3";
    const u = await user();
    const other = await user();
    for (let i = 0; i < 2; i++) await codeOf(authenticate(t.db, { email: u.email, password: "nope-nope", address: null }));
    await authenticate(t.db, { email: u.email, password: u.password, address: null });
    for (let i = 0; i < 2; i++) await codeOf(authenticate(t.db, { email: u.email, password: "nope-nope", address: null }));
    expect((await authenticate(t.db, { email: u.email, password: u.password, address: null })).id).toBe(u.id);
    expect((await authenticate(t.db, { email: other.email, password: other.password, address: null })).id).toBe(other.id);
  });

  it("one address trying many accounts is throttled, other addresses are not", async () => {
    process.env.SNAPSTORE_SIGNIN_MAX_FAILURES_PER_ADDRESS = "4";
    for (let i = 0; i < 4; i++) await codeOf(authenticate(t.db, { email: `nobody-${i}@example.com`, password: "guess-1234", address: "203.0.113.7" }));
    const u = await user();
    expect(await codeOf(authenticate(t.db, { email: u.email, password: u.password, address: "203.0.113.7" }))).toBe("too-many-attempts");
    expect((await authenticate(t.db, { email: u.email, password: u.password, address: "203.0.113.8" })).id).toBe(u.id);
  });

  it("concurrent failures are all counted (atomic updates)", async () => {
    const limit = { key: `race-${Date.now()}`, max: 100, windowMs: 60_000 };
    await Promise.all(Array.from({ length: 10 }, () => countAgainst(t.db, limit)));
    expect((await t.db.authThrottle.findUniqueOrThrow({ where: { key: limit.key } })).count).toBe(10);
  });

  it("the address is the last X-Forwarded-For entry (the one the nearest proxy added)", () => {
    const h = (v: Record<string, string>) => (name: string) => v[name] ?? null;
    expect(clientAddress(h({ "x-forwarded-for": "1.2.3.4, 198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientAddress(h({ "x-real-ip": "198.51.100.3" }))).toBe("198.51.100.3");
    expect(clientAddress(h({}))).toBeNull();
  });

  it("token creation is limited per account per hour", async () => {
    process.env.SNAPSTORE_TOKENS_PER_HOUR = "3";
    const u = await user("publisher");
    for (let i = 0; i < 3; i++) await issueTokenFor(t.db, u, `t${i}`);
    expect(await codeOf(issueTokenFor(t.db, u, "one too many"))).toBe("too-many-attempts");
  });
});

describe("unknown emails", () => {
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  async function timed(email: string) {
    const start = performance.now();
    const code = await codeOf(authenticate(t.db, { email, password: "wrong-password", address: null }));
    return { ms: performance.now() - start, code };
  }

  it("cost the same time and get the same answer as a wrong password", async () => {
    const u = await user();
    await timed("warm-up@example.com");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await timed(u.email);
      const b = await timed(`ghost-${i}@example.com`);
      expect(a.code).toBe("invalid-credentials");
      expect(b.code).toBe("invalid-credentials");
      known.push(a.ms);
      unknown.push(b.ms);
    }
    // Before: ~12 ms for an unknown email against ~135 ms (bcrypt) for a known one.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
  });
});

describe("revocable sessions", () => {
  it("sign out everywhere ends every session cookie issued before it", async () => {
    const u = await user();
    expect(await currentUserOfSession(t.db, u.id, 0)).toMatchObject({ id: u.id });
    // A cookie from before session versions existed counts as version 0.
    expect(await currentUserOfSession(t.db, u.id, undefined)).toMatchObject({ id: u.id });
    await signOutEverywhere(t.db, u);
    expect(await currentUserOfSession(t.db, u.id, 0)).toBeNull();
    expect(await currentUserOfSession(t.db, u.id, undefined)).toBeNull();
    // A new sign-in carries the new version.
    const again = await authenticate(t.db, { email: u.email, password: u.password, address: null });
    expect(await currentUserOfSession(t.db, u.id, again.sessionVersion)).toMatchObject({ id: u.id });
  });

  it("a password change needs the current password, then ends sessions and revokes API tokens", async () => {
    const u = await user("publisher");
    const { token } = await issueTokenFor(t.db, u, "cli");
    expect(await codeOf(changePassword(t.db, u, { currentPassword: "not-it-at-all", newPassword: "new-password-456" }))).toBe("wrong-password");
    expect(await userFromBearer(t.db, `Bearer ${token}`)).toMatchObject({ id: u.id });

    expect(await changePassword(t.db, u, { currentPassword: u.password, newPassword: "new-password-456" })).toEqual({ revokedTokens: 1 });
    expect(await currentUserOfSession(t.db, u.id, 0)).toBeNull();
    expect(await codeOf(userFromBearer(t.db, `Bearer ${token}`))).toBe("unauthorized");
    expect(await codeOf(authenticate(t.db, { email: u.email, password: u.password, address: null }))).toBe("invalid-credentials");
    expect((await authenticate(t.db, { email: u.email, password: "new-password-456", address: null })).id).toBe(u.id);
    expect(await t.db.auditLog.count({ where: { action: "user.password-change", targetId: u.id } })).toBe(1);
  });

  it("disabling an account (admins only) ends its sessions and revokes its tokens", async () => {
    const admin = await user("admin");
    const pub = await user("publisher");
    const { token } = await issueTokenFor(t.db, pub, "cli");
    expect(await codeOf(setAccountDisabled(t.db, pub, admin.email, true, "spam"))).toBe("forbidden");
    await setAccountDisabled(t.db, admin, pub.email, true, "spam");
    expect(await currentUserOfSession(t.db, pub.id, 0)).toBeNull();
    expect(await currentUserOfSession(t.db, pub.id, 1)).toBeNull();
    expect((await t.db.apiToken.findFirstOrThrow({ where: { userId: pub.id } })).revokedAt).not.toBeNull();
    expect(await codeOf(userFromBearer(t.db, `Bearer ${token}`))).toBe("unauthorized");
    // Re-enabled: old sessions stay ended, a new sign-in works.
    await setAccountDisabled(t.db, admin, pub.email, false);
    expect(await currentUserOfSession(t.db, pub.id, 0)).toBeNull();
    const again = await authenticate(t.db, { email: pub.email, password: pub.password, address: null });
    expect(await currentUserOfSession(t.db, pub.id, again.sessionVersion)).toMatchObject({ id: pub.id });
  });
});

describe("redirects after sign-in", () => {
  const baseUrl = "http://store.test:3000";
  const redirect = (url: string) => authOptions.callbacks!.redirect!({ url, baseUrl });

  it.each([
    ["/\\127.0.0.1:4199/phish", `${baseUrl}/`],
    ["/\t/127.0.0.1:4199/phish", `${baseUrl}/`],
    ["//evil.example/", `${baseUrl}/`],
    ["https://evil.example/x", `${baseUrl}/`],
    [`${baseUrl}//evil.example`, `${baseUrl}/`],
    ["/dashboard/tokens", `${baseUrl}/dashboard/tokens`],
    [`${baseUrl}/dashboard/snaps/x/upload`, `${baseUrl}/dashboard/snaps/x/upload`],
  ])("next-auth's redirect of %j goes to %s", async (url, out) => {
    expect(await redirect(url)).toBe(out);
  });

  it("the proxy hands page guards the path asked for (a deep link survives the layout's guard)", () => {
    const res = proxy(new NextRequest(`${baseUrl}/dashboard/tokens?tab=1`, { headers: { [REQUEST_PATH_HEADER]: "//evil.example" } }));
    expect(res.headers.get(`x-middleware-request-${REQUEST_PATH_HEADER}`)).toBe("/dashboard/tokens?tab=1");
  });
});
