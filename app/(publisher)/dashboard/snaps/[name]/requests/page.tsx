import { Badge, Card, EmptyState } from "@/components/ui";
import { ClassicRequestForm, CommentForm, InterfaceRequestForm } from "@/components/dashboard/RequestForms";
import { StatusBadge } from "@/components/dashboard/StatusBadge";
import { formatDate, requestFiledBy, requestTypeLabel } from "@/lib/vocabulary";
import { CLASSIC_CATEGORIES } from "@/lib/schemas/requests";
import { getDb } from "@/lib/db/client";
import { renderMarkdown } from "@/lib/markdown";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { listSnapPlugs } from "@/lib/server/revisions";
import { listRequests } from "@/lib/server/requests";
import { requestTimelines, reviewStats } from "@/lib/server/review-queue";
import { formatHours } from "@/components/review/WeeklyChart";

export const metadata = { title: "Store requests" };
export const dynamic = "force-dynamic";

const VOTE = (v: number) => (v > 0 ? "+1" : v < 0 ? "-1" : "+0");

export default async function RequestsPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<{ type?: string; interface?: string; plug?: string }>;
}) {
  const { name } = await params;
  const sp = await searchParams;
  const db = getDb();
  const { user, snap } = await requireOwnedSnapPage(db, name, `/dashboard/snaps/${name}/requests`);
  const [requests, plugs, stats] = await Promise.all([listRequests(db, user, snap.name), listSnapPlugs(db, snap.id), reviewStats(db, 52)]);
  const timelines = await requestTimelines(
    db,
    requests.map((r) => r.id),
  );
  const wantsInterface = !!sp.interface || (sp.type !== undefined && sp.type !== "classic");
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Store requests</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className={wantsInterface ? "lg:order-2" : ""}>
          <h2 className="mb-3 text-lg font-semibold">Request classic confinement</h2>
          <ClassicRequestForm name={snap.name} granted={snap.classicGranted} />
        </Card>
        <Card className={wantsInterface ? "lg:order-1" : ""}>
          <h2 className="mb-3 text-lg font-semibold">Request an interface</h2>
          <InterfaceRequestForm name={snap.name} plugs={plugs} initial={{ type: sp.type, interface: sp.interface, plug: sp.plug }} />
        </Card>
      </div>

      <h2 className="mb-3 mt-8 text-lg font-semibold">Requests for {snap.name}</h2>
      {requests.length === 0 ? (
        <EmptyState>No requests yet.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {requests.map((r) => (
            <li key={r.id} id={`request-${r.id}`} data-request-type={r.type}>
              <Card>
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-semibold">
                    {requestTypeLabel(r.type)}
                    {r.interface ? `: ${r.interface}` : ""}
                    {r.plug && r.plug !== r.interface ? ` (plug ${r.plug})` : ""}
                    {r.revision ? ` — revision ${r.revision}` : ""}
                  </h3>
                  <StatusBadge status={r.status} />
                  {r.category ? <Badge tone="blue">{CLASSIC_CATEGORIES[r.category as keyof typeof CLASSIC_CATEGORIES] ?? r.category}</Badge> : null}
                </div>
                <p className="mt-1 text-xs text-gray-600">
                  Filed by {requestFiledBy(r.type, r.requester)}, {formatDate(r.createdAt)}
                  {r.status === "pending" && r.votingEndsAt ? ` · voting ends ${formatDate(r.votingEndsAt)}` : ""}
                  {r.decidedAt ? ` · decided ${formatDate(r.decidedAt)}` : ""}
                </p>
                <p className="mt-2 whitespace-pre-wrap text-sm">{r.reasoning}</p>
                {r.decisionComment ? (
                  <p className="mt-2 rounded bg-gray-50 p-2 text-sm">
                    <span className="font-medium">Decision:</span> {r.decisionComment}
                  </p>
                ) : null}
                <div className="mt-3 text-sm" aria-label="Votes">
                  <span className="font-medium">Votes:</span> {r.tally.for} for, {r.tally.against} against, {r.tally.abstain} abstaining
                  {r.status === "pending" ? (
                    <span className="text-gray-600">
                      {" "}
                      (
                      {r.tally.status === "passes"
                        ? "passing"
                        : r.tally.status === "fails"
                          ? "failing"
                          : r.tally.status === "tie"
                            ? "tied: more votes needed"
                            : "needs more votes"}
                      )
                    </span>
                  ) : null}
                  {r.votes.length ? (
                    <ul className="mt-1 space-y-1">
                      {r.votes.map((v, i) => (
                        <li key={i} className="text-gray-700">
                          <span className="font-mono">{VOTE(v.value)}</span> {v.voter}
                          {v.comment ? `: ${v.comment}` : ""}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
                <section className="mt-3 text-sm" aria-label="Timeline">
                  <h4 className="font-medium">Timeline</h4>
                  <ol className="mt-1 space-y-1 border-l border-gray-200 pl-3">
                    {(timelines.get(r.id) ?? []).map((e, i) => (
                      <li key={i}>
                        <span className="text-xs text-gray-600">{formatDate(e.at)}</span> · {e.who} {e.what}
                      </li>
                    ))}
                  </ol>
                  <p className="mt-1 text-xs text-gray-600" data-testid="median-for-kind">
                    Median time to decision for {requestTypeLabel(r.type).toLowerCase()} requests:{" "}
                    {stats.medianHoursByKind[r.type] == null ? "no decisions yet" : formatHours(stats.medianHoursByKind[r.type]!)}
                  </p>
                </section>
                <section className="mt-3" aria-label="Comments">
                  {r.comments.length ? (
                    <ul className="space-y-2">
                      {r.comments.map((c) => (
                        <li key={c.id} className="rounded border border-gray-100 p-2 text-sm">
                          <p className="text-xs text-gray-600">
                            {c.author} · {formatDate(c.at)}
                          </p>
                          <div className="prose-snap" dangerouslySetInnerHTML={{ __html: renderMarkdown(c.body) }} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-sm text-gray-600">No comments yet.</p>
                  )}
                  {r.status === "pending" || r.status === "needs_info" ? <CommentForm name={snap.name} requestId={r.id} /> : null}
                </section>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
