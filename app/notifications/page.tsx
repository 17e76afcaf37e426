import { EmptyState, PageHeader } from "@/components/ui";
import { MarkReadButton } from "@/components/review/MarkReadButton";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listNotifications } from "@/lib/server/review-queue";
import { formatDate } from "@/lib/vocabulary";

export const metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

export default async function NotificationsPage() {
  const user = await requirePageUser(undefined, "/notifications");
  const notes = await listNotifications(getDb(), user);
  const unread = notes.filter((n) => !n.readAt).length;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Notifications"
        description="Votes, decisions and questions on your store requests."
        actions={unread ? <MarkReadButton label="Mark all read" /> : null}
      />
      {notes.length === 0 ? (
        <EmptyState>No notifications.</EmptyState>
      ) : (
        <ul className="space-y-2" aria-label="Notifications">
          {notes.map((n) => (
            <li
              key={n.id}
              data-kind={n.kind}
              className={`flex items-center gap-3 rounded-lg border p-3 text-sm ${n.readAt ? "border-gray-200 bg-white text-gray-600" : "border-blue-200 bg-blue-50"}`}
            >
              <span className="flex-1">{n.text}</span>
              <span className="text-xs text-gray-500">{formatDate(n.createdAt)}</span>
              {n.readAt ? null : <MarkReadButton id={n.id} label="Mark read" />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
