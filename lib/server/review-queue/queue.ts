import "server-only";
// The queue: open items oldest first, filtered, searched and paginated on the server, with the
// number of open items per kind. Three queries in parallel, none touching more than a page of table
// rows (docs/review.md, Benchmark):
//   1. the page: its ids ordered on the (status, [type,] createdAt, id) index alone, then joined
//      with the revision, snap, publisher and requester;
//   2. the page's votes;
//   3. the per-kind counts and oldest item in one grouped query on the same index, which is also
//      the total whenever the filters are "open, maybe one kind" (the queue's usual view); a search
//      or another status adds a count.
import type { Db } from "@/lib/db/client";
import { join, raw, sql, type Sql } from "@/lib/generated/sqlite/internal/prismaNamespace";
import { votingState, type VoteValue, type VotingState } from "@/lib/review/tally";
import type { QueueQuery } from "@/lib/schemas/review";
import { OPEN_REQUEST_STATUSES, requestStatusToApi, requestTypeToApi, type RequestStatus, type RequestType } from "@/lib/vocabulary";
import type { Actor } from "../ownership";
import { providerOf } from "../search-index";
import { ageDays, requireReviewer, votingDays, who } from "./common";

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

/**
 * Search resolves the matching snaps (name, publisher) and requesters first, then filters the
 * requests by those ids: indexed IN lists instead of an OR of joins over every open item.
 */
async function searchFilter(db: Db, q: string | undefined): Promise<Pick<Filter, "snapIds" | "requesterIds">> {
  if (!q) return {};
  const [snaps, users] = await Promise.all([
    db.snap.findMany({
      where: { OR: [{ name: { contains: q } }, { owner: { username: { contains: q } } }, { owner: { displayName: { contains: q } } }] },
      select: { id: true },
      take: SEARCH_MAX_IDS,
    }),
    db.user.findMany({ where: { email: { contains: q } }, select: { id: true }, take: SEARCH_MAX_IDS }),
  ]);
  return { snapIds: snaps.map((x) => x.id), requesterIds: users.map((x) => x.id) };
}

/** Open items per kind with the oldest one's date: one grouped query on (status, type, createdAt). */
async function openKinds(db: Db, now: Date): Promise<QueuePage["kinds"]> {
  const groups = await db.reviewRequest.groupBy({
    by: ["type"],
    where: { status: { in: [...OPEN_REQUEST_STATUSES] } },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  return groups
    .map((g) => ({
      kind: requestTypeToApi(g.type),
      count: g._count._all,
      oldestAt: g._min.createdAt ?? null,
      oldestAgeDays: g._min.createdAt ? ageDays(g._min.createdAt, now) : null,
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

/** One row of the page: the request with its revision, snap, publisher and requester (joined). */
interface PageRow {
  id: string;
  type: RequestType;
  status: RequestStatus;
  interface: string | null;
  requesterId: string;
  createdAt: Date | string;
  votingExtended: boolean | number;
  revision: number | bigint | null;
  snap: string;
  username: string;
  displayName: string;
  validation: string;
  requesterName: string | null;
  requesterEmail: string;
}

type Filter = { statuses: RequestStatus[]; kind?: RequestType; snapIds?: string[]; requesterIds?: string[] };

/** The filter as SQL on "ReviewRequest" r; enum values are cast on PostgreSQL so the indexes apply. */
function filterSql(db: Db, f: Filter): Sql {
  const pg = providerOf(db) === "postgresql";
  const val = (v: string, type: string) => (pg ? sql`CAST(${v} AS ${raw(`"${type}"`)})` : sql`${v}`);
  const parts = [sql`r."status" IN (${join(f.statuses.map((s) => val(s, "RequestStatus")))})`];
  if (f.kind) parts.push(sql`r."type" = ${val(f.kind, "RequestType")}`);
  if (f.snapIds || f.requesterIds) {
    // "" keeps an empty list valid SQL; no id is empty.
    parts.push(sql`(r."snapId" IN (${join([...(f.snapIds ?? []), ""])}) OR r."requesterId" IN (${join([...(f.requesterIds ?? []), ""])}))`);
  }
  return join(parts, " AND ");
}

/**
 * The page's rows in one query (its ids ordered on the index, then joined), and their votes in
 * another: two round trips whatever the page size, run in parallel.
 */
async function pageRows(db: Db, where: Sql, skip: number, take: number) {
  const page = sql`SELECT r."id" FROM "ReviewRequest" r WHERE ${where} ORDER BY r."createdAt" ASC, r."id" ASC LIMIT ${take} OFFSET ${skip}`;
  const [rows, votes] = await Promise.all([
    db.$queryRaw<PageRow[]>(sql`
      SELECT r."id", r."type", r."status", r."interface", r."requesterId", r."createdAt", r."votingExtended",
        v."revision", s."name" AS "snap", a."username", a."displayName", a."validation",
        u."name" AS "requesterName", u."email" AS "requesterEmail"
      FROM (${page}) p
      JOIN "ReviewRequest" r ON r."id" = p."id"
      JOIN "Snap" s ON s."id" = r."snapId"
      JOIN "Account" a ON a."id" = s."ownerId"
      JOIN "User" u ON u."id" = r."requesterId"
      LEFT JOIN "Revision" v ON v."id" = r."revisionId"
      ORDER BY r."createdAt" ASC, r."id" ASC`),
    db.$queryRaw<{ requestId: string; voterId: string; value: number | bigint }[]>(
      sql`SELECT "requestId", "voterId", "value" FROM "Vote" WHERE "requestId" IN (${page})`,
    ),
  ]);
  const byRequest = new Map<string, { voter: string; value: VoteValue }[]>();
  for (const v of votes) byRequest.set(v.requestId, [...(byRequest.get(v.requestId) ?? []), { voter: v.voterId, value: Number(v.value) as VoteValue }]);
  return rows.map((r) => ({ ...r, votes: byRequest.get(r.id) ?? [] }));
}

function queueItem(r: PageRow & { votes: { voter: string; value: VoteValue }[] }, now: Date, periodDays: number): QueueItem {
  const createdAt = new Date(r.createdAt);
  const vs = votingState({ votes: r.votes, requester: r.requesterId, openedAt: createdAt, extended: Boolean(Number(r.votingExtended)), now, periodDays });
  return {
    id: r.id,
    kind: requestTypeToApi(r.type),
    status: requestStatusToApi(r.status),
    snap: r.snap,
    interface: r.interface,
    revision: r.revision === null ? null : Number(r.revision),
    publisher: { username: r.username, displayName: r.displayName, validation: r.validation },
    requester: who({ name: r.requesterName, email: r.requesterEmail }),
    createdAt,
    ageDays: ageDays(createdAt, now),
    votes: { for: vs.tally.for, against: vs.tally.against, abstain: vs.tally.abstain },
    verdict: vs.verdict,
    closesAt: vs.closesAt,
  };
}

/**
 * The queue: filtered by kind and status (default: open = pending + needs-info), searched by snap
 * name or publisher (username, display name) or requester email, oldest first, paginated on the
 * server; the per-kind counts cover every open item whatever the filters.
 */
export async function listQueue(db: Db, actor: Actor, query: Partial<QueueQuery> = {}, now = new Date()): Promise<QueuePage> {
  requireReviewer(actor);
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 50;
  const open = !query.status || query.status === "open";
  const kind = query.kind as RequestType | undefined;
  const q = query.q?.trim().toLowerCase();
  const filter: Filter = { statuses: open ? [...OPEN_REQUEST_STATUSES] : [query.status as RequestStatus], kind, ...(await searchFilter(db, q)) };
  const where = filterSql(db, filter);
  // The open view's total is in the per-kind counts; a search or another status counts its rows.
  const totalFromKinds = open && !q;
  const [rows, kinds, count] = await Promise.all([
    pageRows(db, where, (page - 1) * perPage, perPage),
    openKinds(db, now),
    totalFromKinds ? null : db.$queryRaw<{ n: number | bigint }[]>(sql`SELECT COUNT(*) AS n FROM "ReviewRequest" r WHERE ${where}`),
  ]);
  const total = count ? Number(count[0].n) : kinds.filter((k) => !kind || k.kind === requestTypeToApi(kind)).reduce((n, k) => n + k.count, 0);
  const days = votingDays();
  return { items: rows.map((r) => queueItem(r, now, days)), total, page, perPage, kinds };
}
