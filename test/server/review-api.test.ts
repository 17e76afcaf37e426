// The reviewer API through the real route handlers (Bearer tokens, zod bodies, error lists) on a
// real database: roles on every route, the error format, a decision over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { buildIdentity } from "@/lib/assertions/identity";
import { fixtureKey } from "@/lib/assertions/testing";
import { CLASSIC_ACKNOWLEDGEMENTS } from "@/lib/schemas/requests";
import { createRequest } from "@/lib/server/requests";
import { useSigningIdentityForProcess } from "@/lib/server/signing";
import { issueTokenFor } from "@/lib/server/tokens";
import type { Actor } from "@/lib/server/ownership";
import { createTestDb, type TestDb } from "@/test/support/db";
import { GET as queueGET } from "@/app/api/v1/review/queue/route";
import { GET as statsGET } from "@/app/api/v1/review/stats/route";
import { GET as itemGET } from "@/app/api/v1/review/items/[id]/route";
import { POST as votePOST } from "@/app/api/v1/review/items/[id]/votes/route";
import { POST as decisionPOST } from "@/app/api/v1/review/items/[id]/decision/route";
import { POST as revokePOST } from "@/app/api/v1/admin/snaps/[name]/revoke/route";
import { GET as notesGET, POST as notesPOST } from "@/app/api/v1/notifications/route";
import { makeActor, registered } from "./publisher-helpers";

let t: TestDb;
const tokens: Record<string, string> = {};
let reqId: string;

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(h: Handler, who: string, url: string, params: Record<string, string> = {}, body?: unknown) {
  const req = new NextRequest(new URL(url, "http://store.test"), {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${tokens[who]}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await h(req, { params: Promise.resolve(params) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { "error-list"?: { code: string; message: string }[] } };
}

const code = (r: { json: { "error-list"?: { code: string }[] } }) => r.json["error-list"]?.[0]?.code;

beforeAll(async () => {
  t = await createTestDb();
  const [rootKey, storeKey] = await Promise.all([fixtureKey("root"), fixtureKey("store")]);
  useSigningIdentityForProcess(
    buildIdentity({ authorityId: "test-store", displayName: "Test Store", rootKey, storeKey, since: new Date("2016-01-01T00:00:00Z") }),
  );
  const actors: Record<string, Actor> = {
    pub: await makeActor(t.db, "publisher"),
    user: await makeActor(t.db, "user"),
    r1: await makeActor(t.db, "reviewer", "ra"),
    r2: await makeActor(t.db, "reviewer", "rb"),
    r3: await makeActor(t.db, "reviewer", "rc"),
    admin: await makeActor(t.db, "admin"),
  };
  for (const [k, a] of Object.entries(actors)) tokens[k] = (await issueTokenFor(t.db, a, "test")).token;
  await registered(t.db, actors.pub, "api-classic");
  reqId = (
    await createRequest(t.db, actors.pub, "api-classic", {
      type: "classic",
      reasoning: "It is a compiler toolchain that needs the host's headers.",
      category: "compilers",
      acknowledgements: CLASSIC_ACKNOWLEDGEMENTS.map((a) => a.id),
    })
  ).id;
}, 180_000);
afterAll(async () => {
  useSigningIdentityForProcess(null);
  await t.cleanup();
});

describe("reviewer API", () => {
  it("refuses user and publisher roles on every reviewer route, admins only for revoke", async () => {
    for (const who of ["user", "pub"]) {
      expect(code(await call(queueGET, who, "/api/v1/review/queue"))).toBe("forbidden");
      expect(code(await call(statsGET, who, "/api/v1/review/stats"))).toBe("forbidden");
      expect(code(await call(itemGET, who, `/api/v1/review/items/${reqId}`, { id: reqId }))).toBe("forbidden");
      const v = await call(votePOST, who, `/api/v1/review/items/${reqId}/votes`, { id: reqId }, { vote: 1 });
      expect([v.status, code(v)]).toEqual([403, "forbidden"]);
      const d = await call(decisionPOST, who, `/api/v1/review/items/${reqId}/decision`, { id: reqId }, { decision: "approve" });
      expect([d.status, code(d)]).toEqual([403, "forbidden"]);
    }
    for (const who of ["user", "pub", "r1"]) {
      const r = await call(
        revokePOST,
        who,
        "/api/v1/admin/snaps/api-classic/revoke",
        { name: "api-classic" },
        { grant: "classic", reason: "Misuse of classic." },
      );
      expect([r.status, code(r)]).toEqual([403, "forbidden"]);
    }
  });

  it("queue with filters and pagination; bad filters are invalid-field", async () => {
    const q = await call(queueGET, "r1", "/api/v1/review/queue?kind=classic&per-page=10");
    expect(q.status).toBe(200);
    expect(q.json).toMatchObject({ total: 1, page: 1, "per-page": 10, items: [{ id: reqId, kind: "classic", status: "pending", verdict: "voting" }] });
    expect(q.json.kinds).toEqual([expect.objectContaining({ kind: "classic", count: 1, "oldest-age-days": 0 })]);
    const bad = await call(queueGET, "r1", "/api/v1/review/queue?kind=everything");
    expect([bad.status, code(bad)]).toEqual([400, "invalid-field"]);
    expect((await call(queueGET, "r1", "/api/v1/review/queue?status=needs-info")).json.total).toBe(0);
  });

  it("votes and a decision over HTTP, with the error format for each refusal", async () => {
    let r = await call(votePOST, "r1", `/api/v1/review/items/${reqId}/votes`, { id: reqId }, { vote: 2 });
    expect([r.status, code(r)]).toEqual([400, "invalid-field"]);
    r = await call(decisionPOST, "r1", `/api/v1/review/items/${reqId}/decision`, { id: reqId }, { decision: "reject" });
    expect([r.status, code(r)]).toEqual([400, "comment-required"]);
    r = await call(decisionPOST, "r1", `/api/v1/review/items/${reqId}/decision`, { id: reqId }, { decision: "approve" });
    expect([r.status, code(r)]).toEqual([409, "tally-not-passing"]);
    r = await call(votePOST, "r1", `/api/v1/review/items/${reqId}/votes`, { id: reqId }, { vote: 1, comment: "Fits compilers." });
    expect(r.status).toBe(201);
    r = await call(votePOST, "r2", `/api/v1/review/items/${reqId}/votes`, { id: reqId }, { vote: 1 });
    expect(r.json).toMatchObject({ verdict: "passes", tally: { for: 2 } });
    const item = await call(itemGET, "r3", `/api/v1/review/items/${reqId}`, { id: reqId });
    expect(item.json).toMatchObject({ kind: "classic", voting: { verdict: "passes" }, "may-vote": true });
    r = await call(decisionPOST, "r3", `/api/v1/review/items/${reqId}/decision`, { id: reqId }, { decision: "approve" });
    expect([r.status, r.json.status]).toEqual([200, "approved"]);
    r = await call(decisionPOST, "r1", `/api/v1/review/items/${reqId}/decision`, { id: reqId }, { decision: "reject", comment: "late" });
    expect([r.status, code(r)]).toEqual([409, "already-decided"]);
    expect(r.json["error-list"]![0].message).toMatch(/^Already decided/);
    r = await call(itemGET, "r1", "/api/v1/review/items/nope", { id: "nope" });
    expect([r.status, code(r)]).toEqual([404, "request-not-found"]);

    const notes = await call(notesGET, "pub", "/api/v1/notifications");
    expect(notes.json.unread).toBe(3);
    expect(await call(notesPOST, "pub", "/api/v1/notifications", {}, {})).toMatchObject({ status: 200, json: { marked: 3 } });

    r = await call(revokePOST, "admin", "/api/v1/admin/snaps/api-classic/revoke", { name: "api-classic" }, { grant: "classic", reason: "short" });
    expect([r.status, code(r)]).toEqual([400, "invalid-field"]);
    r = await call(
      revokePOST,
      "admin",
      "/api/v1/admin/snaps/api-classic/revoke",
      { name: "api-classic" },
      { grant: "classic", reason: "Misuse of classic confinement." },
    );
    expect(r).toMatchObject({ status: 200, json: { grant: "classic", "declaration-revision": 1 } });
  });
});
