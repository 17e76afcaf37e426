import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cleanupBuilt, registerName } from "./publisher-helpers";
import { readFile } from "node:fs/promises";

test.afterAll(cleanupBuilt);

test("another publisher is refused the snap's pages and actions", async ({ asRole }) => {
  const owner = await asRole("publisher");
  const name = uniqueName("e2e-acl");
  await registerName(owner, name);

  const other = await asRole("publisher2");
  for (const sub of ["", "/upload", "/revisions", "/revisions/1", "/releases", "/listing", "/requests", "/metrics"]) {
    const res = await other.goto(`/dashboard/snaps/${name}${sub}`);
    expect(res?.status(), sub).toBe(403);
    await expect(other.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  // An unknown snap is a 404.
  expect((await other.goto(`/dashboard/snaps/${uniqueName("nope")}`))?.status()).toBe(404);

  // The APIs the dashboard uses refuse too, naming the rule.
  const file = await readFile(await buildKind(name, "strict"));
  const up = await other.request.post(`/api/v1/snaps/${name}/uploads`, { data: file, headers: { "Content-Type": "application/octet-stream" } });
  expect(up.status()).toBe(403);
  expect((await up.json())["error-list"][0].code).toBe("not-owner");
  const rel = await other.request.post(`/api/v1/snaps/${name}/releases`, { data: { revision: 1, channels: ["edge"] } });
  expect(rel.status()).toBe(403);
  const req = await other.request.post(`/api/v1/snaps/${name}/requests`, {
    data: { type: "classic", category: "compilers", reasoning: "trying to request for a snap I do not own" },
  });
  expect(req.status()).toBe(403);

  // Not listed in the other publisher's dashboard.
  await other.goto("/dashboard");
  await expect(other.locator(`tr[data-snap="${name}"]`)).toHaveCount(0);

  // The owner still gets in.
  expect((await owner.goto(`/dashboard/snaps/${name}/releases`))?.status()).toBe(200);
});

test("a user without the publisher role is refused the dashboard's snap pages", async ({ asRole }) => {
  const owner = await asRole("publisher");
  const name = uniqueName("e2e-acl2");
  await registerName(owner, name);
  const user = await asRole("user");
  expect((await user.goto(`/dashboard/snaps/${name}`))?.status()).toBe(403);
  expect((await user.goto("/dashboard/tokens"))?.status()).toBe(403);
});
