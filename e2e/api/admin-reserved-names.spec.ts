import { expect, test } from "@playwright/test";
import { uniqueName } from "../support/fixtures";
import { as, expectError } from "./publisher-support";

test("admins reserve and unreserve names; registering a reserved name goes to review", async ({ request }) => {
  const admin = await as(request, "admin");
  const publisher = await as(request, "publisher");
  const name = uniqueName("e2e-mark").toLowerCase();

  const created = await admin.post("/api/v1/admin/reserved-names", { name, reason: "registered trademark" });
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({ name, reason: "registered trademark" });
  await expectError(await admin.post("/api/v1/admin/reserved-names", { name, reason: "again" }), 409, "already-reserved");
  await expectError(await admin.post("/api/v1/admin/reserved-names", { name: "Not_Valid", reason: "bad" }), 400, "invalid-name");
  await expectError(await admin.post("/api/v1/admin/reserved-names", { name: "fine-name" }), 400, "invalid-field");
  const list = await (await admin.get("/api/v1/admin/reserved-names")).json();
  expect(list["reserved-names"]).toContainEqual(expect.objectContaining({ name, reason: "registered trademark" }));

  // A second reserved name is registered while reserved: pending review, with a review request.
  const other = uniqueName("e2e-mark2").toLowerCase();
  expect((await admin.post("/api/v1/admin/reserved-names", { name: other, reason: "project name" })).status()).toBe(201);
  const reg = await publisher.post("/api/v1/snaps", { name: other });
  expect(reg.status()).toBe(202);
  expect(await reg.json()).toMatchObject({ name: other, status: "pending-review" });

  // Unreserved: the name registers normally.
  const del = await admin.delete(`/api/v1/admin/reserved-names/${name}`);
  expect(del.status(), await del.text()).toBe(200);
  await expectError(await admin.delete(`/api/v1/admin/reserved-names/${name}`), 404, "not-reserved");
  const free = await publisher.post("/api/v1/snaps", { name });
  expect(free.status()).toBe(201);
});

test("only admins manage reserved names", async ({ request }) => {
  for (const role of ["publisher", "reviewer", "user"] as const) {
    const c = await as(request, role);
    await expectError(await c.get("/api/v1/admin/reserved-names"), 403, "forbidden");
    await expectError(await c.post("/api/v1/admin/reserved-names", { name: uniqueName("e2e-x").toLowerCase(), reason: "mine now" }), 403, "forbidden");
    await expectError(await c.delete("/api/v1/admin/reserved-names/anything"), 403, "forbidden");
  }
  await expectError(await request.get("/api/v1/admin/reserved-names"), 401, "unauthorized");
});
