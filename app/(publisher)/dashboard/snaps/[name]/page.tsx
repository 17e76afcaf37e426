import Link from "next/link";
import { Card, EmptyState, LinkButton } from "@/components/ui";
import { StatusBadge } from "@/components/dashboard/StatusBadge";
import { WithdrawButton } from "@/components/dashboard/WithdrawButton";
import { WAITING_STATUS, formatDate } from "@/lib/vocabulary";
import { getDb } from "@/lib/db/client";
import { channelCellText } from "@/lib/snap/channels";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { getChannelMap } from "@/lib/server/releases";
import { listRevisions } from "@/lib/server/revisions";
import { listRequests } from "@/lib/server/requests";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return { title: `${name} · dashboard` };
}

/** A card of the overview: a heading and a link to the page that manages it. */
function OverviewCard({ title, href, link, children }: { title: string; href: string; link: string; children: React.ReactNode }) {
  return (
    <Card>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        <Link href={href} className="text-sm text-blue-800 hover:underline">
          {link}
        </Link>
      </div>
      {children}
    </Card>
  );
}

export default async function SnapOverviewPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const db = getDb();
  const { user, snap } = await requireOwnedSnapPage(db, name, `/dashboard/snaps/${name}`);
  const [revisions, map, requests] = await Promise.all([
    listRevisions(db, user, snap.name),
    getChannelMap(db, user, snap.name),
    listRequests(db, user, snap.name),
  ]);
  const waiting = revisions.filter((r) => r.status === WAITING_STATUS);
  const pending = requests.filter((r) => r.status === "pending");
  const base = `/dashboard/snaps/${snap.name}`;
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">{snap.title || snap.name}</h1>
      {snap.summary ? <p className="-mt-2 mb-4 text-gray-700">{snap.summary}</p> : null}
      {waiting.map((w) => (
        <div key={w.revision} className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="mb-2">
            Revision {w.revision} is waiting for manual review{w.errors.length ? `: ${w.errors.map((e) => e.message).join("; ")}` : ""}. New uploads are refused
            until it is reviewed or withdrawn.
          </p>
          <WithdrawButton name={snap.name} revision={w.revision} />
        </div>
      ))}
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <div className="mb-3 flex items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">Latest revisions</h2>
            <LinkButton href={`${base}/upload`} className="px-3 py-1">
              Upload
            </LinkButton>
          </div>
          {revisions.length === 0 ? (
            <EmptyState>No revision uploaded yet.</EmptyState>
          ) : (
            <ul className="space-y-2 text-sm">
              {revisions.slice(0, 5).map((r) => (
                <li key={r.revision} className="flex flex-wrap items-center gap-2">
                  <Link href={`${base}/revisions/${r.revision}`} className="font-medium text-blue-800 hover:underline">
                    Revision {r.revision}
                  </Link>
                  <span>{r.version ?? "?"}</span>
                  <StatusBadge status={r.status} />
                  <span className="text-xs text-gray-600">{formatDate(r.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <OverviewCard title="Channels" href={`${base}/releases`} link="Manage releases">
          {map.entries.length === 0 ? (
            <EmptyState>Nothing released yet.</EmptyState>
          ) : (
            <ul className="space-y-1 font-mono text-sm">
              {map.view.tracks.flatMap((t) =>
                t.architectures.flatMap((a) =>
                  a.risks.map((c) => (
                    <li key={`${a.architecture}-${c.channel}`}>
                      {c.channel} ({a.architecture}): {channelCellText(c)}
                    </li>
                  )),
                ),
              )}
            </ul>
          )}
        </OverviewCard>
        <OverviewCard title="Store requests" href={`${base}/requests`} link="All requests">
          {pending.length === 0 ? (
            <p className="text-sm text-gray-600">No pending requests.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {pending.map((r) => (
                <li key={r.id}>
                  <Link href={`${base}/requests#request-${r.id}`} className="text-blue-800 hover:underline">
                    {r.type}
                    {r.interface ? ` ${r.interface}` : ""}
                  </Link>{" "}
                  <StatusBadge status={r.status} />
                </li>
              ))}
            </ul>
          )}
        </OverviewCard>
        <OverviewCard title="Listing" href={`${base}/listing`} link="Edit listing">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-gray-600">Title</dt>
            <dd>{snap.title ?? "–"}</dd>
            <dt className="text-gray-600">License</dt>
            <dd>{snap.license ?? "–"}</dd>
            <dt className="text-gray-600">snap-id</dt>
            <dd className="break-all font-mono text-xs">{snap.snapId}</dd>
          </dl>
        </OverviewCard>
      </div>
    </div>
  );
}
