// The public catalogue as a visitor sees it: a devmode snap released to beta and edge never shows
// in search (exact name, its words, every filter), while a strict snap with the same words does;
// the devmode snap's page is still reachable by URL, with its warning; as-you-type finds a snap
// from a misspelled prefix. Set-up goes through the publisher API with real .snap files.
import { expect, test } from "@playwright/test";
import { as, registerUnique, snapFromYaml, uploadAndWait } from "../api/publisher-support";

const word = `zq${Date.now().toString(36)}`;
let strictName = "";
let devName = "";

const yaml = (name: string, confinement: string, summary: string) =>
  `name: ${name}\nversion: "1.0"\ntitle: ${summary}\nsummary: ${summary}\ndescription: Catalogue e2e snap\nconfinement: ${confinement}\ngrade: ${confinement === "devmode" ? "devel" : "stable"}\n`;

test.beforeAll(async ({ request }) => {
  const c = await as(request, "publisher");
  strictName = await registerUnique(c, "e2e-cat-strict");
  devName = await registerUnique(c, "e2e-cat-dev");
  for (const [name, confinement, channels] of [
    [strictName, "strict", ["stable"]],
    [devName, "devmode", ["beta", "edge"]],
  ] as const) {
    const up = await uploadAndWait(c, name, await snapFromYaml(yaml(name, confinement, `Kaleidoscope ${word} viewer`)));
    expect(up.code, JSON.stringify(up)).toBe("ready_to_release");
    const res = await c.post(`/api/v1/snaps/${name}/releases`, { revision: up.revision, channels });
    expect(res.status(), await res.text()).toBe(200);
  }
});

test("a devmode snap never appears in search; a strict snap with the same words does", async ({ page }) => {
  const queries = [devName, word, `kaleidoscope ${word}`, strictName];
  const filters = ["", "&confinement=strict", "&confinement=classic", "&confinement=strict&confinement=classic", "&verified=1", "&sort=updated", "&sort=new"];
  for (const q of queries) {
    for (const f of filters) {
      await page.goto(`/search?q=${encodeURIComponent(q)}${f}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator(`a[href="/snaps/${devName}"]`)).toHaveCount(0);
      if (!f.includes("classic") || f.includes("strict")) {
        if (!f.includes("verified")) await expect(page.locator(`a[href="/snaps/${strictName}"]`), `${q} ${f}`).toHaveCount(1);
      }
    }
  }
});

test("the devmode snap's page is reachable by URL, with the warning and its confinement", async ({ page }) => {
  await page.goto(`/snaps/${devName}`);
  await expect(page.getByTestId("devmode-warning")).toBeVisible();
  await expect(page.getByTestId("confinement")).toHaveText("devmode");
  await expect(page.getByTestId("install-command")).toHaveText(`sudo snap install ${devName} --channel=beta --devmode`);
  await expect(page).toHaveTitle(`Kaleidoscope ${word} viewer · Snapstore`);
});

test("as-you-type finds a snap from a misspelled prefix", async ({ page }) => {
  await page.goto("/search");
  // "kaleidoscope" typed with two letters swapped and cut short (the title comes from snap.yaml).
  await page.getByLabel("Search snaps").pressSequentially(`kaliedo ${word}`, { delay: 30 });
  await expect(page).toHaveURL(/q=kaliedo/);
  await expect(page.locator(`a[href="/snaps/${strictName}"]`)).toHaveCount(1);
  await expect(page.locator(`a[href="/snaps/${devName}"]`)).toHaveCount(0);
});
