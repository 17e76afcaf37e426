import Link from "next/link";
import { Badge, EmptyState, PageHeader } from "@/components/ui";
import { requirePageUser } from "@/lib/auth/session";
import { listMySnaps } from "@/lib/server/snaps";

export const metadata = { title: "My snaps" };

export default async function DashboardPage() {
  // Checked again here: layouts are not re-run on every client navigation.
  const user = await requirePageUser(["publisher"], "/dashboard");
  const snaps = await listMySnaps(user);
  return (
    <div>
      <PageHeader title="My snaps" description="Snaps you own, their latest revision and channels." />
      {snaps.length === 0 ? (
        <EmptyState>You have not registered a snap name yet.</EmptyState>
      ) : (
        <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm">
          <thead>
            <tr className="text-gray-600">
              <th className="p-3">Name</th>
              <th>Latest revision</th>
              <th>Channels</th>
              <th>Pending reviews</th>
            </tr>
          </thead>
          <tbody>
            {snaps.map((s) => (
              <tr key={s.name} className="border-t border-gray-100">
                <td className="p-3 font-medium">
                  <Link href={`/dashboard/snaps/${s.name}`} className="text-blue-800 hover:underline">
                    {s.name}
                  </Link>
                </td>
                <td>{s.latest ? `${s.latest.revision} (${s.latest.version ?? "?"}) ${s.latest.status}` : "none"}</td>
                <td className="font-mono text-xs">{s.channels.join(", ") || "-"}</td>
                <td>{s.pendingRequests ? <Badge tone="amber">{s.pendingRequests}</Badge> : "-"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
