import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cell, cleanupBuilt, registerName, releaseTo, upload } from "./publisher-helpers";

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

  // Two reviewers vote +1 on the item found through the queue's search.
  let itemUrl = "";
  for (const role of ["reviewer", "reviewer2"] as const) {
    const rev = await asRole(role);
    await rev.goto(`/review?q=${name}&kind=classic`);
    await expect(rev.getByRole("list", { name: "Open items per kind" })).toContainText("Classic");
    await expect(rev.getByTestId("review-chart")).toBeVisible();
    await rev.locator("li[data-item]").filter({ hasText: "Classic" }).getByRole("link").click();
    await expect(rev.getByRole("heading", { level: 1 })).toContainText(`Classic: ${name}`);
    itemUrl = rev.url();
    const vote = rev.getByRole("form", { name: "Vote" });
    await vote.getByLabel("Comment (optional)").fill(`+1 from ${role}: a compiler fits the policy.`);
    await vote.getByRole("button", { name: "Vote" }).click();
    await expect(vote.getByRole("status")).toContainText("Vote recorded");
  }

  // The first reviewer approves.
  const rev = await asRole("reviewer");
  await rev.goto(itemUrl);
  await expect(rev.getByTestId("tally")).toHaveText("2 for, 0 against, 0 abstaining");
  const decision = rev.getByRole("form", { name: "Decision" });
  await decision.getByLabel("Decision").selectOption("approve");
  await decision.getByRole("button", { name: "Decide" }).click();
  // Decided: the forms give way to the decision in the item's history.
  await expect(rev.getByRole("list", { name: "History" })).toContainText("decide → approved");
  await expect(rev.getByRole("form", { name: "Decision" })).toHaveCount(0);

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
