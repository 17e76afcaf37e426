// Issue 12's "Done when" on simulated devices, through the device page and its terminal: classic
// needs --classic; network auto-connects and camera does not; camera connected by hand is
// "manual"; after an auto-connect grant and a new revision a refresh leaves camera disconnected
// while a fresh install on another device connects it; the refresh schedule skips devmode snaps.
//
// The store's grants (classic, the snap-declaration's auto-connection) come from the review queue,
// as in production: the publisher files the request, two reviewers vote +1 and one approves.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, uniqueName } from "../support/fixtures";
import { as, snapFromYaml, uploadAndWait, type Client } from "../api/publisher-support";
import { CLASSIC_ACKNOWLEDGEMENTS, CLASSIC_CATEGORY_SLUGS } from "../../lib/schemas/requests";

const REASON = "Needed by the devices end-to-end test, which models a real grant through the queue.";

async function grantThroughReview(request: APIRequestContext, pub: Client, name: string, body: Record<string, unknown>) {
  const res = await pub.post(`/api/v1/snaps/${name}/requests`, { reasoning: REASON, ...body });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  for (const role of ["reviewer", "reviewer2"] as const) {
    const vote = await (await as(request, role)).post(`/api/v1/review/items/${id}/votes`, { vote: 1, comment: "Fits the policy." });
    expect(vote.status(), await vote.text()).toBe(201);
  }
  const decision = await (await as(request, "reviewer")).post(`/api/v1/review/items/${id}/decision`, { decision: "approve" });
  expect(decision.ok(), await decision.text()).toBe(true);
}

const grantClassic = (request: APIRequestContext, pub: Client, name: string) =>
  grantThroughReview(request, pub, name, { type: "classic", category: CLASSIC_CATEGORY_SLUGS[0], acknowledgements: CLASSIC_ACKNOWLEDGEMENTS.map((a) => a.id) });
const grantAutoConnect = (request: APIRequestContext, pub: Client, name: string, iface: string) =>
  grantThroughReview(request, pub, name, { type: "auto-connection", interface: iface });

async function publish(c: Client, name: string, yaml: string, channel: string) {
  const out = await uploadAndWait(c, name, await snapFromYaml(yaml));
  expect(out.code, JSON.stringify(out)).toBe("ready_to_release");
  const res = await c.post(`/api/v1/snaps/${name}/releases`, { revision: out.revision, channels: [channel] });
  expect(res.status(), await res.text()).toBe(200);
  return out.revision;
}

const yaml = (name: string, version: string, confinement: string, extra = "") =>
  `name: ${name}\nversion: "${version}"\nsummary: e2e device snap\ndescription: built by the e2e tests\nconfinement: ${confinement}\ngrade: ${confinement === "devmode" ? "devel" : "stable"}\n${extra}`;
const camPlugs = "apps:\n  cam:\n    command: bin/hello\n    plugs: [network, camera]\n";

async function createDevice(page: Page, name: string, system: "classic" | "core" = "classic") {
  await page.goto("/devices");
  await page.getByLabel("Device name").fill(name);
  await page.getByLabel("System").selectOption(system);
  await page.getByRole("button", { name: "Create device" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** Runs one command in the device's terminal and returns what it printed (without the prompt line). */
async function term(page: Page, line: string): Promise<string> {
  const entries = page.locator('[data-testid="terminal-output"] > div:has(pre), [data-testid="terminal-output"] > div');
  const before = await entries.count();
  const input = page.getByLabel("snap command");
  await expect(input).toBeEnabled();
  await input.fill(line);
  await input.press("Enter");
  await expect(entries).toHaveCount(before + 1);
  await expect(input).toBeEnabled();
  const pres = entries.nth(before).locator("pre");
  const texts = await pres.allTextContents();
  return texts.join("");
}

const connectionRow = (out: string, plug: string) => out.split("\n").find((l) => l.split(/\s+/)[1] === plug) ?? "";

test("devices: confinement flags, auto-connection, manual connections, the upgrade rule and the refresh schedule", async ({ asRole, request }) => {
  test.setTimeout(180_000);
  const pub = await as(request, "publisher");
  const ide = uniqueName("e2e-ide").toLowerCase();
  const cam = uniqueName("e2e-cam").toLowerCase();
  const dev = uniqueName("e2e-dev").toLowerCase();
  for (const n of [ide, cam, dev]) expect((await pub.post("/api/v1/snaps", { name: n })).status()).toBe(201);
  await grantClassic(request, pub, ide);
  await publish(pub, ide, yaml(ide, "1.0", "classic"), "stable");
  await publish(pub, cam, yaml(cam, "1.0", "strict", camPlugs), "stable");
  await publish(pub, dev, yaml(dev, "0.1", "devmode"), "edge");

  const page = await asRole("user");
  const d1 = uniqueName("d1");
  await createDevice(page, d1);

  // Classic without, then with, --classic: snapd's words.
  const refused = await term(page, `snap install ${ide}`);
  // snap re-wraps the explanation to 80 columns (fill), so compare the words.
  const words = refused.replace(/\s+/g, " ");
  expect(refused).toMatch(/^error: This revision of snap/);
  expect(words).toContain(`This revision of snap "${ide}" was published using classic confinement and thus may perform arbitrary system changes`);
  expect(words).toContain("If you understand and want to proceed repeat the command including --classic.");
  expect(await term(page, `snap install --classic ${ide}`)).toMatch(new RegExp(`^${ide} 1\\.0 from .+ installed\\n$`));

  // Network connects, camera does not; camera by hand is "manual".
  expect(await term(page, `snap install ${cam}`)).toMatch(new RegExp(`^${cam} 1\\.0 from .+ installed`));
  let conns = await term(page, `snap connections ${cam}`);
  expect(conns).toMatch(/^Interface +Plug +Slot +Notes\n/);
  expect(connectionRow(conns, `${cam}:network`)).toMatch(new RegExp(`^network +${cam}:network +:network +-$`));
  expect(connectionRow(conns, `${cam}:camera`)).toMatch(new RegExp(`^camera +${cam}:camera +- +-$`));
  expect(await term(page, `snap connect ${cam}:camera`)).toBe("");
  conns = await term(page, `snap connections ${cam}`);
  expect(connectionRow(conns, `${cam}:camera`)).toMatch(new RegExp(`^camera +${cam}:camera +:camera +manual$`));
  await expect(page.getByRole("region", { name: "Connections", exact: true })).toContainText("manual");

  // snap list: classic note, and the devmode snap from edge.
  expect((await term(page, `snap install --edge ${dev}`)).replace(/\s+/g, " ")).toContain(`error: The publisher of snap "${dev}" has indicated`);
  expect(await term(page, `snap install --devmode --edge ${dev}`)).toMatch(new RegExp(`^${dev} \\(edge\\) 0\\.1 from .+ installed`));
  const list = await term(page, "snap list");
  expect(list).toMatch(/^Name +Version +Rev +Tracking +Publisher +Notes\n/);
  expect(list).toMatch(new RegExp(`\\n${ide} +1\\.0 +1 +latest/stable +\\S+ +classic\\n`));
  expect(list).toMatch(new RegExp(`\\n${dev} +0\\.1 +1 +latest/edge +\\S+ +devmode\\n`));

  // A second device that never connected camera.
  const d2 = uniqueName("d2");
  await createDevice(page, d2);
  await term(page, `snap install ${cam}`);
  expect(connectionRow(await term(page, `snap connections ${cam}`), `${cam}:camera`)).toMatch(/ - +-$/);

  // The store grants camera auto-connection and a new revision comes out.
  await grantAutoConnect(request, pub, cam, "camera");
  await publish(pub, cam, yaml(cam, "1.1", "strict", camPlugs), "stable");
  expect(await term(page, `snap refresh ${cam}`)).toMatch(new RegExp(`^${cam} 1\\.1 from .+ refreshed`));
  expect(connectionRow(await term(page, `snap connections ${cam}`), `${cam}:camera`)).toMatch(new RegExp(`^camera +${cam}:camera +- +-$`));

  // A fresh install on another device gets it connected.
  const d3 = uniqueName("d3");
  await createDevice(page, d3, "core");
  await term(page, `snap install ${cam}`);
  expect(connectionRow(await term(page, `snap connections ${cam}`), `${cam}:camera`)).toMatch(new RegExp(`^camera +${cam}:camera +:camera +-$`));

  // The refresh schedule does not refresh the devmode snap on d1.
  await publish(pub, dev, yaml(dev, "0.2", "devmode"), "edge");
  await page.goto("/devices");
  await page.getByRole("link", { name: d1 }).click();
  await page.getByRole("button", { name: "Run the refresh schedule now" }).click();
  await expect(page.getByLabel("Auto-refresh result")).toContainText(`${dev}: devmode snaps are not refreshed automatically`);
  expect(await term(page, "snap list")).toMatch(new RegExp(`\\n${dev} +0\\.1 +1 +latest/edge`));
  const changes = await term(page, "snap changes");
  expect(changes).toMatch(/^ID +Status +Spawn +Ready +Summary\n/);
  expect(changes).toContain(`Connect ${cam}:camera to core:camera`);
});

test("another user's device is not found", async ({ asRole, request }) => {
  const page = await asRole("user");
  const name = uniqueName("mine");
  await createDevice(page, name);
  const id = page.url().split("/").pop()!;
  const other = await asRole("publisher");
  const res = await other.goto(`/devices/${id}`);
  expect(res?.status()).toBe(404);
  const pub = await as(request, "publisher");
  expect((await pub.get(`/api/v1/devices/${id}/snaps`)).status()).toBe(404);
});

test("the snap's Metrics tab: the owner reaches its active devices; another publisher is refused", async ({ asRole, request }) => {
  const pub = await as(request, "publisher");
  const name = uniqueName("e2e-met").toLowerCase();
  expect((await pub.post("/api/v1/snaps", { name })).status()).toBe(201);
  await publish(pub, name, yaml(name, "1.0", "strict"), "stable");
  const user = await asRole("user");
  await createDevice(user, uniqueName("m1"));
  expect(await term(user, `snap install ${name}`)).toMatch(new RegExp(`^${name} 1\\.0 from .+ installed`));

  // snap info --verbose in the terminal, laid out as snap 2.57 (compared with it in test/snapd/cli-views.test.ts).
  const info = await term(user, `snap info --verbose ${name}`);
  expect(info).toMatch(new RegExp(`^name: +${name}\\nsummary: e2e device snap\\nhealth:\\n  status: +unknown\\n`));
  expect(info).toMatch(/\nchannels:\n {2}latest\/stable: +1\.0 +\d{4}-\d\d-\d\d +\(1\) +\d+[kM]?B -\n {2}latest\/candidate: +↑ +\n/);

  const owner = await asRole("publisher");
  await owner.goto(`/dashboard/snaps/${name}`);
  const tab = owner.getByRole("navigation", { name: "Snap sections" }).getByRole("link", { name: "Metrics" });
  await tab.click();
  await expect(owner).toHaveURL(new RegExp(`/dashboard/snaps/${name}/metrics$`));
  await expect(owner.getByRole("navigation", { name: "Snap sections" }).getByRole("link", { name: "Metrics" })).toHaveAttribute("aria-current", "page");
  await expect(owner.getByRole("heading", { name: "Active devices" })).toBeVisible();
  await expect(owner.getByRole("img", { name: "By channel: latest/stable 1" })).toBeVisible();

  // Another publisher: no tabs, the page and the JSON refused.
  const other = await asRole("publisher2");
  const res = await other.goto(`/dashboard/snaps/${name}/metrics`);
  expect(res?.status()).toBe(403);
  await expect(other.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(other.getByRole("link", { name: "Metrics" })).toHaveCount(0);
  const json = await other.request.get(`/api/v1/snaps/${name}/metrics?dimension=channel`);
  expect(json.status()).toBe(403);
  expect((await json.json())["error-list"][0].code).toBe("not-owner");
});
