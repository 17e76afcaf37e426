// Issue 13: at 390 px no page scrolls sideways, for every role, and nothing the user needs is
// hidden off screen (header links, snap tabs, channel-map actions). Wide tables scroll inside
// their own region, with a hint.
import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "../support/fixtures";
import type { RoleName } from "../support/roles";
import { buildKind, cleanupBuilt, registerName, releaseTo, upload } from "./publisher-helpers";

test.afterAll(cleanupBuilt);

const PHONE = { width: 390, height: 844 };

/** The page's own sideways scroll (not a table's scroll region). */
async function pageOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}

/** Every link/button matched lies within the viewport's width (not pushed off screen). */
async function expectOnScreen(page: Page, selector: string) {
  const boxes = await page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { text: (e.textContent ?? "").trim(), left: r.left, right: r.right };
    }),
  );
  expect(boxes.length, selector).toBeGreaterThan(0);
  const off = boxes.filter((b) => b.left < 0 || b.right > PHONE.width + 0.5).map((b) => b.text);
  expect(off, `${selector}: off screen at ${PHONE.width} px`).toEqual([]);
}

test("no page scrolls sideways at 390 px, for any role", async ({ asRole, browser }) => {
  test.setTimeout(240_000);
  // A snap with a release, a token and a request, so the pages show their tables.
  const pub = await asRole("publisher");
  const name = uniqueName("e2e-mob");
  await registerName(pub, name);
  await upload(pub, name, await buildKind(name, "strict"));
  await releaseTo(pub, name, 1, ["stable", "edge"]);
  await expect(pub.getByRole("status").filter({ hasText: "Released revision 1" })).toBeVisible();
  await pub.goto("/dashboard/tokens");
  await pub.getByLabel("Token label").fill(uniqueName("mobile-token-with-a-long-label"));
  await pub.getByRole("button", { name: "Create token" }).click();
  await expect(pub.getByTestId("new-token")).toBeVisible();
  await pub.close();

  const snapPages = ["", "/upload", "/revisions", "/revisions/1", "/releases", "/listing", "/requests"].map((s) => `/dashboard/snaps/${name}${s}`);
  const pages: Record<RoleName | "anonymous", string[]> = {
    anonymous: ["/", "/search", `/snaps/${name}`, "/signin", "/signup", "/interfaces"],
    user: ["/", "/search", "/devices", "/account"],
    publisher: ["/dashboard", "/dashboard/tokens", ...snapPages, "/devices", `/snaps/${name}`, "/notifications", "/account"],
    publisher2: ["/dashboard"],
    reviewer: ["/review", "/search"],
    reviewer2: ["/review", "/notifications"],
    admin: ["/admin", "/review", "/dashboard", "/dashboard/tokens", "/devices", ...snapPages],
  };
  const wide: string[] = [];
  for (const [role, paths] of Object.entries(pages)) {
    const page = role === "anonymous" ? await browser.newPage() : await asRole(role as RoleName);
    await page.setViewportSize(PHONE);
    for (const path of paths) {
      const res = await page.goto(path);
      expect(res?.status(), `${role} ${path}`).toBeLessThan(400);
      const { scrollWidth, innerWidth } = await pageOverflow(page);
      if (scrollWidth > innerWidth) wide.push(`${role} ${path}: ${scrollWidth} px wide`);
      // Every header link is reachable without scrolling a hidden strip.
      await expectOnScreen(page, 'nav[aria-label="Main"] a');
      if (path.startsWith(`/dashboard/snaps/${name}`)) await expectOnScreen(page, 'nav[aria-label="Snap sections"] a');
      if (path.endsWith("/releases")) await expectOnScreen(page, 'tr[data-channel="latest/stable"] button');
    }
    if (role === "anonymous") await page.close();
  }
  expect(wide).toEqual([]);
});

test("tables that scroll sideways say so on a phone", async ({ asRole }) => {
  const page = await asRole("admin");
  await page.setViewportSize(PHONE);
  await page.goto("/admin");
  const region = page.getByRole("region").first();
  await expect(region).toBeVisible();
  await expect(page.getByText("Scroll sideways for more columns").first()).toBeVisible();
});
