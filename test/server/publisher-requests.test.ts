import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { addComment, createRequest, listRequests } from "@/lib/server/requests";
import { rereviewWaitingRevisions } from "@/lib/server/rereview";
import { CLASSIC_ACKNOWLEDGEMENTS, createRequestSchema } from "@/lib/schemas/requests";
import type { Actor } from "@/lib/server/ownership";
import { addRevision, makeActor, registered } from "./publisher-helpers";
import { refused } from "@/test/support/refusal";

let t: TestDb;
let pub: Actor;
let pub2: Actor;
let reviewer: Actor;
let user: Actor;

beforeAll(async () => {
  t = await createTestDb();
  pub = await makeActor(t.db, "publisher");
  pub2 = await makeActor(t.db, "publisher", "other");
  reviewer = await makeActor(t.db, "reviewer");
  user = await makeActor(t.db, "user");
});
afterAll(() => t.cleanup());

const REASON = "It is a compiler toolchain that needs the host's headers and libraries.";
const ACKS = CLASSIC_ACKNOWLEDGEMENTS.map((a) => a.id);

describe("request input schema", () => {
  it("needs a supported category for classic and an interface otherwise", () => {
    expect(createRequestSchema.safeParse({ type: "classic", reasoning: REASON }).success).toBe(false);
    expect(createRequestSchema.safeParse({ type: "classic", reasoning: REASON, category: "strict-is-hard" }).success).toBe(false);
    expect(createRequestSchema.safeParse({ type: "classic", reasoning: "too short", category: "compilers" }).success).toBe(false);
    expect(createRequestSchema.safeParse({ type: "classic", reasoning: REASON, category: "compilers" }).success).toBe(true);
    expect(createRequestSchema.safeParse({ type: "auto-connection", reasoning: REASON }).success).toBe(false);
  });
});

describe("store requests", () => {
  it("refuses a classic request without every acknowledgement, and writes nothing", async () => {
    const s = await registered(t.db, pub, "req-classic-acks");
    const audited = () => t.db.auditLog.count({ where: { action: "request.create" } });
    const before = await audited();
    for (const acknowledgements of [undefined, [], ACKS.slice(1), ["read the classic policy"]]) {
      const e = await refused(createRequest(t.db, pub, "req-classic-acks", { type: "classic", reasoning: REASON, category: "compilers", acknowledgements }));
      expect([e.code, e.status]).toEqual(["acknowledgements-missing", 400]);
      expect(e.message).toContain("read-policy");
      expect(e.details).toMatchObject({ missing: expect.arrayContaining([expect.objectContaining({ id: "read-policy" })]) });
    }
    expect(await t.db.reviewRequest.count({ where: { snapId: s.id } })).toBe(0);
    expect(await audited()).toBe(before);
  });

  it("creates a classic request (also ahead of a classic upload), refuses a duplicate", async () => {
    await registered(t.db, pub, "req-classic");
    const r = await createRequest(t.db, pub, "req-classic", { type: "classic", reasoning: REASON, category: "compilers", acknowledgements: ACKS });
    expect(r.status).toBe("pending");
    const row = await t.db.reviewRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ type: "classic", category: "compilers", requesterId: pub.id });
    expect(row.votingEndsAt!.getTime() - row.createdAt.getTime()).toBeGreaterThan(6.9 * 86400_000);
    const e = await refused(createRequest(t.db, pub, "req-classic", { type: "classic", reasoning: REASON, category: "compilers", acknowledgements: ACKS }));
    expect([e.code, e.status]).toEqual(["request-exists", 409]);
  });

  it("interface requests need a plug of an uploaded revision", async () => {
    const s = await registered(t.db, pub, "req-iface");
    let e = await refused(createRequest(t.db, pub, "req-iface", { type: "auto-connection", interface: "camera", reasoning: REASON }));
    expect([e.code, e.status]).toEqual(["unknown-plug", 400]);
    await addRevision(t.db, s.id, pub, { plugs: { camera: "camera", webcam: "camera" } });
    e = await refused(createRequest(t.db, pub, "req-iface", { type: "auto-connection", interface: "snapd-control", reasoning: REASON }));
    expect(e.code).toBe("unknown-plug");
    expect(e.message).toContain("webcam (camera)");
    const r = await createRequest(t.db, pub, "req-iface", { type: "auto-connection", interface: "camera", plug: "webcam", reasoning: REASON });
    expect(await t.db.reviewRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ type: "auto_connection", interface: "camera", plug: "webcam" });
    e = await refused(createRequest(t.db, pub, "req-iface", { type: "auto-connection", interface: "camera", reasoning: REASON }));
    expect(e.code).toBe("request-exists");
    // a different type for the same interface is fine
    await expect(createRequest(t.db, pub, "req-iface", { type: "connection", interface: "camera", reasoning: REASON })).resolves.toBeTruthy();
    expect((await refused(createRequest(t.db, pub2, "req-iface", { type: "connection", interface: "camera", reasoning: REASON }))).code).toBe("not-owner");
  });

  it("lists with votes and comments for the owner and reviewers; comments by owner or reviewer only", async () => {
    const list = await listRequests(t.db, pub, "req-iface");
    expect(list).toHaveLength(2);
    const id = list[0].id;
    await t.db.vote.create({ data: { requestId: id, voterId: reviewer.id, value: 1, comment: "fine" } });
    await addComment(t.db, pub, id, { body: "Thanks!" });
    await addComment(t.db, reviewer, id, { body: "Why a webcam?" });
    expect((await refused(addComment(t.db, pub2, id, { body: "me too" }))).code).toBe("not-owner");
    expect((await refused(addComment(t.db, user, id, { body: "me too" }))).status).toBe(403);
    expect((await refused(addComment(t.db, pub, "nope", { body: "x" }))).code).toBe("request-not-found");
    const seen = (await listRequests(t.db, reviewer, "req-iface")).find((r) => r.id === id)!;
    expect(seen.comments.map((c) => c.body)).toEqual(["Thanks!", "Why a webcam?"]);
    expect(seen.votes).toHaveLength(1);
    expect(seen.tally).toMatchObject({ for: 1, status: "needs-votes" });
    expect((await refused(listRequests(t.db, pub2, "req-iface"))).code).toBe("not-owner");
  });
});

describe("rereviewWaitingRevisions", () => {
  const classicYaml = (name: string) => `name: ${name}\nversion: '1.0'\nsummary: classic tool\ndescription: a classic tool\nconfinement: classic\n`;
  const controlYaml = (name: string) =>
    `name: ${name}\nversion: '1.0'\nsummary: control\ndescription: uses snapd-control\napps:\n  app:\n    command: bin/app\n    plugs: [snapd-control]\n`;

  it("releases a classic revision from manual review once classic is granted, using the stored snap.yaml", async () => {
    const s = await registered(t.db, pub, "rr-classic");
    const rev = await addRevision(t.db, s.id, pub, { status: "need_manual_review", confinement: "classic", snapYaml: classicYaml("rr-classic") });
    await t.db.reviewRequest.create({ data: { snapId: s.id, revisionId: rev.id, type: "revision", reasoning: "classic", requesterId: pub.id } });

    // nothing changed yet: still waiting, with a fresh report
    expect(await rereviewWaitingRevisions(t.db, s.id)).toEqual([{ revision: rev.revision, from: "need_manual_review", to: "need_manual_review" }]);
    expect((await t.db.revision.findUniqueOrThrow({ where: { id: rev.id } })).status).toBe("need_manual_review");

    await t.db.snap.update({ where: { id: s.id }, data: { classicGranted: true } });
    expect(await rereviewWaitingRevisions(t.db, s.id, reviewer.id)).toEqual([{ revision: rev.revision, from: "need_manual_review", to: "ready_to_release" }]);
    const after = await t.db.revision.findUniqueOrThrow({ where: { id: rev.id } });
    expect(after.status).toBe("ready_to_release");
    expect(after.errors).toEqual([]);
    const req = await t.db.reviewRequest.findFirstOrThrow({ where: { revisionId: rev.id } });
    expect(req).toMatchObject({ status: "approved", decidedById: reviewer.id });
  });

  it("passes a super-privileged plug once a snap-declaration allows installation", async () => {
    const s = await registered(t.db, pub, "rr-control");
    const rev = await addRevision(t.db, s.id, pub, { status: "need_manual_review", snapYaml: controlYaml("rr-control") });
    expect((await rereviewWaitingRevisions(t.db, s.id))[0].to).toBe("need_manual_review");
    await t.db.snapDeclaration.create({
      data: { snapId: s.id, revision: 1, plugs: { "snapd-control": { "allow-installation": true } }, slots: {}, body: "type: snap-declaration\n" },
    });
    expect((await rereviewWaitingRevisions(t.db, s.id))[0].to).toBe("ready_to_release");
    expect((await t.db.revision.findUniqueOrThrow({ where: { id: rev.id } })).status).toBe("ready_to_release");
  });
});
