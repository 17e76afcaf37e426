import { test as base, type Page } from "@playwright/test";
import { storageStatePath, type RoleName } from "./roles";

/** `asRole("publisher")` gives a page signed in as that role, from the saved storage state. */
export const test = base.extend<{ asRole: (role: RoleName) => Promise<Page> }>({
  asRole: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (role) => {
      const ctx = await browser.newContext({ storageState: storageStatePath(role) });
      contexts.push(ctx);
      return ctx.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect } from "@playwright/test";

/** A name no other test (or earlier run against the same database) has used. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.slice(0, 40);
}
