import { Badge, EmptyState, PageHeader } from "@/components/ui";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listPendingRequests } from "@/lib/server/review-queue";
import { requestFiledBy, requestTypeLabel, votesLabel } from "@/lib/vocabulary";

export const metadata = { title: "Review queue" };

export default async function ReviewQueuePage() {
  await requirePageUser(["reviewer"], "/review");
  const items = await listPendingRequests(getDb());
  return (
    <div>
      <PageHeader title="Review queue" description="Requests and revisions waiting for a human decision, oldest first." />
      {items.length === 0 ? (
        <EmptyState>Nothing is waiting for review.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {items.map((r) => (
            <li key={r.id} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone="blue">{requestTypeLabel(r.type)}</Badge>
                <span className="font-semibold">{r.snap.name}</span>
                {r.interface ? <span className="font-mono text-sm">{r.interface}</span> : null}
                <span className="text-sm text-gray-600">filed by {requestFiledBy(r.type, r.requester.email)}</span>
                <span className="text-sm text-gray-600">· {votesLabel(r._count.votes)}</span>
              </div>
              <p className="mt-2 text-gray-800">{r.reasoning}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
