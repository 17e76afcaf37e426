import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Alert, Badge, Card, DataTable } from "@/components/ui";
import { CopyButton } from "@/components/CopyButton";
import { PublisherName, SnapIcon } from "@/components/SnapCard";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getSnapPage } from "@/lib/server/catalogue";
import { renderMarkdown } from "@/lib/markdown";
import { mediaUrl } from "@/lib/server/listing";
import { installCommand } from "@/lib/search/install";
import { channelMapView } from "@/lib/snap/channels";
import { formatBytes, releaseChannel } from "@/lib/vocabulary";

export const dynamic = "force-dynamic";

// Once per request: generateMetadata and the page both need it (React's cache() lasts one render).
const load = cache(async (name: string) => {
  const user = await getCurrentUser();
  return getSnapPage(getDb(), name, user ? { id: user.id, role: user.role } : null);
});

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const { name } = await params;
  const page = await load(name);
  if (!page) return { title: "Snap not found" };
  return { title: page.listing.title || page.snap.name, description: page.listing.summary ?? undefined };
}

export default async function SnapPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const page = await load(name);
  if (!page) notFound();
  const { snap, listing, released } = page;
  const icon = snap.media.find((m) => m.type === "icon");
  const screenshots = snap.media.filter((m) => m.type === "screenshot");
  const open = page.openReleases;
  const install = installCommand(
    snap.name,
    open.map((r) => ({ track: r.track, risk: r.risk, branch: r.branch || null, confinement: r.revision?.confinement ?? null })),
    snap.defaultTrack,
  );
  const devmode = released?.confinement === "devmode";
  const revisions = new Map(snap.releases.filter((r) => r.revision).map((r) => [r.revision!.revision, r.revision!]));
  const releasedAt = new Map(snap.releases.map((r) => [`${releaseChannel(r)} ${r.architecture}`, r.releasedAt]));
  const view = channelMapView(
    snap.releases.map((r) => ({ channel: releaseChannel(r), architecture: r.architecture, revision: r.revision?.revision ?? null })),
    [],
  );
  return (
    <article>
      {!page.public ? (
        <div className="mb-4">
          <Alert kind="info">Only you{page.isOwner ? "" : ", the owner,"} and reviewers see this page: the snap is private or has nothing released yet.</Alert>
        </div>
      ) : null}
      {devmode ? (
        <div className="mb-4" data-testid="devmode-warning">
          <Alert kind="warning">
            This snap is in <strong>devmode</strong>: it runs without confinement, as a developer preview. It never appears in search; install it only if you
            trust the publisher.
          </Alert>
        </div>
      ) : null}
      <div className="mb-6 flex items-start gap-4">
        <SnapIcon name={snap.name} url={icon ? mediaUrl(icon.id) : null} size={64} />
        <div>
          <h1 className="text-3xl font-semibold">{listing.title || snap.name}</h1>
          <p className="text-gray-600">
            <PublisherName publisher={snap.owner} />
          </p>
          {listing.summary ? <p className="mt-2 text-lg">{listing.summary}</p> : null}
        </div>
      </div>
      {install ? (
        <Card className="mb-6">
          <h2 className="mb-2 text-lg font-semibold">Install</h2>
          <div className="flex flex-wrap items-center gap-3">
            <code className="rounded bg-gray-900 px-3 py-2 font-mono text-sm text-white" data-testid="install-command">
              {install.command}
            </code>
            <CopyButton text={install.command} />
          </div>
        </Card>
      ) : null}
      {screenshots.length ? (
        <ul aria-label="Screenshots" className="mb-6 flex gap-3 overflow-x-auto">
          {screenshots.map((m, i) => (
            <li key={m.id} className="shrink-0">
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={mediaUrl(m.id)} alt={`Screenshot ${i + 1} of ${listing.title || snap.name}`} className="h-48 rounded-md border border-gray-200" />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="grid gap-6 md:grid-cols-3">
        <Card className="md:col-span-2">
          <h2 className="mb-2 text-lg font-semibold">Description</h2>
          {listing.description ? (
            <div className="prose-snap" dangerouslySetInnerHTML={{ __html: renderMarkdown(listing.description) }} />
          ) : (
            <p className="text-gray-600">No description.</p>
          )}
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Details</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" aria-label="snap info">
            <dt className="text-gray-600">name</dt>
            <dd className="font-mono">{snap.name}</dd>
            <dt className="text-gray-600">license</dt>
            <dd>{listing.license ?? "unset"}</dd>
            <dt className="text-gray-600">snap-id</dt>
            <dd className="font-mono text-xs break-all">{snap.snapId}</dd>
            <dt className="text-gray-600">confinement</dt>
            <dd data-testid="confinement">{released?.confinement ?? "-"}</dd>
            <dt className="text-gray-600">devmode</dt>
            <dd>{devmode ? "true" : "false"}</dd>
            <dt className="text-gray-600">grade</dt>
            <dd>{released?.grade ?? "-"}</dd>
            <dt className="text-gray-600">private</dt>
            <dd>{snap.private ? "true" : "false"}</dd>
            {listing.website ? (
              <>
                <dt className="text-gray-600">website</dt>
                <dd className="break-all">
                  <a href={listing.website} rel="nofollow noopener" className="text-blue-800 hover:underline">
                    {listing.website}
                  </a>
                </dd>
              </>
            ) : null}
            {listing.contact ? (
              <>
                <dt className="text-gray-600">contact</dt>
                <dd className="break-all">
                  <a href={listing.contact} rel="nofollow noopener" className="text-blue-800 hover:underline">
                    {listing.contact.replace(/^mailto:/, "")}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </Card>
      </div>
      <Card className="mt-6">
        <h2 className="mb-2 text-lg font-semibold">Channels</h2>
        {view.tracks.length === 0 ? <p className="text-gray-600">Nothing released.</p> : null}
        {view.tracks.flatMap((t) =>
          t.architectures.map((a) => (
            <div key={`${t.track}-${a.architecture}`} className="mb-4">
              <h3 className="mb-1 font-medium">
                {t.track} · {a.architecture}
              </h3>
              <DataTable
                label={`Channels ${t.track} ${a.architecture}`}
                columns={["Channel", "Version", "Revision", "Released", "Size"]}
                minWidth="32rem"
                pad="p-2"
              >
                {[...a.risks, ...a.branches.map((b) => ({ ...b, followed: false, closed: false }))].map((c) => {
                  const rev = c.revision !== null ? revisions.get(c.revision) : undefined;
                  const at = releasedAt.get(`${c.channel} ${a.architecture}`) ?? releasedAt.get(`${c.channel} all`);
                  return (
                    <tr key={c.channel} className="border-t border-gray-100">
                      <td className="p-2 font-mono">{c.channel}</td>
                      <td className="p-2">{c.followed ? <span title="follows a more stable channel">↑</span> : (rev?.version ?? "–")}</td>
                      <td className="p-2">{!c.followed && rev ? `(${rev.revision})` : ""}</td>
                      <td className="p-2">{!c.followed && rev && at ? at.toISOString().slice(0, 10) : ""}</td>
                      <td className="p-2">{!c.followed && rev ? formatBytes(Number(rev.size)) : ""}</td>
                    </tr>
                  );
                })}
              </DataTable>
            </div>
          )),
        )}
      </Card>
      {page.plugs.length ? (
        <Card className="mt-6">
          <h2 className="mb-2 text-lg font-semibold">Permissions</h2>
          <DataTable label="Interfaces" columns={["Plug", "Interface", "Auto-connects (classic)", "Auto-connects (Ubuntu Core)"]} minWidth="32rem" pad="p-2">
            {page.plugs.map((p) => (
              <tr key={p.plug} className="border-t border-gray-100" title={p.text}>
                <td className="p-2 font-mono">{p.plug}</td>
                <td className="p-2 font-mono">{p.interface}</td>
                <td className="p-2">{p.autoConnectClassic ? <Badge tone="green">yes</Badge> : <Badge>no</Badge>}</td>
                <td className="p-2">{p.autoConnectCore ? <Badge tone="green">yes</Badge> : <Badge>no</Badge>}</td>
              </tr>
            ))}
          </DataTable>
        </Card>
      ) : null}
    </article>
  );
}
