// The reviewers' server actions (lib/actions/review.ts) through their one wrapper, authedAction:
// every one refuses an anonymous caller, a user and a publisher before touching anything, and
// lets a reviewer through. The session is the only stand-in: getServerSession returns the claims
// a signed-in cookie would carry; the user, its role and session version are read from the real
// database as in production (lib/auth/session.currentUserOfSession).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/ownership";
import { createTestDb, type TestDb } from "@/test/support/db";
import { makeActor, registered } from "./publisher-helpers";

const session = vi.hoisted(() => ({ claims: null as null | { id: string; sv: number } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.claims ? { user: session.claims } : null),
}));
// Outside a Next request there is no cache to revalidate (reached only by allowed calls).
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { castVote, decideItem, extendItem } = await import("@/lib/actions/review");

let t: TestDb;
let pub: Actor;
let reviewer: Actor;
const people: Record<string, Actor | null> = {};
let requestId: string;

beforeAll(async () => {
  t = await createTestDb();
  pub = await makeActor(t.db, "publisher");
  reviewer = await makeActor(t.db, "reviewer", "rev-act");
  people.anonymous = null;
  people.user = await makeActor(t.db, "user");
  people.publisher = await makeActor(t.db, "publisher", "pub-other");
  const snap = await registered(t.db, pub, "ra-classic");
  requestId = (await t.db.reviewRequest.create({ data: { snapId: snap.id, type: "classic", reasoning: "A compiler toolchain.", requesterId: pub.id } })).id;
}, 120_000);
afterAll(() => t.cleanup());

async function signIn(who: Actor | null) {
  session.claims = who ? { id: who.id, sv: (await t.db.user.findUniqueOrThrow({ where: { id: who.id } })).sessionVersion } : null;
}

const ACTIONS: [string, (input: unknown) => Promise<{ ok: boolean; code?: string }>, () => unknown][] = [
  ["castVote", castVote, () => ({ requestId, vote: { vote: 1, comment: "fine" } })],
  ["decideItem", decideItem, () => ({ requestId, decision: { decision: "reject", comment: "no" } })],
  ["extendItem", extendItem, () => ({ requestId })],
];

describe("reviewer actions refuse other roles", () => {
  for (const [name, action, input] of ACTIONS) {
    it.each([
      ["anonymous", "unauthorized"],
      ["user", "forbidden"],
      ["publisher", "forbidden"],
    ])(`${name}: %s -> %s, nothing written`, async (who, code) => {
      await signIn(people[who]);
      expect(await action(input())).toMatchObject({ ok: false, code });
      // The wrapper refuses before it parses: an invalid input gets the same answer, not
      // invalid-input (the services check the role again; this pins the action's own check).
      expect(await action({})).toMatchObject({ ok: false, code });
      const req = await t.db.reviewRequest.findUniqueOrThrow({ where: { id: requestId }, include: { votes: true } });
      expect([req.status, req.votes.length, req.votingExtended]).toEqual(["pending", 0, false]);
      expect(await t.db.auditLog.count({ where: { targetId: requestId } })).toBe(0);
    });
  }

  it("a reviewer gets through each (vote, extend, then the decision)", async () => {
    await signIn(reviewer);
    expect(await castVote(ACTIONS[0][2]())).toMatchObject({ ok: true });
    expect(await extendItem(ACTIONS[2][2]())).toMatchObject({ ok: true });
    expect(await decideItem(ACTIONS[1][2]())).toMatchObject({ ok: true, data: { status: "rejected" } });
  });
});
