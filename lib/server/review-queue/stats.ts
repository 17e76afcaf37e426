import "server-only";
// Statistics: items opened and decided per week, the median time to decision. Aggregated in the
// database (two queries whatever the number of items): the weekly counts are index range counts,
// and the medians keep only the one or two middle rows of each kind (window
// functions, SQLite >= 3.25 and PostgreSQL); JavaScript only divides.
import type { Db } from "@/lib/db/client";
import { join, raw, sql, type Sql } from "@/lib/generated/sqlite/internal/prismaNamespace";
import { requestTypeToApi, type RequestType } from "@/lib/vocabulary";
import { providerOf } from "../search-index";
import { DAY_MS } from "./common";

export interface ReviewStats {
  weeks: { week: string; opened: number; decided: number }[];
  /** Median hours from filing to decision over the decided items of the period (null: none). */
  medianHoursToDecision: number | null;
  /** The same per kind. */
  medianHoursByKind: Record<string, number | null>;
}

/** Monday 00:00 UTC of the week of `d`. */
function mondayOf(d: Date): Date {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
}

/** Decided = approved or rejected by someone (not withdrawn or outdated). */
const DECIDED = raw(`"status" IN ('approved', 'rejected')`);

/**
 * Items opened and decided in each week [bounds[i], bounds[i + 1]): one row of scalar range counts
 * (each an index range: createdAt, and status + decidedAt), cheaper than grouping by a CASE.
 */
async function weeklyCounts(db: Db, bounds: Date[]): Promise<{ opened: number[]; decided: number[] }> {
  const weeks = bounds.slice(1).map((to, i) => [bounds[i], to] as const);
  const opened = weeks.map(([a, b], i) => sql`(SELECT COUNT(*) FROM "ReviewRequest" WHERE "createdAt" >= ${a} AND "createdAt" < ${b}) AS ${raw(`o${i}`)}`);
  const decided = weeks.map(
    ([a, b], i) => sql`(SELECT COUNT(*) FROM "ReviewRequest" WHERE ${DECIDED} AND "decidedAt" >= ${a} AND "decidedAt" < ${b}) AS ${raw(`d${i}`)}`,
  );
  const [row] = await db.$queryRaw<Record<string, number | bigint>[]>(sql`SELECT ${join([...opened, ...decided], ", ")}`);
  return { opened: weeks.map((_, i) => Number(row[`o${i}`])), decided: weeks.map((_, i) => Number(row[`d${i}`])) };
}

/**
 * The median milliseconds from filing to decision of the items decided since `since`, per kind
 * and over all ("*"): the middle row (odd count) or the two middle rows (even) of each partition.
 */
async function medians(db: Db, since: Date): Promise<Map<string, number>> {
  const ms =
    providerOf(db) === "postgresql"
      ? raw(`ROUND(EXTRACT(EPOCH FROM ("decidedAt" - "createdAt")) * 1000)::float8`)
      : raw(`ROUND((julianday("decidedAt") - julianday("createdAt")) * 86400000)`);
  const middle = (part: Sql) => sql`
    SELECT p, ms FROM (
      SELECT ${part} AS p, ${ms} AS ms,
        ROW_NUMBER() OVER (PARTITION BY ${part} ORDER BY ${ms}) AS rn,
        COUNT(*) OVER (PARTITION BY ${part}) AS n
      FROM "ReviewRequest" WHERE ${DECIDED} AND "decidedAt" >= ${since}
    ) m WHERE 2 * rn IN (n, n + 1, n + 2)`;
  const rows = await db.$queryRaw<{ p: string; ms: number }[]>(sql`${middle(raw(`CAST("type" AS TEXT)`))} UNION ALL ${middle(raw(`'*'`))}`);
  const sums = new Map<string, number[]>();
  for (const r of rows) sums.set(r.p, [...(sums.get(r.p) ?? []), Number(r.ms) / 3_600_000]);
  return new Map([...sums].map(([p, hs]) => [p, hs.length === 1 ? hs[0] : (hs[0] + hs[1]) / 2]));
}

/**
 * Items opened and decided per week over the last `weeks` weeks, and the median time to decision
 * (decided = approved or rejected by someone). Public to reviewers; the median per kind is also
 * what a publisher sees on a request.
 */
export async function reviewStats(db: Db, weeks = 12, now = new Date()): Promise<ReviewStats> {
  const since = new Date(now.getTime() - weeks * 7 * DAY_MS);
  const monday = mondayOf(now).getTime();
  const bounds = Array.from({ length: weeks + 1 }, (_, i) => new Date(monday - (weeks - 1 - i) * 7 * DAY_MS));
  const [counts, hours] = await Promise.all([weeklyCounts(db, bounds), medians(db, since)]);
  const byKind = [...hours].filter(([p]) => p !== "*");
  return {
    weeks: bounds.slice(0, -1).map((b, i) => ({ week: b.toISOString().slice(0, 10), opened: counts.opened[i], decided: counts.decided[i] })),
    medianHoursToDecision: hours.get("*") ?? null,
    medianHoursByKind: Object.fromEntries(byKind.map(([k, v]) => [requestTypeToApi(k as RequestType), v])),
  };
}
