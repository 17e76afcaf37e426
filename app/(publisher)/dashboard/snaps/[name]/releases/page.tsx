import { Card, DataTable, EmptyState } from "@/components/ui";
import { ReleasesPanel, type ReleasableRevision } from "@/components/dashboard/ReleasesPanel";
import { formatDate } from "@/lib/vocabulary";
import { getDb } from "@/lib/db/client";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { getChannelMap, releaseHistory } from "@/lib/server/releases";
import { listRevisions } from "@/lib/server/revisions";

export const metadata = { title: "Releases" };
export const dynamic = "force-dynamic";

export default async function ReleasesPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<{ revision?: string }> }) {
  const { name } = await params;
  const { revision } = await searchParams;
  const db = getDb();
  const { user, snap } = await requireOwnedSnapPage(db, name, `/dashboard/snaps/${name}/releases`);
  const [map, revisions, history] = await Promise.all([
    getChannelMap(db, user, snap.name),
    listRevisions(db, user, snap.name),
    releaseHistory(db, user, snap.name, 100),
  ]);
  const revs: ReleasableRevision[] = revisions
    .filter((r) => r.status !== "withdrawn")
    .map((r) => ({ revision: r.revision, version: r.version, status: r.status, confinement: r.confinement, grade: r.grade, architectures: r.architectures }));
  const preselect = revision && /^\d+$/.test(revision) ? Number(revision) : null;
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Releases</h1>
      <ReleasesPanel
        name={snap.name}
        view={map.view}
        rows={map.entries.map((e) => ({ channel: e.channel.name, architecture: e.channel.architecture, revision: e.revision }))}
        defaultTrack={map.defaultTrack}
        classicGranted={snap.classicGranted}
        revisions={revs}
        preselect={preselect}
      />
      <Card className="mt-6">
        <h2 className="mb-3 text-lg font-semibold">Release history</h2>
        {history.length === 0 ? (
          <EmptyState>Nothing released yet.</EmptyState>
        ) : (
          <DataTable label="Release history" columns={["When", "Action", "Channel", "Architecture", "Revision", "By"]} minWidth="36rem" pad="p-2">
            {history.map((h, i) => (
              <tr key={i} className="border-t border-gray-100">
                <td className="whitespace-nowrap p-2">{formatDate(h.at)}</td>
                <td className="p-2">{h.action}</td>
                <td className="p-2 font-mono text-xs">{h.channel}</td>
                <td className="p-2">{h.architecture}</td>
                <td className="p-2">{h.revision ?? "–"}</td>
                <td className="p-2">{h.by}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}
