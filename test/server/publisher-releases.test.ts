import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { allocateRevision } from "@/lib/server/uploads";
import { closeChannels, getChannelMap, releaseHistory, releaseRevision } from "@/lib/server/releases";
import { listRevisions } from "@/lib/server/revisions";
import type { Actor } from "@/lib/server/ownership";
import { addRevision, makeActor, registered } from "./publisher-helpers";
import { refused } from "@/test/support/refusal";

let t: TestDb;
let pub: Actor;
let pub2: Actor;
let admin: Actor;
let snapId: string;

beforeAll(async () => {
  t = await createTestDb();
  pub = await makeActor(t.db, "publisher");
  pub2 = await makeActor(t.db, "publisher", "other");
  admin = await makeActor(t.db, "admin");
  snapId = (await registered(t.db, pub, "rel-snap")).id;
});
afterAll(() => t.cleanup());

const cell = (cm: Awaited<ReturnType<typeof getChannelMap>>, track: string, arch: string, risk: string) =>
  cm.view.tracks
    .find((x) => x.track === track)!
    .architectures.find((a) => a.architecture === arch)!
    .risks.find((r) => r.risk === risk)!;

describe("revision allocation", () => {
  it("gives N parallel allocations the numbers 1..N", async () => {
    const s = await registered(t.db, pub, "race-snap");
    const N = 12;
    const got = await Promise.all(Array.from({ length: N }, () => allocateRevision(t.db, s.id, pub.id)));
    expect(got.map((g) => g.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(new Set(got.map((g) => g.uploadId)).size).toBe(N);
    expect((await t.db.snap.findUniqueOrThrow({ where: { id: s.id } })).lastRevision).toBe(N);
  });
});

describe("releases", () => {
  it("releases a ready revision to several channels, per architecture, with history and audit", async () => {
    const { revision } = await addRevision(t.db, snapId, pub, { architectures: ["amd64", "arm64"] });
    const r = await releaseRevision(t.db, pub, "rel-snap", { revision, channels: ["edge", "latest/beta", "2.0/stable/hotfix"] });
    expect(r.released).toHaveLength(6);
    const names = r.channelMap.entries.map((e) => `${e.channel.name}@${e.channel.architecture}=${e.revision}`);
    expect(names).toEqual(expect.arrayContaining([`latest/edge@amd64=${revision}`, `latest/beta@arm64=${revision}`, `2.0/stable/hotfix@amd64=${revision}`]));
    const rows = await t.db.release.findMany({ where: { snapId, track: "2.0" } });
    expect(rows.every((x) => x.branch === "hotfix" && x.expiresAt !== null)).toBe(true);
    expect(await t.db.releaseEvent.count({ where: { snapId, action: "release" } })).toBe(6);
    expect(await t.db.auditLog.count({ where: { action: "snap.release", targetId: snapId } })).toBe(1);
    const revs = await listRevisions(t.db, pub, "rel-snap");
    expect(revs.find((x) => x.revision === revision)!.channels.sort()).toEqual(["2.0/stable/hotfix", "latest/beta", "latest/edge"]);
  });

  it("refuses invalid channels, naming each, before any write", async () => {
    const { revision } = await addRevision(t.db, snapId, pub);
    const before = await t.db.release.count();
    const e = await refused(releaseRevision(t.db, pub, "rel-snap", { revision, channels: ["stable", "latest/bogus", "a/b/c/d"] }));
    expect([e.code, e.status]).toEqual(["invalid-channel", 400]);
    expect(e.message).toContain("bogus");
    expect(e.message).toContain("too many parts");
    expect(await t.db.release.count()).toBe(before);
  });

  it("refuses an unknown revision", async () => {
    const e = await refused(releaseRevision(t.db, pub, "rel-snap", { revision: 999, channels: ["edge"] }));
    expect([e.code, e.status]).toEqual(["revision-not-found", 404]);
  });

  it("refuses revisions that are not ready, saying the status", async () => {
    const waiting = await addRevision(t.db, snapId, pub, { status: "need_manual_review" });
    await t.db.revision.update({
      where: { id: waiting.id },
      data: { errors: [{ code: "super-privileged-interface", message: "snapd-control needs review" }] },
    });
    let e = await refused(releaseRevision(t.db, pub, "rel-snap", { revision: waiting.revision, channels: ["edge"] }));
    expect([e.code, e.status]).toEqual(["revision-not-ready", 409]);
    expect(e.message).toContain("waiting for manual review");
    const rejected = await addRevision(t.db, snapId, pub, { status: "rejected" });
    e = await refused(releaseRevision(t.db, pub, "rel-snap", { revision: rejected.revision, channels: ["edge"] }));
    expect(e.message).toContain("rejected");
    await t.db.revision.update({ where: { id: waiting.id }, data: { status: "withdrawn" } });
  });

  it("keeps devmode and devel revisions out of stable and candidate", async () => {
    const dev = await addRevision(t.db, snapId, pub, { confinement: "devmode" });
    let e = await refused(releaseRevision(t.db, pub, "rel-snap", { revision: dev.revision, channels: ["edge", "stable"] }));
    expect([e.code, e.status]).toEqual(["devmode-or-devel-to-stable", 400]);
    expect(e.message).toBe(
      `Cannot release to latest/stable: revision ${dev.revision} is devmode; devmode and devel-grade revisions can only be released to beta or edge.`,
    );
    const devel = await addRevision(t.db, snapId, pub, { grade: "devel" });
    e = await refused(releaseRevision(t.db, pub, "rel-snap", { revision: devel.revision, channels: ["2.0/candidate"] }));
    expect(e.code).toBe("devmode-or-devel-to-stable");
    expect(e.message).toContain("devel grade");
    await expect(releaseRevision(t.db, pub, "rel-snap", { revision: devel.revision, channels: ["beta", "edge/fix"] })).resolves.toBeTruthy();
  });

  it("refuses classic revisions without a grant", async () => {
    const s = await registered(t.db, pub, "rel-classic");
    const c = await addRevision(t.db, s.id, pub, { confinement: "classic" });
    const e = await refused(releaseRevision(t.db, pub, "rel-classic", { revision: c.revision, channels: ["stable"] }));
    expect([e.code, e.status]).toEqual(["classic-not-granted", 403]);
    await t.db.snap.update({ where: { id: s.id }, data: { classicGranted: true } });
    await expect(releaseRevision(t.db, pub, "rel-classic", { revision: c.revision, channels: ["stable"] })).resolves.toBeTruthy();
  });

  it("is owner-only (admin allowed)", async () => {
    const e = await refused(releaseRevision(t.db, pub2, "rel-snap", { revision: 1, channels: ["edge"] }));
    expect([e.code, e.status]).toEqual(["not-owner", 403]);
    expect((await refused(getChannelMap(t.db, pub2, "rel-snap"))).code).toBe("not-owner");
    expect((await refused(getChannelMap(t.db, pub, "nope-snap"))).code).toBe("snap-not-found");
    await expect(getChannelMap(t.db, admin, "rel-snap")).resolves.toBeTruthy();
  });
});

describe("promotion, close and follow", () => {
  it("promotes, closes, and lets closed channels follow the next more stable risk", async () => {
    const s = await registered(t.db, pub, "flow-snap");
    const a = await addRevision(t.db, s.id, pub, { architectures: ["amd64"] });
    const b = await addRevision(t.db, s.id, pub, { architectures: ["amd64"] });
    await releaseRevision(t.db, pub, "flow-snap", { revision: a.revision, channels: ["stable"] });
    await releaseRevision(t.db, pub, "flow-snap", { revision: b.revision, channels: ["beta"] });
    let cm = await getChannelMap(t.db, pub, "flow-snap");
    expect(cell(cm, "latest", "amd64", "candidate")).toMatchObject({ revision: a.revision, followed: true });
    expect(cell(cm, "latest", "amd64", "edge")).toMatchObject({ revision: b.revision, followed: true });

    const p = await releaseRevision(t.db, pub, "flow-snap", { from: "beta", channels: ["candidate"] });
    expect(cell(p.channelMap, "latest", "amd64", "candidate")).toMatchObject({ revision: b.revision, followed: false });
    expect(await t.db.releaseEvent.count({ where: { snapId: s.id, action: "promote" } })).toBe(1);

    const c = await closeChannels(t.db, pub, "flow-snap", { channels: ["candidate", "beta"] });
    expect(c.closed).toEqual(["latest/candidate", "latest/beta"]);
    cm = c.channelMap;
    expect(cell(cm, "latest", "amd64", "candidate")).toMatchObject({ revision: a.revision, followed: true, closed: true });
    expect(cell(cm, "latest", "amd64", "beta")).toMatchObject({ revision: a.revision, followed: true, closed: true });
    expect(cm.entries.map((e) => e.channel.name)).toEqual(["latest/stable"]);

    const e = await refused(releaseRevision(t.db, pub, "flow-snap", { from: "beta", channels: ["stable"] }));
    expect(e.code).toBe("revision-not-found");
    expect(e.message).toContain("latest/beta");

    // closing a never-released channel records it closed
    await closeChannels(t.db, pub, "flow-snap", { channels: ["edge"] });
    expect(cell(await getChannelMap(t.db, pub, "flow-snap"), "latest", "amd64", "edge")).toMatchObject({ closed: true, followed: true });

    const history = await releaseHistory(t.db, pub, "flow-snap");
    expect(history[0].action).toBe("close");
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(["release", "promote", "close"]));
  });

  it("an architecture-independent revision replaces arch-specific rows in its channels", async () => {
    const s = await registered(t.db, pub, "all-snap");
    const a = await addRevision(t.db, s.id, pub, { architectures: ["amd64"] });
    const b = await addRevision(t.db, s.id, pub, { architectures: ["all"] });
    await releaseRevision(t.db, pub, "all-snap", { revision: a.revision, channels: ["stable"] });
    const r = await releaseRevision(t.db, pub, "all-snap", { revision: b.revision, channels: ["stable"] });
    expect(r.channelMap.entries.map((e) => [e.channel.architecture, e.revision])).toEqual([
      ["all", b.revision],
      ["amd64", b.revision],
    ]);
  });
});
