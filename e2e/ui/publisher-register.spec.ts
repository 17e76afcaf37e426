import { expect, test, uniqueName } from "../support/fixtures";

test("the name is validated as you type, registered, and a taken name is refused", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-reg");
  await page.goto("/dashboard");
  const input = page.getByLabel("Snap name");

  await input.fill("Bad_Name");
  await expect(page.locator("#register-name-error")).toContainText("Not a valid snap name: use 2-40 lowercase letters");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAttribute("aria-describedby", "register-name-error");
  await input.fill("double--hyphen");
  await expect(page.locator("#register-name-error")).toContainText("Not a valid snap name");

  await input.fill(name);
  await expect(page.locator("#register-name-error")).toHaveCount(0);
  await expect(page.getByText(`“${name}” is a valid snap name.`)).toBeVisible();
  await page.getByRole("button", { name: "Register name" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Registered ${name}` })).toBeVisible();
  const row = page.locator(`tr[data-snap="${name}"]`);
  await expect(row).toContainText("No uploads yet");

  // Registering it again: the store says it is already yours (not "choose another name").
  await input.fill(name);
  await page.getByRole("button", { name: "Register name" }).click();
  await expect(page.locator("#register-name-error")).toHaveText(`The name "${name}" is already yours: it is in My snaps.`);

  // The snap page opens from the list, with its section navigation.
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Snap sections" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
});
