// The request wrappers against hostile requests (issue 8): JSON bodies capped while streaming (413
// before more is read), non-JSON content types refused (415), cross-site mutations refused (403),
// and the proxy's answers for server actions (foreign Origin 403, oversize form 413). The route
// handlers are called as Next calls them, with real requests and a real database.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { POST as createToken } from "@/app/api/v1/tokens/route";
import { POST as registerName } from "@/app/api/v1/snaps/route";
import { JSON_BODY_LIMIT } from "@/lib/api/request-guards";
import { SERVER_ACTION_BODY_LIMIT } from "@/lib/api/limits";
import { proxy } from "@/proxy";
import { createUser } from "@/lib/server/users";

const BASE = "http://store.test:3000";
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await createUser(t.db, { email: "guard@example.com", password: "password-123", role: "publisher", username: "guard" });
});
afterAll(() => t.cleanup());

const noParams = { params: Promise.resolve({}) };

/** A body stream that counts what the server pulled from it; `total` bytes in `chunk`-sized pieces. */
function countingStream(total: number, chunk = 64 * 1024) {
  const counter = { pulled: 0 };
  const piece = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += piece.byteLength;
      controller.enqueue(piece);
    },
  });
  return { stream, counter };
}

function post(path: string, init: { body?: BodyInit | null; headers?: Record<string, string> }) {
  const options = { method: "POST", body: init.body, headers: init.headers, duplex: "half" };
  return new NextRequest(`${BASE}${path}`, options as ConstructorParameters<typeof NextRequest>[1]);
}

async function errorOf(res: Response) {
  const json = (await res.json()) as { "error-list": { code: string; message: string; extra?: Record<string, unknown> }[] };
  return json["error-list"][0];
}

describe("JSON bodies", () => {
  const valid = JSON.stringify({ email: "guard@example.com", password: "password-123", label: "cli" });

  it("a well-formed JSON request still works", async () => {
    const res = await createToken(post("/api/v1/tokens", { body: valid, headers: { "content-type": "application/json; charset=utf-8" } }), noParams);
    expect(res.status).toBe(201);
  });

  it.each([
    ["text/plain", valid],
    ["application/x-www-form-urlencoded", "email=guard%40example.com&password=password-123"],
    ["multipart/form-data; boundary=x", `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${valid}\r\n--x--`],
  ])("a %s body (what a cross-site form can send) is 415, not parsed as JSON", async (type, body) => {
    const res = await createToken(post("/api/v1/tokens", { body, headers: { "content-type": type } }), noParams);
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe("unsupported-content-type");
  });

  it("a body declaring 200 MB is 413 before a byte is read", async () => {
    const { stream, counter } = countingStream(200 * 1024 * 1024);
    const res = await createToken(
      post("/api/v1/tokens", { body: stream, headers: { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) } }),
      noParams,
    );
    expect(res.status).toBe(413);
    const err = await errorOf(res);
    expect(err.code).toBe("body-too-large");
    expect(err.extra).toEqual({ limit: JSON_BODY_LIMIT });
    // The stream's own read-ahead may pull a piece or two; never the body.
    expect(counter.pulled).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it("a chunked body with no length is cut off just past the limit", async () => {
    const { stream, counter } = countingStream(200 * 1024 * 1024);
    const res = await createToken(post("/api/v1/tokens", { body: stream, headers: { "content-type": "application/json" } }), noParams);
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThan(JSON_BODY_LIMIT + 4 * 64 * 1024);
  });
});

describe("cross-site requests", () => {
  it("a mutation from another origin is 403 before the session is looked at", async () => {
    const res = await registerName(
      post("/api/v1/snaps", {
        body: JSON.stringify({ name: "csrf-name" }),
        headers: { "content-type": "application/json", origin: "http://store.test:4199", cookie: "next-auth.session-token=stolen-or-real" },
      }),
      noParams,
    );
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: "foreign-origin", extra: { origin: "http://store.test:4199" } });
    expect(await t.db.snap.count({ where: { name: "csrf-name" } })).toBe(0);
  });

  it("a 'null' origin or a cross-site fetch without Origin is refused too", async () => {
    const cases: Record<string, string>[] = [{ origin: "null" }, { "sec-fetch-site": "same-site" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of cases) {
      const res = await registerName(post("/api/v1/snaps", { body: "{}", headers: { "content-type": "application/json", ...headers } }), noParams);
      expect(res.status).toBe(403);
    }
  });

  it("the store's own origin, and scripts that send no Origin, get past the check (to authentication)", async () => {
    const cases: Record<string, string>[] = [{ origin: BASE }, { "sec-fetch-site": "same-origin" }, {}];
    for (const headers of cases) {
      const res = await registerName(
        post("/api/v1/snaps", { body: JSON.stringify({ name: "ok-name" }), headers: { "content-type": "application/json", ...headers } }),
        noParams,
      );
      expect(res.status).toBe(401);
    }
  });
});

describe("server actions (proxy)", () => {
  const action = (headers: Record<string, string>) =>
    new NextRequest(`${BASE}/dashboard/snaps/x/listing`, { method: "POST", headers: { "next-action": "abc", ...headers } });

  it("a server action from another origin is 403 with a message, not Next's 500", async () => {
    const res = proxy(action({ origin: "http://evil.test" }));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("foreign-origin");
  });

  it("a 5 MB form (a screenshot over the limit) is 413 saying the limits", async () => {
    const res = proxy(action({ origin: BASE, "content-length": String(5 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    const err = await errorOf(res);
    expect(err.code).toBe("body-too-large");
    expect(err.message).toMatch(/4 MiB.*screenshots can be at most 2 MiB/);
    expect(5 * 1024 * 1024).toBeGreaterThan(SERVER_ACTION_BODY_LIMIT);
  });

  it("a same-origin action within the limit goes on to Next", () => {
    const res = proxy(action({ origin: BASE, "content-length": "1000" }));
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });
});
