import { expect, test } from "@playwright/test";
import { CLASSIC_ACKNOWLEDGEMENTS } from "../../lib/schemas/requests";
import { as, expectError, fixtureFor, registerUnique, uploadAndWait } from "./publisher-support";

const REASON = "Needed to show the user's webcam preview in the video call window.";

test("interface requests: unknown-plug, create, request-exists, list, comments", async ({ request }) => {
  const c = await as(request, "publisher");
  const name = await registerUnique(c, "e2e-req");
  // nothing uploaded yet: no plug to ask about
  await expectError(await c.post(`/api/v1/snaps/${name}/requests`, { type: "auto-connection", interface: "camera", reasoning: REASON }), 400, "unknown-plug");
  expect((await uploadAndWait(c, name, await fixtureFor("camera.snap", name))).code).toBe("ready_to_release");
  const msg = await expectError(
    await c.post(`/api/v1/snaps/${name}/requests`, { type: "installation", interface: "snapd-control", reasoning: REASON }),
    400,
    "unknown-plug",
  );
  expect(msg).toContain("camera");

  const res = await c.post(`/api/v1/snaps/${name}/requests`, { type: "auto-connection", interface: "camera", reasoning: REASON });
  expect(res.status(), await res.text()).toBe(201);
  const { id, status } = await res.json();
  expect(status).toBe("pending");
  await expectError(await c.post(`/api/v1/snaps/${name}/requests`, { type: "auto-connection", interface: "camera", reasoning: REASON }), 409, "request-exists");
  await expectError(await c.post(`/api/v1/snaps/${name}/requests`, { type: "auto-connection", reasoning: REASON }), 400, "invalid-field");
  await expectError(await c.post(`/api/v1/snaps/${name}/requests`, { type: "auto-connection", interface: "camera", reasoning: "short" }), 400, "invalid-field");

  // comments: owner and reviewer yes; another publisher no
  let r = await c.post(`/api/v1/requests/${id}/comments`, { body: "Happy to explain more." });
  expect(r.status()).toBe(201);
  const reviewer = await as(request, "reviewer");
  r = await reviewer.post(`/api/v1/requests/${id}/comments`, { body: "What is the video call for?" });
  expect(r.status()).toBe(201);
  await expectError(await (await as(request, "publisher2")).post(`/api/v1/requests/${id}/comments`, { body: "me too" }), 403, "not-owner");
  await expectError(await (await as(request, "user")).post(`/api/v1/requests/${id}/comments`, { body: "me too" }), 403, "forbidden");
  await expectError(await c.post(`/api/v1/requests/does-not-exist/comments`, { body: "hello" }), 404, "request-not-found");
  await expectError(await c.post(`/api/v1/requests/${id}/comments`, { body: "" }), 400, "invalid-field");

  for (const who of [c, reviewer]) {
    const list = await who.get(`/api/v1/snaps/${name}/requests`);
    expect(list.status()).toBe(200);
    const req = (await list.json()).requests.find((x: { id: string }) => x.id === id);
    expect(req).toMatchObject({
      type: "auto-connection",
      interface: "camera",
      plug: "camera",
      status: "pending",
      votes: [],
      tally: { for: 0, against: 0, status: "needs-votes" },
      "voting-ends-at": expect.any(String),
    });
    expect(req.comments.map((x: { body: string }) => x.body)).toEqual(["Happy to explain more.", "What is the video call for?"]);
  }
});

test("classic requests: supported category and every acknowledgement required, ahead of an upload ok, duplicate refused", async ({ request }) => {
  const c = await as(request, "publisher");
  const name = await registerUnique(c, "e2e-classicreq");
  const reasoning = "A compiler toolchain that must use the host's headers and libraries.";
  let msg = await expectError(await c.post(`/api/v1/snaps/${name}/requests`, { type: "classic", reasoning }), 400, "invalid-field");
  expect(msg).toContain("category");
  msg = await expectError(await c.post(`/api/v1/snaps/${name}/requests`, { type: "classic", reasoning, category: "strict-is-hard" }), 400, "invalid-field");
  expect(msg).toContain("compilers");
  // The same rule as the dashboard: every acknowledgement, by id (the service checks them).
  msg = await expectError(
    await c.post(`/api/v1/snaps/${name}/requests`, { type: "classic", reasoning, category: "compilers" }),
    400,
    "acknowledgements-missing",
  );
  expect(msg).toContain("read-policy");
  const acknowledgements = CLASSIC_ACKNOWLEDGEMENTS.map((a) => a.id);
  msg = await expectError(
    await c.post(`/api/v1/snaps/${name}/requests`, {
      type: "classic",
      reasoning,
      category: "compilers",
      acknowledgements: ["read the classic policy", ...acknowledgements.slice(1)],
    }),
    400,
    "acknowledgements-missing",
  );
  expect(msg).not.toContain("tried-strict");
  expect((await (await c.get(`/api/v1/snaps/${name}/requests`)).json()).requests).toEqual([]);
  const res = await c.post(`/api/v1/snaps/${name}/requests`, { type: "classic", reasoning, category: "compilers", acknowledgements });
  expect(res.status(), await res.text()).toBe(201);
  await expectError(await c.post(`/api/v1/snaps/${name}/requests`, { type: "classic", reasoning, category: "ides", acknowledgements }), 409, "request-exists");
  const list = (await (await c.get(`/api/v1/snaps/${name}/requests`)).json()).requests;
  expect(list[0]).toMatchObject({ type: "classic", category: "compilers", reasoning });
});
