import Link from "next/link";
import { DataTable, EmptyState, LinkButton } from "@/components/ui";
import { StatusBadge } from "@/components/dashboard/StatusBadge";
import { formatDate } from "@/lib/vocabulary";
import { getDb } from "@/lib/db/client";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { listRevisions } from "@/lib/server/revisions";

export const metadata = { title: "Revisions" };
export const dynamic = "force-dynamic";

export default async function RevisionsPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const db = getDb();
  const { user, snap } = await requireOwnedSnapPage(db, name, `/dashboard/snaps/${name}/revisions`);
  const revisions = await listRevisions(db, user, snap.name);
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Revisions</h1>
        <LinkButton href={`/dashboard/snaps/${snap.name}/upload`}>Upload a revision</LinkButton>
      </div>
      {revisions.length === 0 ? (
        <EmptyState>No revision uploaded yet.</EmptyState>
      ) : (
        <DataTable
          label="Revisions"
          columns={["Revision", "Version", "Architectures", "Confinement", "Grade", "Status", "Uploaded", "Channels"]}
          minWidth="48rem"
        >
          {revisions.map((r) => (
            <tr key={r.revision} className="border-t border-gray-100 align-top" data-revision={r.revision}>
              <td className="p-3 font-medium">
                <Link href={`/dashboard/snaps/${snap.name}/revisions/${r.revision}`} className="text-blue-800 hover:underline">
                  {r.revision}
                </Link>
              </td>
              <td className="p-3">{r.version ?? "–"}</td>
              <td className="p-3">{r.architectures.length ? r.architectures.join(", ") : "–"}</td>
              <td className="p-3">{r.confinement ?? "–"}</td>
              <td className="p-3">{r.grade ?? "–"}</td>
              <td className="p-3">
                <StatusBadge status={r.status} />
              </td>
              <td className="whitespace-nowrap p-3">{formatDate(r.createdAt)}</td>
              <td className="p-3 font-mono text-xs">{r.channels.join(", ") || "–"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
