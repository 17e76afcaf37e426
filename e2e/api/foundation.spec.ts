import { expect, test } from "@playwright/test";
import { storageStatePath } from "../support/roles";

test("health answers with the database reachable", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});

test.describe("direct requests as a user", () => {
  test.use({ storageState: storageStatePath("user") });
  for (const path of ["/dashboard", "/review", "/admin"]) {
    test(`${path} is 403 for a user`, async ({ request }) => {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status()).toBe(403);
    });
  }
});

test("anonymous direct requests are redirected to sign-in", async ({ request }) => {
  for (const path of ["/dashboard", "/review", "/admin", "/devices"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers()["location"]).toContain("/signin?callbackUrl=");
  }
});
