import "server-only";
// The reviewers' queue: open requests oldest first, votes, decisions that take effect in the same
// transaction (classic grant, snap-declaration grants, flagged revisions, reserved names), an
// admin's revocation of a grant, and the requester's notifications. Every state change is a
// conditional update on the status the caller saw, so two reviewers deciding at once give exactly
// one decision and one "already decided" (both databases); the audit entry and the notification
// are written in the same transaction.
import type { Db, Tx } from "@/lib/db/client";
import type { DeclarationInput } from "@/lib/assertions/declaration";
import { votingDaysFromEnv, votingPeriod, votingState, VOTING_EXTENSION_DAYS, type VoteValue, type VotingState } from "@/lib/review/tally";
import type { DecisionInput, QueueQuery, RevokeInput, VoteInput } from "@/lib/schemas/review";
import { OPEN_REQUEST_STATUSES, isOpenRequestStatus, requestStatusToApi, requestTypeToApi, type RequestStatus, type RequestType } from "@/lib/vocabulary";
import { describeDiff, diffRevisions, type DiffInfo } from "@/lib/review/diff";
import { explainPlug, explainSlot } from "@/lib/policy/explain";
import type { SnapMeta } from "@/lib/snap/snap-yaml";
import { audit } from "./audit";
import { issueSnapDeclaration } from "./assertions";
import { refusal } from "./explain";
import { isAdmin, isReviewer, type Actor } from "./ownership";
import { deleteRejectedBlobs, rereviewWaitingRevisionsInTx, type RereviewResult } from "./rereview";
import { currentDeclaration } from "./revisions";

const DAY_MS = 86_400_000;

export function requireReviewer(actor: Actor): void {
  if (!isReviewer(actor)) throw refusal("forbidden", { needs: ["reviewer"], role: actor.role });
}

/** The configured voting period (SNAPSTORE_VOTING_DAYS, default 7). */
export function votingDays(): number {
  return votingDaysFromEnv(process.env);
}

const who = (u: { name: string | null; email: string }) => u.name ?? u.email;

// ---------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------

/** One notification, inside the caller's transaction. */
export function notify(tx: Tx, userId: string, requestId: string | null, kind: string, text: string) {
  return tx.notification.create({ data: { userId, requestId, kind, text } });
}

export async function listNotifications(db: Db, actor: Actor, take = 100) {
  return db.notification.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take });
}

export function unreadNotificationCount(db: Db, actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.id, readAt: null } });
}

/** Marks one notification (or, without an id, all of them) read; only the actor's own. */
export async function markNotificationsRead(db: Db, actor: Actor, id?: string): Promise<number> {
  if (id) {
    const n = await db.notification.findFirst({ where: { id, userId: actor.id } });
    if (!n) throw refusal("notification-not-found", { id });
  }
  const res = await db.notification.updateMany({ where: { userId: actor.id, readAt: null, ...(id ? { id } : {}) }, data: { readAt: new Date() } });
  return res.count;
}

// ---------------------------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------------------------

export interface QueueItem {
  id: string;
  kind: string;
  status: string;
  snap: string;
  interface: string | null;
  revision: number | null;
  publisher: { username: string; displayName: string; validation: string };
  requester: string;
  createdAt: Date;
  ageDays: number;
  votes: { for: number; against: number; abstain: number };
  verdict: VotingState["verdict"];
  closesAt: Date;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  page: number;
  perPage: number;
  /** Open items per kind, with the age of the oldest (days). */
  kinds: { kind: string; count: number; oldestAt: Date | null; oldestAgeDays: number | null }[];
}

/** At most this many snaps / users match a search (bound on the query's parameters). */
const SEARCH_MAX_IDS = 500;

const ageDays = (from: Date, now: Date) => Math.floor((now.getTime() - from.getTime()) / DAY_MS);

/**
 * The queue: filtered by kind and status (default: open = pending + needs-info), searched by snap
 * name or publisher (username, display name) or requester email, oldest first, paginated on the
 * server; the per-kind counts cover every open item whatever the filters.
 */
// eslint-disable-next-line max-lines-per-function -- filters, search, page and per-kind counts are one read of the queue; each block is a few lines
export async function listQueue(db: Db, actor: Actor, query: Partial<QueueQuery> = {}, now = new Date()): Promise<QueuePage> {
  requireReviewer(actor);
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 50;
  const status = query.status && query.status !== "open" ? { status: query.status as RequestStatus } : { status: { in: [...OPEN_REQUEST_STATUSES] } };
  const q = query.q?.trim().toLowerCase();
  // Search resolves the matching snaps (name, publisher) and requesters first, then filters the
  // requests by those ids: indexed IN lists instead of an OR of joins over every open item.
  let search: { OR: ({ snapId: { in: string[] } } | { requesterId: { in: string[] } })[] } | null = null;
  if (q) {
    const [snaps, users] = await Promise.all([
      db.snap.findMany({
        where: { OR: [{ name: { contains: q } }, { owner: { username: { contains: q } } }, { owner: { displayName: { contains: q } } }] },
        select: { id: true },
        take: SEARCH_MAX_IDS,
      }),
      db.user.findMany({ where: { email: { contains: q } }, select: { id: true }, take: SEARCH_MAX_IDS }),
    ]);
    search = { OR: [{ snapId: { in: snaps.map((x) => x.id) } }, { requesterId: { in: users.map((x) => x.id) } }] };
  }
  const where = {
    ...status,
    ...(query.kind ? { type: query.kind as RequestType } : {}),
    ...(search ?? {}),
  };
  const [rows, total, groups] = await Promise.all([
    db.reviewRequest.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * perPage,
      take: perPage,
      select: {
        id: true,
        type: true,
        status: true,
        interface: true,
        requesterId: true,
        createdAt: true,
        votingExtended: true,
        revision: { select: { revision: true } },
        snap: { select: { name: true, owner: { select: { username: true, displayName: true, validation: true } } } },
        requester: { select: { name: true, email: true } },
        votes: { select: { voterId: true, value: true } },
      },
    }),
    db.reviewRequest.count({ where }),
    db.reviewRequest.groupBy({ by: ["type"], where: { status: { in: [...OPEN_REQUEST_STATUSES] } }, _count: { _all: true }, _min: { createdAt: true } }),
  ]);
  const days = votingDays();
  return {
    items: rows.map((r) => {
      const vs = votingState({
        votes: r.votes.map((v) => ({ voter: v.voterId, value: v.value as VoteValue })),
        requester: r.requesterId,
        openedAt: r.createdAt,
        extended: r.votingExtended,
        now,
        periodDays: days,
      });
      return {
        id: r.id,
        kind: requestTypeToApi(r.type),
        status: requestStatusToApi(r.status),
        snap: r.snap.name,
        interface: r.interface,
        revision: r.revision?.revision ?? null,
        publisher: r.snap.owner,
        requester: who(r.requester),
        createdAt: r.createdAt,
        ageDays: ageDays(r.createdAt, now),
        votes: { for: vs.tally.for, against: vs.tally.against, abstain: vs.tally.abstain },
        verdict: vs.verdict,
        closesAt: vs.closesAt,
      };
    }),
    total,
    page,
    perPage,
    kinds: groups
      .map((g) => ({
        kind: requestTypeToApi(g.type),
        count: g._count._all,
        oldestAt: g._min.createdAt ?? null,
        oldestAgeDays: g._min.createdAt ? ageDays(g._min.createdAt, now) : null,
      }))
      .sort((a, b) => a.kind.localeCompare(b.kind)),
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics: opened and decided per week, median time to decision
// ---------------------------------------------------------------------------------------------

export interface ReviewStats {
  weeks: { week: string; opened: number; decided: number }[];
  /** Median hours from filing to decision over the decided items of the period (null: none). */
  medianHoursToDecision: number | null;
  /** The same per kind. */
  medianHoursByKind: Record<string, number | null>;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Monday 00:00 UTC of the week of `d`, as YYYY-MM-DD. */
function weekOf(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
  return monday.toISOString().slice(0, 10);
}

/**
 * Items opened and decided per week over the last `weeks` weeks, and the median time to decision
 * (decided = approved or rejected by someone). Public to reviewers; the median per kind is also
 * what a publisher sees on a request.
 */
export async function reviewStats(db: Db, weeks = 12, now = new Date()): Promise<ReviewStats> {
  const since = new Date(now.getTime() - weeks * 7 * DAY_MS);
  const [opened, decided] = await Promise.all([
    db.reviewRequest.findMany({ where: { createdAt: { gte: since } }, select: { createdAt: true } }),
    db.reviewRequest.findMany({
      where: { decidedAt: { gte: since }, status: { in: ["approved", "rejected"] } },
      select: { type: true, createdAt: true, decidedAt: true },
    }),
  ]);
  const table = new Map<string, { opened: number; decided: number }>();
  for (let i = weeks - 1; i >= 0; i--) table.set(weekOf(new Date(now.getTime() - i * 7 * DAY_MS)), { opened: 0, decided: 0 });
  for (const o of opened) {
    const w = table.get(weekOf(o.createdAt));
    if (w) w.opened++;
  }
  const hours: number[] = [];
  const byKind = new Map<string, number[]>();
  for (const d of decided) {
    const w = table.get(weekOf(d.decidedAt!));
    if (w) w.decided++;
    const h = (d.decidedAt!.getTime() - d.createdAt.getTime()) / 3_600_000;
    hours.push(h);
    const k = requestTypeToApi(d.type);
    byKind.set(k, [...(byKind.get(k) ?? []), h]);
  }
  return {
    weeks: [...table].map(([week, v]) => ({ week, ...v })),
    medianHoursToDecision: median(hours),
    medianHoursByKind: Object.fromEntries([...byKind].map(([k, v]) => [k, median(v)])),
  };
}

// ---------------------------------------------------------------------------------------------
// Votes
// ---------------------------------------------------------------------------------------------

async function loadForReview(db: Tx, id: string) {
  const req = await db.reviewRequest.findUnique({
    where: { id },
    include: { snap: { include: { owner: true } }, votes: { select: { voterId: true, value: true } } },
  });
  if (!req) throw refusal("request-not-found", { id });
  return req;
}

type Loaded = Awaited<ReturnType<typeof loadForReview>>;

/** Neither the requester nor the snap's publisher may vote or decide on a request. */
function refuseInterested(actor: Actor, req: Loaded, action: "vote" | "decide"): void {
  if (req.requesterId === actor.id) throw refusal("requester-cannot-review", { id: req.id, action });
  if (req.snap.owner.userId === actor.id) throw refusal("publisher-cannot-review", { id: req.id, name: req.snap.name, action });
}

function refuseClosed(req: { id: string; status: string }): void {
  if (!isOpenRequestStatus(req.status)) throw refusal("already-decided", { id: req.id, status: req.status });
}

const signed = (v: number) => (v > 0 ? `+${v}` : String(v));

/**
 * A reviewer's vote (+1 / 0 / -1, optional comment). One per reviewer, changed by voting again
 * while the item is open. The requester and the snap's publisher are refused.
 */
export async function vote(db: Db, actor: Actor, id: string, input: VoteInput): Promise<{ id: string; vote: number; state: VotingState }> {
  requireReviewer(actor);
  const req = await loadForReview(db, id);
  refuseInterested(actor, req, "vote");
  refuseClosed(req);
  await db.$transaction(async (tx) => {
    // Touch the row only while it is open: serialises with a concurrent decision (a row lock on
    // PostgreSQL) so a vote never lands on a decided item.
    const open = await tx.reviewRequest.updateMany({ where: { id, status: { in: [...OPEN_REQUEST_STATUSES] } }, data: { updatedAt: new Date() } });
    if (open.count === 0) throw refusal("already-decided", { id, status: (await tx.reviewRequest.findUnique({ where: { id } }))?.status ?? "unknown" });
    const comment = input.comment?.trim() || null;
    await tx.vote.upsert({
      where: { requestId_voterId: { requestId: id, voterId: actor.id } },
      create: { requestId: id, voterId: actor.id, value: input.vote, comment },
      update: { value: input.vote, comment },
    });
    await audit(tx, { actorId: actor.id, action: "request.vote", targetType: "request", targetId: id, data: { vote: input.vote, comment } });
    await notify(tx, req.requesterId, id, "vote", `A reviewer voted ${signed(input.vote)} on your ${requestTypeToApi(req.type)} request for ${req.snap.name}.`);
  });
  const votes = await db.vote.findMany({ where: { requestId: id }, select: { voterId: true, value: true } });
  const state = votingState({
    votes: votes.map((v) => ({ voter: v.voterId, value: v.value as VoteValue })),
    requester: req.requesterId,
    openedAt: req.createdAt,
    extended: req.votingExtended,
    periodDays: votingDays(),
  });
  return { id, vote: input.vote, state };
}

/** Extends the voting period once by 3 days (reviewers). */
export async function extendVoting(db: Db, actor: Actor, id: string): Promise<{ closesAt: Date }> {
  requireReviewer(actor);
  const req = await loadForReview(db, id);
  refuseClosed(req);
  const closesAt = votingPeriod(req.createdAt, 1, votingDays()).closesAt;
  if (req.votingExtended) throw refusal("voting-already-extended", { id, closesAt: closesAt.toISOString() });
  await db.$transaction(async (tx) => {
    const res = await tx.reviewRequest.updateMany({
      where: { id, status: { in: [...OPEN_REQUEST_STATUSES] }, votingExtended: false },
      data: { votingExtended: true, votingEndsAt: closesAt },
    });
    if (res.count === 0) throw refusal("voting-already-extended", { id, closesAt: closesAt.toISOString() });
    await audit(tx, { actorId: actor.id, action: "request.extend-voting", targetType: "request", targetId: id, data: { days: VOTING_EXTENSION_DAYS } });
    await notify(tx, req.requesterId, id, "extended", `Voting on your ${requestTypeToApi(req.type)} request for ${req.snap.name} was extended by 3 days.`);
  });
  return { closesAt };
}

// ---------------------------------------------------------------------------------------------
// Decisions and their effects
// ---------------------------------------------------------------------------------------------

const ALLOW_KEY = { installation: "allow-installation", connection: "allow-connection", auto_connection: "allow-auto-connection" } as const;

/** The snap's current plug rules with `allow-<grant>: true` merged in for the interface. */
export function mergePlugGrant(current: DeclarationInput | undefined, iface: string, key: string): DeclarationInput {
  const plugs = { ...((current?.plugs ?? {}) as Record<string, unknown>) };
  const existing = plugs[iface];
  const rule = existing && typeof existing === "object" && !Array.isArray(existing) ? { ...(existing as Record<string, unknown>) } : {};
  rule[key] = true;
  plugs[iface] = rule;
  return { plugs, slots: (current?.slots ?? {}) as Record<string, unknown> };
}

/** The rules with `allow-<grant>` removed for the interface, or null when it was not granted. */
export function removePlugGrant(current: DeclarationInput | undefined, iface: string, key: string): DeclarationInput | null {
  const plugs = { ...((current?.plugs ?? {}) as Record<string, unknown>) };
  const existing = plugs[iface];
  if (!existing || typeof existing !== "object" || Array.isArray(existing) || (existing as Record<string, unknown>)[key] === undefined) return null;
  const rule = { ...(existing as Record<string, unknown>) };
  delete rule[key];
  if (Object.keys(rule).length) plugs[iface] = rule;
  else delete plugs[iface];
  return { plugs, slots: (current?.slots ?? {}) as Record<string, unknown> };
}

export interface DecisionResult {
  id: string;
  status: string;
  declarationRevision?: number;
  rereview?: RereviewResult["changes"];
}

/** What an approval or rejection does to the store, inside the decision's transaction. */
async function applyEffects(
  tx: Tx,
  req: Loaded,
  approve: boolean,
  actor: Actor,
  comment: string | null,
): Promise<Omit<DecisionResult, "id" | "status"> & { rejected: RereviewResult["rejected"] }> {
  const out: Omit<DecisionResult, "id" | "status"> & { rejected: RereviewResult["rejected"] } = { rejected: [] };
  switch (req.type) {
    case "classic":
      if (!approve) return out;
      await tx.snap.update({ where: { id: req.snapId }, data: { classicGranted: true } });
      break;
    case "installation":
    case "connection":
    case "auto_connection": {
      if (!approve || !req.interface) return out;
      const rules = mergePlugGrant(await currentDeclaration(tx, req.snapId), req.interface, ALLOW_KEY[req.type]);
      out.declarationRevision = (await issueSnapDeclaration(tx, req.snapId, rules, actor.id)).revision;
      break;
    }
    case "revision": {
      if (!req.revisionId) return out;
      const rev = await tx.revision.findUnique({ where: { id: req.revisionId }, select: { errors: true, sha3_384: true, id: true } });
      const res = await tx.revision.updateMany({
        where: { id: req.revisionId, status: "need_manual_review" },
        data: approve
          ? { status: "ready_to_release" }
          : {
              status: "rejected",
              errors: [
                ...((Array.isArray(rev?.errors) ? rev.errors : []) as object[]),
                { code: "rejected-by-reviewer", message: `Rejected by a reviewer: ${comment}` },
              ],
            },
      });
      if (res.count && !approve && rev) out.rejected.push({ id: rev.id, sha3_384: rev.sha3_384 });
      return out;
    }
    case "name":
      await tx.snap.updateMany({ where: { id: req.snapId, nameStatus: "pending_review" }, data: { nameStatus: approve ? "active" : "rejected" } });
      return out;
    default:
      return out;
  }
  const rr = await rereviewWaitingRevisionsInTx(tx, req.snapId, actor.id);
  out.rereview = rr.changes;
  out.rejected.push(...rr.rejected);
  return out;
}

/**
 * A reviewer's decision. approve: only when the tally passes, unless an admin overrides with a
 * written reason; reject: a comment is required; needs-info: a comment (the question) is required,
 * the item waits for the publisher's reply in the thread. The status change is conditional on the
 * status read here: a concurrent decision makes this one 409 already-decided and nothing of it is
 * written. The effects, the audit entry and the requester's notification commit with it.
 */
export async function decide(db: Db, actor: Actor, id: string, input: DecisionInput, now = new Date()): Promise<DecisionResult> {
  requireReviewer(actor);
  const req = await loadForReview(db, id);
  refuseInterested(actor, req, "decide");
  refuseClosed(req);
  const comment = input.comment?.trim() || null;
  if ((input.decision === "reject" || input.decision === "needs-info") && !comment) throw refusal("comment-required", { decision: input.decision });
  let override: string | null = null;
  if (input.decision === "approve") {
    const vs = votingState({
      votes: req.votes.map((v) => ({ voter: v.voterId, value: v.value as VoteValue })),
      requester: req.requesterId,
      openedAt: req.createdAt,
      extended: req.votingExtended,
      now,
      periodDays: votingDays(),
    });
    if (!vs.tally.passes) {
      if (!isAdmin(actor) || !input.override) throw refusal("tally-not-passing", { id, for: vs.tally.for, against: vs.tally.against, admin: isAdmin(actor) });
      override = input.override.trim();
    }
  }
  const to: RequestStatus = input.decision === "approve" ? "approved" : input.decision === "reject" ? "rejected" : "needs_info";
  const final = to !== "needs_info";
  const result = await db.$transaction(async (tx) => {
    const res = await tx.reviewRequest.updateMany({
      where: { id, status: req.status },
      data: {
        status: to,
        ...(final ? { decidedAt: now, decidedById: actor.id, decisionComment: comment, overrideReason: override } : {}),
      },
    });
    if (res.count === 0) {
      const current = await tx.reviewRequest.findUnique({ where: { id }, select: { status: true } });
      throw refusal("already-decided", { id, status: current?.status ?? "unknown" });
    }
    if (comment) await tx.comment.create({ data: { requestId: id, authorId: actor.id, body: comment } });
    const effects = final ? await applyEffects(tx, req, to === "approved", actor, comment) : { rejected: [] };
    await audit(tx, {
      actorId: actor.id,
      action: "request.decide",
      targetType: "request",
      targetId: id,
      data: { decision: input.decision, from: req.status, to, comment, override, declarationRevision: effects.declarationRevision ?? null },
    });
    const what = `your ${requestTypeToApi(req.type)} request for ${req.snap.name}`;
    await notify(
      tx,
      req.requesterId,
      id,
      input.decision,
      to === "approved"
        ? `Approved: ${what}.${override ? ` (admin override: ${override})` : ""}`
        : to === "rejected"
          ? `Rejected: ${what}: ${comment}`
          : `A reviewer needs more information on ${what}: ${comment}`,
    );
    return effects;
  });
  await deleteRejectedBlobs(db, result.rejected);
  return { id, status: requestStatusToApi(to), declarationRevision: result.declarationRevision, rereview: result.rereview };
}

/**
 * The publisher answered an item waiting for information: back to pending (inside the comment's
 * transaction). No-op unless the item is needs_info.
 */
export async function reopenAfterReply(tx: Tx, requestId: string, actorId: string): Promise<boolean> {
  const res = await tx.reviewRequest.updateMany({ where: { id: requestId, status: "needs_info" }, data: { status: "pending" } });
  if (res.count === 0) return false;
  await audit(tx, { actorId, action: "request.reply", targetType: "request", targetId: requestId, data: { from: "needs_info", to: "pending" } });
  const req = await tx.reviewRequest.findUnique({ where: { id: requestId }, include: { snap: { select: { name: true } } } });
  if (req)
    await notify(tx, req.requesterId, requestId, "reply", `Your reply put your ${requestTypeToApi(req.type)} request for ${req.snap.name} back in the queue.`);
  return true;
}

/**
 * A waiting revision was superseded (withdrawn, or replaced by a new upload): its open items are
 * outdated, their requesters told. Call inside the transaction that supersedes it.
 */
export async function markRevisionItemsOutdated(tx: Tx, revisionId: string, actorId: string | null): Promise<number> {
  const open = await tx.reviewRequest.findMany({
    where: { revisionId, status: { in: [...OPEN_REQUEST_STATUSES] } },
    select: { id: true, requesterId: true, type: true, status: true, snap: { select: { name: true } } },
  });
  let n = 0;
  for (const r of open) {
    const res = await tx.reviewRequest.updateMany({ where: { id: r.id, status: r.status }, data: { status: "outdated", decidedAt: new Date() } });
    if (!res.count) continue;
    n++;
    await audit(tx, { actorId, action: "request.outdated", targetType: "request", targetId: r.id, data: { from: r.status, to: "outdated" } });
    await notify(tx, r.requesterId, r.id, "outdated", `Your ${requestTypeToApi(r.type)} request for ${r.snap.name} is outdated: its revision was superseded.`);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Revoking a grant (admins)
// ---------------------------------------------------------------------------------------------

/**
 * Revokes "classic" or "<grant>:<interface>" from a snap (admins; reason required by the schema):
 * a new snap-declaration revision (the record devices see), the audit entry and the owner's
 * notification in one transaction. Without the classic grant the snap's classic revisions can no
 * longer be released (releases check the grant).
 */
export async function revokeGrant(
  db: Db,
  actor: Actor,
  name: string,
  input: RevokeInput,
): Promise<{ name: string; grant: string; declarationRevision: number }> {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
  const snap = await db.snap.findUnique({ where: { name }, include: { owner: true } });
  if (!snap) throw refusal("snap-not-found", { name });
  const [kind, iface] = input.grant.split(":") as [string, string | undefined];
  return db.$transaction(async (tx) => {
    const current = await currentDeclaration(tx, snap.id);
    let rules: DeclarationInput;
    if (kind === "classic") {
      const res = await tx.snap.updateMany({ where: { id: snap.id, classicGranted: true }, data: { classicGranted: false } });
      if (res.count === 0) throw refusal("grant-not-found", { name, grant: input.grant });
      rules = { plugs: (current?.plugs ?? {}) as Record<string, unknown>, slots: (current?.slots ?? {}) as Record<string, unknown> };
    } else {
      const key = `allow-${kind}`;
      const next = removePlugGrant(current, iface!, key);
      if (!next) throw refusal("grant-not-found", { name, grant: input.grant });
      rules = next;
    }
    const decl = await issueSnapDeclaration(tx, snap.id, rules, actor.id);
    await audit(tx, {
      actorId: actor.id,
      action: "snap.revoke",
      targetType: "snap",
      targetId: snap.id,
      data: { name, grant: input.grant, reason: input.reason, declarationRevision: decl.revision },
    });
    await notify(tx, snap.owner.userId, null, "revoked", `The ${input.grant} grant of ${name} was revoked: ${input.reason}`);
    return { name, grant: input.grant, declarationRevision: decl.revision };
  });
}

/** Back-compatible: every pending request, oldest first (the first version of the queue page). */
export function listPendingRequests(db: Db) {
  return db.reviewRequest.findMany({
    where: { status: "pending" },
    include: { snap: true, requester: { select: { email: true } }, _count: { select: { votes: true } } },
    orderBy: { createdAt: "asc" },
  });
}

// ---------------------------------------------------------------------------------------------
// One item, with everything a reviewer needs to decide
// ---------------------------------------------------------------------------------------------

type RevisionRow = { revision: number; meta: unknown; confinement: string | null; type: string | null; base: string | null };

function diffInfo(r: RevisionRow): DiffInfo {
  const meta = (r.meta ?? {}) as Partial<SnapMeta>;
  return {
    confinement: r.confinement ?? meta.confinement ?? null,
    type: r.type ?? meta.type ?? null,
    base: r.base ?? meta.base ?? null,
    plugs: meta.plugs ?? {},
    slots: meta.slots ?? {},
  };
}

/**
 * The item page / GET /api/v1/review/items/{id}: the request, the snap's listing, the revision
 * (snap.yaml, review report, plugs and slots with what the base declaration and the snap's
 * declaration say), what changed since the previous revision and the one on stable, the
 * publisher's other snaps with past decisions, the votes, the thread and the history.
 */
// eslint-disable-next-line max-lines-per-function -- assembles the item page's sections in page order (request, listing, revision, diffs, other snaps, thread, history); to split by section next
export async function getItem(db: Db, actor: Actor, id: string, now = new Date()) {
  requireReviewer(actor);
  const req = await db.reviewRequest.findUnique({
    where: { id },
    include: {
      snap: { include: { owner: true } },
      requester: { select: { id: true, name: true, email: true } },
      decidedBy: { select: { name: true, email: true } },
      votes: { include: { voter: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } },
      comments: { include: { author: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!req) throw refusal("request-not-found", { id });
  const snap = req.snap;
  const revSelect = {
    id: true,
    revision: true,
    status: true,
    version: true,
    confinement: true,
    type: true,
    base: true,
    grade: true,
    meta: true,
    snapYaml: true,
    review: true,
    errors: true,
    createdAt: true,
  } as const;
  const revision = req.revisionId
    ? await db.revision.findUnique({ where: { id: req.revisionId }, select: revSelect })
    : await db.revision.findFirst({ where: { snapId: snap.id, status: { not: "being_processed" } }, orderBy: { revision: "desc" }, select: revSelect });
  const [previous, stableRow, decl, others, history] = await Promise.all([
    revision
      ? db.revision.findFirst({ where: { snapId: snap.id, revision: { lt: revision.revision } }, orderBy: { revision: "desc" }, select: revSelect })
      : Promise.resolve(null),
    db.release.findFirst({
      where: { snapId: snap.id, track: "latest", risk: "stable", branch: "", revisionId: { not: null } },
      orderBy: { releasedAt: "desc" },
      include: { revision: { select: revSelect } },
    }),
    currentDeclaration(db, snap.id),
    db.snap.findMany({
      where: { ownerId: snap.ownerId, id: { not: snap.id } },
      select: {
        name: true,
        classicGranted: true,
        requests: {
          where: { status: { in: ["approved", "rejected"] } },
          select: { id: true, type: true, interface: true, status: true, decidedAt: true, decisionComment: true },
          orderBy: { decidedAt: "desc" },
          take: 10,
        },
      },
      orderBy: { name: "asc" },
      take: 50,
    }),
    db.auditLog.findMany({
      where: { targetType: "request", targetId: id },
      orderBy: { createdAt: "asc" },
      include: { actor: { select: { name: true, email: true } } },
    }),
  ]);
  const meta = (revision?.meta ?? null) as SnapMeta | null;
  const opts = { classicSystem: true, snapName: snap.name, snapType: meta?.type };
  const state = votingState({
    votes: req.votes.map((v) => ({ voter: v.voterId, value: v.value as VoteValue })),
    requester: req.requesterId,
    openedAt: req.createdAt,
    extended: req.votingExtended,
    now,
    periodDays: votingDays(),
  });
  const stable = stableRow?.revision ?? null;
  const diffAgainst = (base: RevisionRow | null) => {
    if (!revision || !base) return null;
    const d = diffRevisions(diffInfo(base), diffInfo(revision));
    return { revision: base.revision, diff: d, lines: describeDiff(d) };
  };
  return {
    id: req.id,
    kind: requestTypeToApi(req.type),
    status: requestStatusToApi(req.status),
    interface: req.interface,
    plug: req.plug,
    category: req.category,
    reasoning: req.reasoning,
    requester: { id: req.requester.id, name: who(req.requester) },
    createdAt: req.createdAt,
    decidedAt: req.decidedAt,
    decidedBy: req.decidedBy ? who(req.decidedBy) : null,
    decisionComment: req.decisionComment,
    overrideReason: req.overrideReason,
    voting: { ...state.tally, verdict: state.verdict, closesAt: state.closesAt, open: state.open, extended: req.votingExtended, canExtend: state.canExtend },
    mayVote: isOpenRequestStatus(req.status) && req.requesterId !== actor.id && snap.owner.userId !== actor.id,
    snap: {
      name: snap.name,
      title: snap.title,
      summary: snap.summary,
      description: snap.description,
      license: snap.license,
      website: snap.website,
      contact: snap.contact,
      categories: (snap.categories ?? []) as string[],
      classicGranted: snap.classicGranted,
      nameStatus: snap.nameStatus,
      publisher: { username: snap.owner.username, displayName: snap.owner.displayName, validation: snap.owner.validation },
    },
    revision: revision
      ? {
          revision: revision.revision,
          status: revision.status,
          version: revision.version,
          confinement: revision.confinement,
          type: revision.type,
          base: revision.base,
          grade: revision.grade,
          snapYaml: revision.snapYaml,
          review: revision.review,
          errors: revision.errors,
        }
      : null,
    plugs: Object.values(meta?.plugs ?? {}).map((p) => explainPlug(p, decl, opts)),
    slots: Object.values(meta?.slots ?? {}).map((s) => explainSlot(s, decl, opts)),
    declaration: decl ?? null,
    diffPrevious: diffAgainst(previous),
    diffStable: stable && stable.revision !== revision?.revision ? diffAgainst(stable) : null,
    stableRevision: stable?.revision ?? null,
    otherSnaps: others.map((o) => ({
      name: o.name,
      classicGranted: o.classicGranted,
      decisions: o.requests.map((r) => ({
        id: r.id,
        kind: requestTypeToApi(r.type),
        interface: r.interface,
        status: r.status,
        decidedAt: r.decidedAt,
        comment: r.decisionComment,
      })),
    })),
    votes: req.votes.map((v) => ({ voter: who(v.voter), voterId: v.voter.id, value: v.value, comment: v.comment, at: v.updatedAt })),
    comments: req.comments.map((c) => ({ id: c.id, author: who(c.author), body: c.body, at: c.createdAt })),
    history: history.map((h) => ({ action: h.action, actor: h.actor ? who(h.actor) : "the store", at: h.createdAt, data: h.data as Record<string, unknown> })),
  };
}

export type ReviewItem = Awaited<ReturnType<typeof getItem>>;

/** What the publisher reads on a request: submitted, votes (with comments), needs-info, decided, by whom and when. */
export interface TimelineEntry {
  at: Date;
  who: string;
  what: string;
}

const TIMELINE_WORDS: Record<string, (d: Record<string, unknown>) => string> = {
  "request.create": () => "submitted the request",
  "request.vote": (d) => `voted ${signed(Number(d.vote))}${d.comment ? `: ${String(d.comment)}` : ""}`,
  "request.comment": () => "commented",
  "request.extend-voting": () => "extended voting by 3 days",
  "request.reply": () => "answered; back in the queue",
  "request.outdated": () => "marked outdated (revision superseded)",
  "request.decide": (d) =>
    d.to === "needs_info"
      ? `asked for information: ${String(d.comment ?? "")}`
      : `${d.to === "approved" ? "approved" : "rejected"}${d.comment ? `: ${String(d.comment)}` : ""}${d.override ? ` (admin override: ${String(d.override)})` : ""}`,
};

/** Timelines of the given requests (the publisher's own, checked by the caller's page guard), from the audit log. */
export async function requestTimelines(db: Db, requestIds: string[]): Promise<Map<string, TimelineEntry[]>> {
  const rows = await db.auditLog.findMany({
    where: { targetType: "request", targetId: { in: requestIds } },
    orderBy: { createdAt: "asc" },
    include: { actor: { select: { name: true, email: true, role: true } } },
  });
  const out = new Map<string, TimelineEntry[]>(requestIds.map((id) => [id, []]));
  for (const r of rows) {
    const words = TIMELINE_WORDS[r.action];
    if (!words) continue;
    // Reviewers are named by role to the publisher; the publisher sees their own name.
    const who = !r.actor ? "The store" : r.actor.role === "reviewer" || r.actor.role === "admin" ? `A ${r.actor.role}` : (r.actor.name ?? r.actor.email);
    out.get(r.targetId)?.push({ at: r.createdAt, who, what: words((r.data ?? {}) as Record<string, unknown>) });
  }
  return out;
}
