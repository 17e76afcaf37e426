import type { APIRequestContext, Page } from "@playwright/test";
import { decodeAssertion } from "../../lib/assertions/assertion";
import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cell, cleanupBuilt, registerName, releaseTo, upload } from "./publisher-helpers";

/** The snap-declaration snapd would fetch for the snap, decoded. */
async function servedDeclaration(request: APIRequestContext, snapId: string) {
  const res = await request.get(`/v2/assertions/snap-declaration/16/${snapId}`, { headers: { Accept: "application/x.ubuntu.assertion" } });
  const text = await res.text();
  expect(res.status(), text).toBe(200);
  return decodeAssertion(text);
}

/** Each of the two reviewers finds the item through the queue's search and votes +1; returns the item's URL. */
async function twoVotesFor(asRole: (role: "reviewer" | "reviewer2") => Promise<Page>, name: string, kind: string, label: string): Promise<string> {
  let itemUrl = "";
  for (const role of ["reviewer", "reviewer2"] as const) {
    const rev = await asRole(role);
    await rev.goto(`/review?q=${name}&kind=${kind}`);
    await expect(rev.getByRole("list", { name: "Open items per kind" })).toContainText(label);
    await expect(rev.getByTestId("review-chart")).toBeVisible();
    await rev.locator("li[data-item]").filter({ hasText: label }).getByRole("link").click();
    await expect(rev.getByRole("heading", { level: 1 })).toContainText(`${label}: ${name}`);
    itemUrl = rev.url();
    const vote = rev.getByRole("form", { name: "Vote" });
    await vote.getByLabel("Comment (optional)").fill(`+1 from ${role}: fits the policy.`);
    await vote.getByRole("button", { name: "Vote" }).click();
    await expect(vote.getByRole("status")).toContainText("Vote recorded");
  }
  return itemUrl;
}

/** The first reviewer approves the item (the tally passes with the two votes). */
async function approve(rev: Page, itemUrl: string) {
  await rev.goto(itemUrl);
  await expect(rev.getByTestId("tally")).toHaveText("2 for, 0 against, 0 abstaining");
  const decision = rev.getByRole("form", { name: "Decision" });
  await decision.getByLabel("Decision").selectOption("approve");
  await decision.getByRole("button", { name: "Decide" }).click();
  // Decided: the forms give way to the decision in the item's history.
  await expect(rev.getByRole("list", { name: "History" })).toContainText("decide → approved");
  await expect(rev.getByRole("form", { name: "Decision" })).toHaveCount(0);
}

test.afterAll(cleanupBuilt);

test("classic: the publisher uploads and requests classic, two reviewers vote +1, one approves, the revision is released to stable", async ({ asRole }) => {
  test.setTimeout(120_000);
  const pub = await asRole("publisher");
  const name = uniqueName("e2e-rq");
  await registerName(pub, name);
  await upload(pub, name, await buildKind(name, "classic"));
  await expect(pub.getByTestId("revision-result")).toContainText(/manual review/i);

  await pub.goto(`/dashboard/snaps/${name}/requests`);
  const form = pub.getByRole("form", { name: "Request classic confinement" });
  await form.getByLabel("Supported category").selectOption("compilers");
  await form.getByLabel("Why does this snap need classic confinement?").fill("A compiler toolchain that must run the host's linker and read headers.");
  for (const box of await form.getByRole("checkbox").all()) await box.check();
  await form.getByRole("button", { name: "Request classic confinement" }).click();
  await expect(pub.getByRole("status").filter({ hasText: "Your classic request was filed" })).toBeVisible();

  // While it waits, the upload page says which revision, since when, for what, and offers withdraw.
  await pub.goto(`/dashboard/snaps/${name}/upload`);
  const waiting = pub.getByTestId("waiting-review");
  await expect(waiting).toContainText(/^Revision 1 is waiting for manual review since \d{4}-\d\d-\d\d \d\d:\d\d UTC for: .*Classic confinement/);
  await expect(waiting.getByRole("link", { name: "Classic confinement" })).toHaveAttribute(
    "href",
    new RegExp(`^/dashboard/snaps/${name}/requests#request-\\w+$`),
  );
  await expect(pub.getByRole("button", { name: "Withdraw revision 1" })).toBeVisible();

  // Two reviewers vote +1 on the item found through the queue's search; the first approves.
  await approve(await asRole("reviewer"), await twoVotesFor(asRole, name, "classic", "Classic"));

  // The revision is releasable to stable now.
  await releaseTo(pub, name, 1, ["stable"]);
  await expect(cell(pub, "latest/stable")).toHaveText("1");

  // The publisher's timeline and notifications show every step.
  await pub.goto(`/dashboard/snaps/${name}/requests`);
  const timeline = pub.locator('li[data-request-type="classic"]').getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("submitted the request");
  await expect(timeline).toContainText("+1 from reviewer:");
  await expect(timeline).toContainText("+1 from reviewer2:");
  await expect(timeline).toContainText("approved");
  await pub.goto("/notifications");
  const notes = pub.getByRole("list", { name: "Notifications" });
  await expect(notes).toContainText(`Approved: your classic request for ${name}.`);
  await expect(notes.locator("li").filter({ hasText: `voted +1 on your classic request for ${name}` })).toHaveCount(2);
  await expect(pub.getByTestId("notification-counter")).not.toHaveText(/🔔\s*0$/);
});

test("camera auto-connection: the publisher requests it for a camera plug, two reviewers vote +1, one approves, the served snap-declaration grants it", async ({
  asRole,
  request,
}) => {
  test.setTimeout(120_000);
  const pub = await asRole("publisher");
  const name = uniqueName("e2e-rqcam");
  await registerName(pub, name);
  await upload(pub, name, await buildKind(name, "camera"));
  const result = pub.getByTestId("revision-result");
  await expect(result.getByText("is ready to release")).toBeVisible();
  await result.getByRole("link", { name: "Request auto-connection for camera" }).click();
  const form = pub.getByRole("form", { name: "Request an interface" });
  await expect(form.getByRole("radio", { name: /^Auto-connection/ })).toBeChecked();
  await form.getByLabel("Reasoning").fill("A video-call app: the camera is its main feature and users expect it to work.");
  await form.getByRole("button", { name: "File request" }).click();
  await expect(pub.getByRole("status").filter({ hasText: "Your auto-connection request was filed" })).toBeVisible();

  // What snapd gets before the grant: no plug rules.
  await pub.goto(`/dashboard/snaps/${name}`);
  const snapId = (await pub.locator("dt", { hasText: "snap-id" }).locator("xpath=following-sibling::dd[1]").textContent())!.trim();
  // snapd's encoding omits revision 0.
  const revisionOf = (a: { headers: Record<string, unknown> }) => Number(a.headers.revision ?? "0");
  const before = await servedDeclaration(request, snapId);
  expect([revisionOf(before), before.headers.plugs]).toEqual([0, undefined]);

  await approve(await asRole("reviewer"), await twoVotesFor(asRole, name, "auto-connection", "Auto-connection"));

  // A new signed revision of the snap-declaration grants camera auto-connection.
  const after = await servedDeclaration(request, snapId);
  expect(revisionOf(after)).toBe(1);
  expect(after.headers["snap-id"]).toBe(snapId);
  expect(after.headers.plugs).toEqual({ camera: { "allow-auto-connection": "true" } });
});
