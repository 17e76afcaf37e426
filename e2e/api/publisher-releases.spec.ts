import { expect, test } from "@playwright/test";
import { as, expectError, registerUnique, snapFromYaml, strictYaml, uploadAndWait, type Client } from "./publisher-support";

interface Cell {
  risk: string;
  revision: number | null;
  followed: boolean;
  closed: boolean;
}
async function cells(c: Client, name: string, arch = "amd64"): Promise<Record<string, Cell>> {
  const res = await c.get(`/api/v1/snaps/${name}/channel-map`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  const track = body.tracks.find((t: { track: string }) => t.track === "latest");
  const a = track.architectures.find((x: { architecture: string }) => x.architecture === arch);
  return Object.fromEntries(a.risks.map((r: Cell) => [r.risk, r]));
}

async function snapWithRevisions(c: Client, n: number): Promise<string> {
  const name = await registerUnique(c, "e2e-rel");
  for (let i = 0; i < n; i++) {
    const out = await uploadAndWait(c, name, await snapFromYaml(strictYaml(name, "architectures: [amd64]\n").replace('version: "1.0"', `version: "1.${i}"`)));
    expect(out.code).toBe("ready_to_release");
  }
  return name;
}

test("release, promote, close, follow, history, revisions", async ({ request }) => {
  const c = await as(request, "publisher");
  const name = await snapWithRevisions(c, 2);

  let res = await c.post(`/api/v1/snaps/${name}/releases`, { revision: 1, channels: ["stable", "2.0/beta/hotfix"] });
  expect(res.status(), await res.text()).toBe(200);
  res = await c.post(`/api/v1/snaps/${name}/releases`, { revision: 2, channels: ["latest/edge"] });
  const map = (await res.json())["channel-map"];
  expect(map.map((e: { channel: { name: string }; revision: number }) => `${e.channel.name}=${e.revision}`)).toEqual([
    "latest/stable=1",
    "latest/edge=2",
    "2.0/beta/hotfix=1",
  ]);
  expect(map[0].channel).toMatchObject({ track: "latest", risk: "stable", branch: null, architecture: "amd64", "released-at": expect.any(String) });

  let cs = await cells(c, name);
  expect(cs.candidate).toMatchObject({ revision: 1, followed: true });
  expect(cs.edge).toMatchObject({ revision: 2, followed: false });

  // promotion: what is in edge goes to beta
  res = await c.post(`/api/v1/snaps/${name}/releases`, { from: "edge", channels: ["beta"] });
  expect(res.status(), await res.text()).toBe(200);
  expect((await cells(c, name)).beta).toMatchObject({ revision: 2, followed: false });

  // close beta and edge: both follow stable
  res = await c.post(`/api/v1/snaps/${name}/close`, { channels: ["beta", "edge"] });
  expect(res.status()).toBe(200);
  const closed = await res.json();
  expect(closed["closed-channels"]).toEqual(["latest/beta", "latest/edge"]);
  cs = await cells(c, name);
  expect(cs.beta).toMatchObject({ revision: 1, followed: true, closed: true });
  expect(cs.edge).toMatchObject({ revision: 1, followed: true, closed: true });
  await expectError(await c.post(`/api/v1/snaps/${name}/releases`, { from: "beta", channels: ["stable"] }), 404, "revision-not-found");

  const history = (await (await c.get(`/api/v1/snaps/${name}/releases/history`)).json()).history;
  expect(history.map((h: { action: string }) => h.action)).toEqual(["close", "close", "promote", "release", "release", "release"]);
  expect(history[0]).toMatchObject({ channel: "latest/edge", architecture: "amd64", revision: null, "created-at": expect.any(String) });

  const revs = (await (await c.get(`/api/v1/snaps/${name}/revisions`)).json()).revisions;
  expect(revs.map((r: { revision: number; channels: string[] }) => [r.revision, r.channels.sort()])).toEqual([
    [2, []],
    [1, ["2.0/beta/hotfix", "latest/stable"]],
  ]);
  expect(revs[0]).toMatchObject({ version: "1.1", confinement: "strict", grade: "stable", status: "ready_to_release", "created-at": expect.any(String) });
});

test("release refusals: invalid-channel (all checked first), revision-not-found, invalid body", async ({ request }) => {
  const c = await as(request, "publisher");
  const name = await snapWithRevisions(c, 1);
  let msg = await expectError(
    await c.post(`/api/v1/snaps/${name}/releases`, { revision: 1, channels: ["stable", "latest/foo", "a/b/c/d"] }),
    400,
    "invalid-channel",
  );
  expect(msg).toContain('"foo"');
  expect(msg).toContain("too many parts");
  expect((await (await c.get(`/api/v1/snaps/${name}/channel-map`)).json())["channel-map"]).toEqual([]);
  msg = await expectError(await c.post(`/api/v1/snaps/${name}/close`, { channels: ["nope/nope/nope/nope"] }), 400, "invalid-channel");
  expect(msg).toContain("too many parts");
  await expectError(await c.post(`/api/v1/snaps/${name}/releases`, { revision: 7, channels: ["edge"] }), 404, "revision-not-found");
  await expectError(await c.post(`/api/v1/snaps/${name}/releases`, { channels: ["edge"] }), 400, "invalid-field");
  await expectError(await c.post(`/api/v1/snaps/${name}/releases`, { revision: 1, channels: [] }), 400, "invalid-field");
  await expectError(await c.post(`/api/v1/snaps/${name}/releases`, { revision: 1, from: "edge", channels: ["beta"] }), 400, "invalid-field");
});

test("admin may release another publisher's snap", async ({ request }) => {
  const c = await as(request, "publisher");
  const name = await snapWithRevisions(c, 1);
  const admin = await as(request, "admin");
  const res = await admin.post(`/api/v1/snaps/${name}/releases`, { revision: 1, channels: ["candidate"] });
  expect(res.status(), await res.text()).toBe(200);
});
