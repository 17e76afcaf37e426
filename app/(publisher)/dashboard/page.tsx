import Link from "next/link";
import { Badge, Card, DataTable, EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { RegisterNameForm } from "@/components/dashboard/RegisterNameForm";
import { StatusBadge } from "@/components/dashboard/StatusBadge";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listDashboardSnaps } from "@/lib/server/snaps";

export const metadata = { title: "My snaps" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  // Checked again here: layouts are not re-run on every client navigation.
  const user = await requirePageUser(["publisher"], "/dashboard");
  const snaps = await listDashboardSnaps(getDb(), user);
  return (
    <div>
      <PageHeader
        title="My snaps"
        description="Snaps you own, their latest revision, channels and what waits for review."
        actions={
          <LinkButton href="/dashboard/tokens" variant="secondary">
            API tokens
          </LinkButton>
        }
      />
      <Card className="mb-6">
        <h2 className="mb-3 text-lg font-semibold">Register a snap name</h2>
        <RegisterNameForm />
      </Card>
      <h2 className="mb-3 text-lg font-semibold">Your snaps</h2>
      {snaps.length === 0 ? (
        <EmptyState>You have not registered a snap name yet.</EmptyState>
      ) : (
        <DataTable label="Your snaps" columns={["Name", "Latest revision", "Channels", "Pending reviews"]}>
          {snaps.map((s) => (
            <tr key={s.name} className="border-t border-gray-100 align-top" data-snap={s.name}>
              <td className="p-3 font-medium">
                <Link href={`/dashboard/snaps/${s.name}`} className="text-blue-800 hover:underline">
                  {s.name}
                </Link>
                {s.title ? <div className="text-xs font-normal text-gray-600">{s.title}</div> : null}
                {s.nameStatus !== "active" ? (
                  <div className="mt-1">
                    <StatusBadge status={s.nameStatus} />
                  </div>
                ) : null}
              </td>
              <td className="p-3">
                {s.latest ? (
                  <span className="flex flex-wrap items-center gap-2">
                    <span>
                      {s.latest.revision} ({s.latest.version ?? "?"})
                    </span>
                    <StatusBadge status={s.latest.status} />
                  </span>
                ) : (
                  <span className="text-gray-600">No uploads yet</span>
                )}
              </td>
              <td className="p-3 font-mono text-xs">{s.channels.join(", ") || "–"}</td>
              <td className="p-3">
                <span className="flex flex-wrap gap-1">
                  {s.waitingRevisions.map((r) => (
                    <Badge key={r} tone="amber">
                      revision {r} in review
                    </Badge>
                  ))}
                  {s.pendingRequests ? (
                    <Link href={`/dashboard/snaps/${s.name}/requests`} className="text-sm text-blue-800 hover:underline">
                      {s.pendingRequests} pending request{s.pendingRequests === 1 ? "" : "s"}
                    </Link>
                  ) : null}
                  {!s.waitingRevisions.length && !s.pendingRequests ? "–" : null}
                </span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
