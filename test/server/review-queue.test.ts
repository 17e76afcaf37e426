// The review queue on a real database (SQLite, or PostgreSQL with SNAPSTORE_TEST_PG): votes,
// decisions and their effects, every refusal of the issue, and a race of two decisions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIdentity } from "@/lib/assertions/identity";
import { fixtureKey } from "@/lib/assertions/testing";
import { AppError } from "@/lib/errors";
import { CLASSIC_ACKNOWLEDGEMENTS } from "@/lib/schemas/requests";
import { findAssertion } from "@/lib/server/assertions";
import { addComment, createRequest } from "@/lib/server/requests";
import { releaseRevision } from "@/lib/server/releases";
import {
  decide,
  extendVoting,
  getItem,
  listNotifications,
  listQueue,
  markNotificationsRead,
  reviewStats,
  revokeGrant,
  unreadNotificationCount,
  vote,
  votingDays,
  waitingReview,
} from "@/lib/server/review-queue";
import { useSigningIdentityForProcess } from "@/lib/server/signing";
import { votingState, type VoteValue } from "@/lib/review/tally";
import { withdrawRevision } from "@/lib/server/uploads";
import type { Actor } from "@/lib/server/ownership";
import { createTestDb, type TestDb } from "@/test/support/db";
import { addRevision, makeActor, registered } from "./publisher-helpers";
import { refused } from "@/test/support/refusal";

let t: TestDb;
let pub: Actor;
let r1: Actor;
let r2: Actor;
let r3: Actor;
let admin: Actor;
let user: Actor;
let pub2: Actor;

beforeAll(async () => {
  t = await createTestDb();
  const [rootKey, storeKey] = await Promise.all([fixtureKey("root"), fixtureKey("store")]);
  useSigningIdentityForProcess(
    buildIdentity({ authorityId: "test-store", displayName: "Test Store", rootKey, storeKey, since: new Date("2016-01-01T00:00:00Z") }),
  );
  pub = await makeActor(t.db, "publisher");
  pub2 = await makeActor(t.db, "publisher", "other");
  r1 = await makeActor(t.db, "reviewer", "rev-a");
  r2 = await makeActor(t.db, "reviewer", "rev-b");
  r3 = await makeActor(t.db, "reviewer", "rev-c");
  admin = await makeActor(t.db, "admin");
  user = await makeActor(t.db, "user");
}, 180_000);
afterAll(async () => {
  useSigningIdentityForProcess(null);
  await t.cleanup();
});

const REASON = "It is a compiler toolchain that needs the host's headers and libraries.";
const ACKS = CLASSIC_ACKNOWLEDGEMENTS.map((a) => a.id);
const classicYaml = (name: string) => `name: ${name}\nversion: '1.0'\nsummary: classic tool\ndescription: a classic tool\nconfinement: classic\n`;
const controlYaml = (name: string) =>
  `name: ${name}\nversion: '1.0'\nsummary: control\ndescription: uses snapd-control\napps:\n  app:\n    command: bin/app\n    plugs: [snapd-control]\n`;

/** A snap with a classic revision waiting for review and a classic request. */
async function classicCase(name: string) {
  const s = await registered(t.db, pub, name);
  const rev = await addRevision(t.db, s.id, pub, { status: "need_manual_review", confinement: "classic", snapYaml: classicYaml(name) });
  await t.db.reviewRequest.create({ data: { snapId: s.id, revisionId: rev.id, type: "revision", reasoning: "classic", requesterId: pub.id } });
  const req = await createRequest(t.db, pub, name, { type: "classic", reasoning: REASON, category: "compilers", acknowledgements: ACKS });
  return { snap: s, rev, id: req.id };
}

const status = async (id: string) => (await t.db.reviewRequest.findUniqueOrThrow({ where: { id } })).status;

describe("votes", () => {
  it("refuses the requester, the snap's publisher, users and publishers; one vote per reviewer, changeable while open", async () => {
    const { id } = await classicCase("rq-votes");
    // an admin who owns a snap and filed the request: publisher of the snap and requester
    const adminSnap = await registered(t.db, admin, "rq-votes-admin");
    await addRevision(t.db, adminSnap.id, admin, { plugs: { camera: "camera" } });
    const own = await createRequest(t.db, admin, "rq-votes-admin", { type: "auto-connection", interface: "camera", reasoning: REASON });
    let e = await refused(vote(t.db, admin, own.id, { vote: 1 }));
    expect([e.code, e.status]).toEqual(["requester-cannot-review", 403]);
    // the snap's publisher (not the requester): the request was filed by someone else
    const byOther = await t.db.reviewRequest.create({ data: { snapId: adminSnap.id, type: "classic", reasoning: REASON, requesterId: pub.id } });
    e = await refused(vote(t.db, admin, byOther.id, { vote: 1 }));
    expect([e.code, e.status]).toEqual(["publisher-cannot-review", 403]);
    for (const who of [user, pub, pub2]) {
      e = await refused(vote(t.db, who, id, { vote: 1 }));
      expect([e.code, e.status]).toEqual(["forbidden", 403]);
    }
    expect(await t.db.vote.count({ where: { requestId: { in: [id, own.id, byOther.id] } } })).toBe(0);

    await vote(t.db, r1, id, { vote: -1, comment: "Why not strict?" });
    const changed = await vote(t.db, r1, id, { vote: 1, comment: "Convinced." });
    expect(changed.state.tally).toMatchObject({ for: 1, against: 0 });
    expect(await t.db.vote.count({ where: { requestId: id } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { targetId: id, action: "request.vote" } })).toBe(2);
  });

  it("no votes on a decided item", async () => {
    const { id } = await classicCase("rq-votes-closed");
    await decide(t.db, r1, id, { decision: "reject", comment: "Not a supported category." });
    const e = await refused(vote(t.db, r2, id, { vote: 1 }));
    expect([e.code, e.status]).toEqual(["already-decided", 409]);
  });

  it("extends voting once by 3 days", async () => {
    const { id } = await classicCase("rq-extend");
    const before = (await t.db.reviewRequest.findUniqueOrThrow({ where: { id } })).createdAt;
    const { closesAt } = await extendVoting(t.db, r1, id);
    expect(Math.round((closesAt.getTime() - before.getTime()) / 86_400_000)).toBe(10);
    expect((await refused(extendVoting(t.db, r2, id))).code).toBe("voting-already-extended");
    expect((await refused(extendVoting(t.db, pub, id))).code).toBe("forbidden");
  });
});

describe("decisions", () => {
  it("refuses a reject without a comment, an approve before the tally passes, the wrong roles, the interested parties", async () => {
    const { id } = await classicCase("rq-refusals");
    let e = await refused(decide(t.db, r1, id, { decision: "reject" }));
    expect([e.code, e.status]).toEqual(["comment-required", 400]);
    e = await refused(decide(t.db, r1, id, { decision: "reject", comment: "   " }));
    expect(e.code).toBe("comment-required");
    e = await refused(decide(t.db, r1, id, { decision: "needs-info" }));
    expect(e.code).toBe("comment-required");
    e = await refused(decide(t.db, r1, id, { decision: "approve" }));
    expect([e.code, e.status]).toEqual(["tally-not-passing", 409]);
    await vote(t.db, r1, id, { vote: 1 });
    e = await refused(decide(t.db, r2, id, { decision: "approve" }));
    expect(e.code).toBe("tally-not-passing");
    // a reviewer cannot override; an admin without a reason cannot either
    e = await refused(decide(t.db, r2, id, { decision: "approve", override: "I know better than the others." }));
    expect(e.code).toBe("tally-not-passing");
    e = await refused(decide(t.db, admin, id, { decision: "approve" }));
    expect(e.code).toBe("tally-not-passing");
    expect(e.message).toContain("override");
    for (const who of [user, pub, pub2]) {
      e = await refused(decide(t.db, who, id, { decision: "reject", comment: "no" }));
      expect([e.code, e.status]).toEqual(["forbidden", 403]);
    }
    expect(await status(id)).toBe("pending");
    expect(await t.db.auditLog.count({ where: { targetId: id, action: "request.decide" } })).toBe(0);
  });

  it("classic: two votes, approval grants classic and releases the waiting revision in the same decision; timeline and notifications", async () => {
    const { snap, rev, id } = await classicCase("rq-classic");
    await vote(t.db, r1, id, { vote: 1, comment: "Compiler: fits." });
    await vote(t.db, r2, id, { vote: 1 });
    const q = await listQueue(t.db, r3, { q: "rq-classic" });
    expect(q.items.find((i) => i.id === id)).toMatchObject({ kind: "classic", verdict: "passes", votes: { for: 2 } });
    const res = await decide(t.db, r3, id, { decision: "approve" });
    expect(res).toMatchObject({ status: "approved", rereview: [{ revision: rev.revision, to: "ready_to_release" }] });
    expect((await t.db.snap.findUniqueOrThrow({ where: { id: snap.id } })).classicGranted).toBe(true);
    expect((await t.db.revision.findUniqueOrThrow({ where: { id: rev.id } })).status).toBe("ready_to_release");
    const released = await releaseRevision(t.db, pub, "rq-classic", { revision: rev.revision, channels: ["stable"] });
    expect(released).toBeTruthy();
    // a decision on a decided item
    const e = await refused(decide(t.db, r1, id, { decision: "reject", comment: "changed my mind" }));
    expect([e.code, e.status]).toEqual(["already-decided", 409]);
    const item = await getItem(t.db, r1, id);
    expect(item.history.map((h) => h.action)).toEqual(["request.create", "request.vote", "request.vote", "request.decide"]);
    expect(item.decidedBy).toBeTruthy();
    const notes = await listNotifications(t.db, pub);
    const mine = notes.filter((n) => n.requestId === id).map((n) => n.kind);
    expect(mine.sort()).toEqual(["approve", "vote", "vote"]);
    expect(await unreadNotificationCount(t.db, pub)).toBeGreaterThanOrEqual(3);
    await markNotificationsRead(t.db, pub, notes[0].id);
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: notes[0].id } })).readAt).not.toBeNull();
    expect((await refused(markNotificationsRead(t.db, pub2, notes[1].id))).code).toBe("notification-not-found");
    await markNotificationsRead(t.db, pub);
    expect(await unreadNotificationCount(t.db, pub)).toBe(0);
  });

  it("an admin may approve before the tally passes with a written reason, shown on the item", async () => {
    const { id } = await classicCase("rq-override");
    await decide(t.db, admin, id, { decision: "approve", override: "Security team vetted this toolchain." });
    const item = await getItem(t.db, r1, id);
    expect(item).toMatchObject({ status: "approved", overrideReason: "Security team vetted this toolchain." });
  });

  it("interface installation: the declaration gains a revision with allow-installation merged, the waiting revision is released", async () => {
    const s = await registered(t.db, pub, "rq-control");
    const rev = await addRevision(t.db, s.id, pub, {
      status: "need_manual_review",
      snapYaml: controlYaml("rq-control"),
      plugs: { "snapd-control": "snapd-control" },
    });
    // an existing grant must survive the merge
    await t.db.snapDeclaration.create({ data: { snapId: s.id, revision: 0, plugs: {}, slots: {}, body: "x" } });
    const { id } = await createRequest(t.db, pub, "rq-control", { type: "installation", interface: "snapd-control", reasoning: REASON });
    const cam = await createRequest(t.db, pub, "rq-control", { type: "connection", interface: "snapd-control", reasoning: REASON });
    await vote(t.db, r1, cam.id, { vote: 1 });
    await vote(t.db, r2, cam.id, { vote: 1 });
    expect((await decide(t.db, r3, cam.id, { decision: "approve" })).declarationRevision).toBe(1);
    await vote(t.db, r1, id, { vote: 1 });
    await vote(t.db, r2, id, { vote: 1 });
    await vote(t.db, r3, id, { vote: -1 });
    const res = await decide(t.db, admin, id, { decision: "approve" });
    expect(res.declarationRevision).toBe(2);
    const decl = await t.db.snapDeclaration.findFirstOrThrow({ where: { snapId: s.id }, orderBy: { revision: "desc" } });
    expect(decl.plugs).toEqual({ "snapd-control": { "allow-connection": true, "allow-installation": true } });
    expect(decl.body).toMatch(/^type: snap-declaration$/m);
    expect(decl.body).toMatch(/allow-installation: true/);
    expect((await t.db.revision.findUniqueOrThrow({ where: { id: rev.id } })).status).toBe("ready_to_release");

    // an admin revokes it: a new declaration revision without the grant, recorded
    expect((await refused(revokeGrant(t.db, r1, "rq-control", { grant: "installation:snapd-control", reason: "Abused the interface." }))).code).toBe(
      "forbidden",
    );
    expect((await refused(revokeGrant(t.db, pub, "rq-control", { grant: "installation:snapd-control", reason: "Abused the interface." }))).code).toBe(
      "forbidden",
    );
    const rv = await revokeGrant(t.db, admin, "rq-control", { grant: "installation:snapd-control", reason: "Abused the interface." });
    expect(rv.declarationRevision).toBe(3);
    const after = await t.db.snapDeclaration.findFirstOrThrow({ where: { snapId: s.id }, orderBy: { revision: "desc" } });
    expect(after.plugs).toEqual({ "snapd-control": { "allow-connection": true } });
    expect(await t.db.auditLog.count({ where: { action: "snap.revoke", targetId: s.id } })).toBe(1);
    expect((await refused(revokeGrant(t.db, admin, "rq-control", { grant: "installation:snapd-control", reason: "Again, twice over." }))).code).toBe(
      "grant-not-found",
    );
  });

  it("camera auto-connection: the served snap-declaration gains a revision with allow-auto-connection", async () => {
    const s = await registered(t.db, pub, "rq-camera");
    await addRevision(t.db, s.id, pub, { plugs: { camera: "camera" } });
    const before = await findAssertion(t.db, "snap-declaration", ["16", s.snapId]);
    expect(before).not.toMatch(/^revision: /m); // revision 0 is left out, as snapd does
    const { id } = await createRequest(t.db, pub, "rq-camera", { type: "auto-connection", interface: "camera", reasoning: REASON });
    await vote(t.db, r1, id, { vote: 1 });
    await vote(t.db, r2, id, { vote: 1 });
    expect((await decide(t.db, r3, id, { decision: "approve" })).declarationRevision).toBe(1);
    const served = await findAssertion(t.db, "snap-declaration", ["16", s.snapId]);
    expect(served).toMatch(/^revision: 1$/m);
    expect(served).toMatch(/^plugs:\n {2}camera:\n {4}allow-auto-connection: true$/m);
  });

  it("revoking classic: the snap's classic revisions are no longer releasable", async () => {
    const { rev, id } = await classicCase("rq-revoke-classic");
    await decide(t.db, admin, id, { decision: "approve", override: "Vetted by the security team." });
    await revokeGrant(t.db, admin, "rq-revoke-classic", { grant: "classic", reason: "Misuse of classic confinement." });
    const e = await refused(releaseRevision(t.db, pub, "rq-revoke-classic", { revision: rev.revision, channels: ["stable"] }));
    expect(e.code).toBe("classic-not-granted");
    expect((await refused(revokeGrant(t.db, admin, "rq-revoke-classic", { grant: "classic", reason: "Misuse of classic confinement." }))).code).toBe(
      "grant-not-found",
    );
  });

  it("flagged revision: approve -> ready_to_release; reject -> rejected with the reviewer's comment", async () => {
    const s = await registered(t.db, pub, "rq-flagged");
    const a = await addRevision(t.db, s.id, pub, { status: "need_manual_review" });
    const ra = await t.db.reviewRequest.create({ data: { snapId: s.id, revisionId: a.id, type: "revision", reasoning: "flagged", requesterId: pub.id } });
    await decide(t.db, admin, ra.id, { decision: "approve", override: "Checked the flagged files by hand." });
    expect((await t.db.revision.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("ready_to_release");
    const b = await addRevision(t.db, s.id, pub, { status: "need_manual_review" });
    const rb = await t.db.reviewRequest.create({ data: { snapId: s.id, revisionId: b.id, type: "revision", reasoning: "flagged", requesterId: pub.id } });
    await decide(t.db, r1, rb.id, { decision: "reject", comment: "Ships a setuid binary." });
    const rejected = await t.db.revision.findUniqueOrThrow({ where: { id: b.id } });
    expect(rejected.status).toBe("rejected");
    expect(JSON.stringify(rejected.errors)).toContain("Ships a setuid binary.");
  });

  it("reserved name: approval makes the name the publisher's; rejection frees nothing", async () => {
    await t.db.reservedName.createMany({
      data: [
        { name: "rq-reserved", reason: "trademark" },
        { name: "rq-reserved-no", reason: "trademark" },
      ],
    });
    const a = await registered(t.db, pub, "rq-reserved");
    const b = await registered(t.db, pub, "rq-reserved-no");
    const ra = await t.db.reviewRequest.findFirstOrThrow({ where: { snapId: a.id, type: "name" } });
    const rb = await t.db.reviewRequest.findFirstOrThrow({ where: { snapId: b.id, type: "name" } });
    await vote(t.db, r1, ra.id, { vote: 1 });
    await vote(t.db, r2, ra.id, { vote: 1 });
    await decide(t.db, r3, ra.id, { decision: "approve" });
    await decide(t.db, r3, rb.id, { decision: "reject", comment: "The trademark holder objects." });
    expect((await t.db.snap.findUniqueOrThrow({ where: { id: a.id } })).nameStatus).toBe("active");
    const rej = await t.db.snap.findUniqueOrThrow({ where: { id: b.id } });
    expect([rej.nameStatus, rej.ownerId]).toEqual(["rejected", b.ownerId]);
  });

  it("needs-info until the publisher answers in the thread, then back to pending", async () => {
    const { id } = await classicCase("rq-info");
    await decide(t.db, r1, id, { decision: "needs-info", comment: "Which headers does it need?" });
    expect(await status(id)).toBe("needs_info");
    expect((await listQueue(t.db, r1, { status: "needs_info" })).items.map((i) => i.id)).toContain(id);
    // a reviewer's comment does not reopen it; the publisher's answer does
    await addComment(t.db, r2, id, { body: "Following." });
    expect(await status(id)).toBe("needs_info");
    await addComment(t.db, pub, id, { body: "/usr/include and the host's gcc." });
    expect(await status(id)).toBe("pending");
    const kinds = (await listNotifications(t.db, pub)).filter((n) => n.requestId === id).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(["needs-info", "reply"]));
  });

  it("a withdrawal that supersedes a waiting revision marks its open items outdated", async () => {
    const s = await registered(t.db, pub, "rq-outdated");
    const a = await addRevision(t.db, s.id, pub, { status: "need_manual_review" });
    const flagged = await t.db.reviewRequest.create({ data: { snapId: s.id, revisionId: a.id, type: "revision", reasoning: "flagged", requesterId: pub.id } });
    const other = await t.db.reviewRequest.create({
      data: { snapId: s.id, revisionId: a.id, type: "auto_connection", interface: "camera", reasoning: REASON, requesterId: pub.id, status: "needs_info" },
    });
    await withdrawRevision(t.db, pub, "rq-outdated", a.revision);
    expect(await status(flagged.id)).toBe("withdrawn");
    expect(await status(other.id)).toBe("outdated");
    expect((await refused(vote(t.db, r1, other.id, { vote: 1 }))).code).toBe("already-decided");
  });

  it("two decisions at the same moment: exactly one wins, the other is 409 already-decided, one set of effects", async () => {
    const { snap, id } = await classicCase("rq-race");
    await vote(t.db, r1, id, { vote: 1 });
    await vote(t.db, r2, id, { vote: 1 });
    const outcomes = await Promise.allSettled([
      decide(t.db, r3, id, { decision: "approve" }),
      decide(t.db, admin, id, { decision: "reject", comment: "Not a supported category." }),
    ]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o) => o.status === "rejected") as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(AppError);
    expect([(lost[0].reason as AppError).code, (lost[0].reason as AppError).status]).toEqual(["already-decided", 409]);
    expect(await t.db.auditLog.count({ where: { targetId: id, action: "request.decide" } })).toBe(1);
    const final = await status(id);
    expect((await t.db.snap.findUniqueOrThrow({ where: { id: snap.id } })).classicGranted).toBe(final === "approved");
  });
});

describe("queue and item", () => {
  it("filters, searches, paginates oldest first, counts open items per kind; wrong roles refused", async () => {
    const all = await listQueue(t.db, r1, { perPage: 200 });
    const created = all.items.map((i) => i.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(all.items.every((i) => i.status === "pending" || i.status === "needs-info")).toBe(true);
    const classic = all.kinds.find((k) => k.kind === "classic");
    expect(classic?.count).toBe(all.items.filter((i) => i.kind === "classic").length);
    const p1 = await listQueue(t.db, r1, { perPage: 1, page: 1 });
    const p2 = await listQueue(t.db, r1, { perPage: 1, page: 2 });
    expect(p1.total).toBe(all.total);
    expect(p1.items[0].id).not.toBe(p2.items[0]?.id);
    expect((await listQueue(t.db, r1, { kind: "name", status: "approved" })).items.every((i) => i.kind === "name" && i.status === "approved")).toBe(true);
    expect((await listQueue(t.db, r1, { q: "rq-extend" })).items.map((i) => `${i.snap} ${i.kind}`)).toEqual(["rq-extend revision", "rq-extend classic"]);
    for (const who of [user, pub]) {
      expect((await refused(listQueue(t.db, who))).code).toBe("forbidden");
      expect((await refused(getItem(t.db, who, all.items[0].id))).code).toBe("forbidden");
    }
  });

  it("queue items carry the revision, publisher, requester and votes; equal filing times are ordered by id; totals follow the filters", async () => {
    const s = await registered(t.db, pub, "rq-fields");
    const rev = await addRevision(t.db, s.id, pub, { status: "need_manual_review" });
    const at = new Date("2020-01-01T00:00:00.000Z"); // older than every other item: first in the queue
    const mk = (type: "revision" | "classic", extra: object) =>
      t.db.reviewRequest.create({ data: { snapId: s.id, type, reasoning: "fields", requesterId: pub.id, createdAt: at, ...extra } });
    const a = await mk("revision", { revisionId: rev.id });
    const b = await mk("classic", { votingExtended: true, status: "needs_info" });
    await vote(t.db, r1, a.id, { vote: 1 });
    await vote(t.db, r2, a.id, { vote: -1 });
    await vote(t.db, r3, a.id, { vote: 0 });
    const now = new Date();
    const page = await listQueue(t.db, r1, { perPage: 2 }, now);
    expect(page.items.map((i) => i.id)).toEqual([a.id, b.id].sort());
    const owner = await t.db.account.findUniqueOrThrow({ where: { id: s.ownerId } });
    const requester = await t.db.user.findUniqueOrThrow({ where: { id: pub.id } });
    const days = votingDays();
    const stateA = votingState({
      votes: [r1, r2, r3].map((r, i) => ({ voter: r.id, value: [1, -1, 0][i] as VoteValue })),
      requester: pub.id,
      openedAt: at,
      extended: false,
      now,
      periodDays: days,
    });
    const stateB = votingState({ votes: [], requester: pub.id, openedAt: at, extended: true, now, periodDays: days });
    const common = {
      snap: "rq-fields",
      interface: null,
      publisher: { username: owner.username, displayName: owner.displayName, validation: owner.validation },
      requester: requester.name ?? requester.email,
      createdAt: at,
      ageDays: Math.floor((now.getTime() - at.getTime()) / 86_400_000),
    };
    expect(page.items.find((i) => i.id === a.id)).toEqual({
      ...common,
      id: a.id,
      kind: "revision",
      status: "pending",
      revision: rev.revision,
      votes: { for: 1, against: 1, abstain: 1 },
      verdict: stateA.verdict,
      closesAt: stateA.closesAt,
    });
    expect(page.items.find((i) => i.id === b.id)).toEqual({
      ...common,
      id: b.id,
      kind: "classic",
      status: "needs-info",
      revision: null,
      votes: { for: 0, against: 0, abstain: 0 },
      verdict: stateB.verdict,
      closesAt: stateB.closesAt,
    });
    const open = { status: { in: ["pending" as const, "needs_info" as const] } };
    const totals: [Parameters<typeof listQueue>[2], object][] = [
      [{}, open],
      [{ kind: "classic" }, { ...open, type: "classic" }],
      [{ status: "needs_info" }, { status: "needs_info" }],
      [
        { status: "approved", kind: "classic" },
        { status: "approved", type: "classic" },
      ],
      [{ q: "rq-fields" }, { ...open, snapId: s.id }],
      [
        { q: "rq-fields", status: "withdrawn" },
        { status: "withdrawn", snapId: s.id },
      ],
    ];
    for (const [query, where] of totals) expect([query, (await listQueue(t.db, r1, query)).total]).toEqual([query, await t.db.reviewRequest.count({ where })]);
    await t.db.reviewRequest.deleteMany({ where: { snapId: s.id } });
  });

  it("waitingReview: the waiting revision, since when, and the open requests it waits for (its own and the snap's)", async () => {
    const s = await registered(t.db, pub, "rq-waiting");
    expect(await waitingReview(t.db, s.id)).toBeNull();
    const old = await addRevision(t.db, s.id, pub, { status: "ready_to_release" });
    const rev = await addRevision(t.db, s.id, pub, { status: "need_manual_review" });
    const mk = (type: "revision" | "classic" | "auto_connection", extra: object = {}) =>
      t.db.reviewRequest.create({ data: { snapId: s.id, type, reasoning: "waiting", requesterId: pub.id, ...extra } });
    const own = await mk("revision", { revisionId: rev.id, createdAt: new Date("2030-01-01T00:00:00Z") });
    const classic = await mk("classic", { status: "needs_info", createdAt: new Date("2029-01-01T00:00:00Z") });
    await mk("auto_connection", { interface: "camera", status: "rejected" }); // decided: not waited for
    await mk("revision", { revisionId: old.id }); // another revision's
    const processedAt = new Date("2028-06-01T10:00:00Z");
    await t.db.revision.update({ where: { id: rev.id }, data: { processedAt } });
    expect(await waitingReview(t.db, s.id)).toEqual({
      revision: rev.revision,
      since: processedAt,
      requests: [
        { id: classic.id, type: "classic", interface: null },
        { id: own.id, type: "revision", interface: null },
      ],
    });
    await t.db.reviewRequest.deleteMany({ where: { snapId: s.id } });
  });

  it("the item: plugs with the policy's verdict, diffs against the previous and the stable revision", async () => {
    const s = await registered(t.db, pub, "rq-item");
    const first = await addRevision(t.db, s.id, pub, { plugs: { network: "network" } });
    await releaseRevision(t.db, pub, "rq-item", { revision: first.revision, channels: ["stable"] });
    await addRevision(t.db, s.id, pub, { plugs: { network: "network", home: "home" } });
    await addRevision(t.db, s.id, pub, { plugs: { home: "home", cam: "camera" } });
    const { id } = await createRequest(t.db, pub, "rq-item", { type: "auto-connection", interface: "camera", reasoning: REASON });
    const item = await getItem(t.db, r1, id);
    expect(item.revision?.revision).toBe(3);
    expect(item.plugs.find((p) => p.interface === "camera")).toMatchObject({ autoConnects: false, needsRequest: "auto-connection" });
    expect(item.diffPrevious?.lines).toEqual(["+ plug cam (camera)", "- plug network"]);
    expect(item.diffStable?.lines).toEqual(["+ plug cam (camera)", "+ plug home", "- plug network"]);
    expect(item.otherSnaps.map((o) => o.name)).toContain("rq-classic");
    expect(item.mayVote).toBe(true);
  });

  it("stats: opened and decided per week, median time to decision", async () => {
    const st = await reviewStats(t.db, 4);
    expect(st.weeks).toHaveLength(4);
    const thisWeek = st.weeks[st.weeks.length - 1];
    expect(thisWeek.opened).toBe(await t.db.reviewRequest.count());
    expect(thisWeek.decided).toBe(await t.db.reviewRequest.count({ where: { status: { in: ["approved", "rejected"] }, decidedAt: { not: null } } }));
    expect(st.medianHoursToDecision).not.toBeNull();
    expect(st.medianHoursByKind.classic).not.toBeUndefined();
  });

  it("stats: exact weekly counts on the week boundaries (UTC Mondays) and medians per kind (odd and even counts)", async () => {
    // A fixed week far from the other tests' items: Wednesday 2030-06-12, 3 weeks from Monday 2030-05-27.
    const now = new Date("2030-06-12T12:00:00.000Z");
    const s = await registered(t.db, pub, "rq-stats");
    const at = (iso: string) => new Date(iso);
    const H = 3_600_000;
    const row = (type: "classic" | "name", status: "approved" | "rejected" | "withdrawn" | "outdated", created: string, decidedAfterMs?: number) => ({
      snapId: s.id,
      type,
      status,
      reasoning: "stats",
      requesterId: pub.id,
      createdAt: at(created),
      decidedAt: decidedAfterMs === undefined ? null : new Date(at(created).getTime() + decidedAfterMs),
    });
    await t.db.reviewRequest.createMany({
      data: [
        row("classic", "approved", "2030-06-03T00:00:00.000Z", 1 * H), // week 1, 1 h
        row("classic", "approved", "2030-05-23T00:00:00.000Z", 3 * H), // before the first Monday: median only, 3 h
        row("classic", "rejected", "2030-06-10T00:00:00.000Z", 10 * H), // week 2, 10 h
        row("name", "approved", "2030-06-11T00:00:00.000Z", 2 * H + 1), // week 2, 2 h + 1 ms
        row("name", "approved", "2030-06-04T00:00:00.000Z", 5 * H), // week 1, 5 h
        row("name", "withdrawn", "2030-06-05T00:00:00.000Z", 1 * H), // opened week 1, never "decided"
        row("name", "outdated", "2030-05-27T00:00:00.000Z"), // opened on the first boundary: week 0
        row("name", "outdated", "2030-06-02T23:59:59.999Z"), // week 0
        row("name", "outdated", "2030-06-12T11:00:00.000Z"), // week 2
        row("name", "outdated", "2030-06-17T00:00:00.000Z"), // next week: not in the table
        row("name", "outdated", "2030-05-26T23:59:59.999Z"), // before the first Monday
      ],
    });
    const st = await reviewStats(t.db, 3, now);
    expect(st.weeks).toEqual([
      { week: "2030-05-27", opened: 2, decided: 0 },
      { week: "2030-06-03", opened: 3, decided: 2 },
      { week: "2030-06-10", opened: 3, decided: 2 },
    ]);
    expect(st.medianHoursToDecision).toBe(3);
    expect(st.medianHoursByKind).toEqual({ classic: 3, name: ((2 * H + 1) / H + 5) / 2 });
    await t.db.reviewRequest.deleteMany({ where: { snapId: s.id } });
  });
});
