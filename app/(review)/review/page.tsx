import Link from "next/link";
import { Badge, EmptyState, PageHeader, Pager, inputClass } from "@/components/ui";
import { WeeklyChart } from "@/components/review/WeeklyChart";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { verdictLabel } from "@/lib/review/tally";
import { queueQuerySchema } from "@/lib/schemas/review";
import { listQueue, reviewStats } from "@/lib/server/review-queue";
import {
  REQUEST_STATUSES,
  REQUEST_TYPES,
  queueKindLabel,
  requestFiledBy,
  requestStatusToApi,
  requestTypeToApi,
  statusLabel,
  votesLabel,
} from "@/lib/vocabulary";

export const metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser(["reviewer"], "/review");
  const sp = await searchParams;
  const parsed = queueQuerySchema.safeParse({
    kind: sp.kind || undefined,
    status: sp.status || undefined,
    q: sp.q || undefined,
    page: sp.page || undefined,
  });
  const query = parsed.success ? parsed.data : { page: 1, perPage: 50 };
  const db = getDb();
  const [queue, stats] = await Promise.all([listQueue(db, user, query), reviewStats(db)]);
  const pages = Math.max(1, Math.ceil(queue.total / queue.perPage));
  const link = (page: number) =>
    `/review?${new URLSearchParams({ ...(sp.kind ? { kind: sp.kind } : {}), ...(sp.status ? { status: sp.status } : {}), ...(sp.q ? { q: sp.q } : {}), page: String(page) })}`;
  return (
    <div className="space-y-6">
      <PageHeader title="Review queue" description="Requests and revisions waiting for a human decision, oldest first." />
      <ul className="flex flex-wrap gap-3" aria-label="Open items per kind">
        {queue.kinds.length === 0 ? <li className="text-sm text-gray-600">No open items.</li> : null}
        {queue.kinds.map((k) => (
          <li key={k.kind} className="rounded-lg border border-gray-200 bg-white px-4 py-2 text-sm shadow-sm" data-kind={k.kind}>
            <Link href={`/review?kind=${k.kind}`} className="font-semibold hover:underline">
              {queueKindLabel(k.kind)}
            </Link>
            : <span data-testid="kind-count">{k.count}</span> open · oldest {k.oldestAgeDays} day{k.oldestAgeDays === 1 ? "" : "s"}
          </li>
        ))}
      </ul>
      <WeeklyChart weeks={stats.weeks} medianHours={stats.medianHoursToDecision} />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the queue">
        <label className="text-sm">
          Kind
          <select name="kind" defaultValue={sp.kind ?? ""} className={inputClass}>
            <option value="">All kinds</option>
            {REQUEST_TYPES.map((t) => (
              <option key={t} value={requestTypeToApi(t)}>
                {queueKindLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Status
          <select name="status" defaultValue={sp.status ?? ""} className={inputClass}>
            <option value="">Open (pending, needs information)</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={requestStatusToApi(s)}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Snap or publisher
          <input name="q" defaultValue={sp.q ?? ""} className={inputClass} />
        </label>
        <button type="submit" className="rounded-md border border-gray-300 bg-white px-3 py-2 text-sm">
          Filter
        </button>
      </form>
      {queue.items.length === 0 ? (
        <EmptyState>Nothing matches.</EmptyState>
      ) : (
        <ul className="space-y-2" aria-label="Queue">
          {queue.items.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2 rounded-lg border border-gray-200 bg-white p-3 text-sm shadow-sm" data-item={r.id}>
              <Badge tone="blue">{queueKindLabel(r.kind)}</Badge>
              <Link href={`/review/items/${r.id}`} className="font-semibold hover:underline">
                {r.snap}
                {r.interface ? ` · ${r.interface}` : ""}
                {r.revision ? ` · revision ${r.revision}` : ""}
              </Link>
              <span className="text-gray-600">
                {r.publisher.displayName} (@{r.publisher.username}
                {r.publisher.validation !== "unproven" ? `, ${r.publisher.validation}` : ""})
              </span>
              <span className="text-gray-600">· {r.ageDays} d old</span>
              <span className="text-gray-600">· filed by {requestFiledBy(r.kind, r.requester)}</span>
              <span className="text-gray-600">
                · {votesLabel(r.votes.for + r.votes.against + r.votes.abstain)}
                {r.votes.for + r.votes.against + r.votes.abstain > 0 ? ` (+${r.votes.for} / -${r.votes.against} / 0×${r.votes.abstain})` : ""}
              </span>
              <Badge tone={r.verdict === "passes" ? "green" : r.verdict === "needs-more-votes" ? "amber" : "gray"}>{verdictLabel(r.verdict)}</Badge>
              <Badge>{statusLabel(r.status.replace(/-/g, "_"))}</Badge>
            </li>
          ))}
        </ul>
      )}
      <Pager label="Pages" page={queue.page} pages={pages} href={link} always>
        <span>
          Page {queue.page} of {pages} ({queue.total} items)
        </span>
      </Pager>
    </div>
  );
}
