import { notFound } from "next/navigation";
import { Badge, Card, DataTable } from "@/components/ui";
import { PublisherName } from "@/components/SnapCard";
import { getDb } from "@/lib/db/client";
import { getPublicSnap } from "@/lib/server/catalogue";
import { renderMarkdown } from "@/lib/markdown";
import { mediaUrl } from "@/lib/server/listing";
import { compareReleases, releaseChannel } from "@/lib/vocabulary";

export default async function SnapPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const snap = await getPublicSnap(getDb(), name);
  if (!snap) notFound();
  const releases = [...snap.releases].sort(compareReleases);
  const newest = releases[0]?.revision;
  const icon = snap.media.find((m) => m.type === "icon");
  const screenshots = snap.media.filter((m) => m.type === "screenshot");
  return (
    <article>
      <div className="mb-6 flex items-start gap-4">
        {icon ? (
          // eslint-disable-next-line @next/next/no-img-element -- served by /media with its own caching
          <img src={mediaUrl(icon.id)} alt="" width={64} height={64} className="h-16 w-16 rounded-lg" />
        ) : (
          <span aria-hidden className="flex h-16 w-16 items-center justify-center rounded-lg bg-gray-200 text-2xl font-semibold text-gray-600">
            {snap.name[0]?.toUpperCase()}
          </span>
        )}
        <div>
          <h1 className="text-3xl font-semibold">{snap.title || snap.name}</h1>
          <p className="text-gray-600">
            <PublisherName publisher={snap.owner} />
          </p>
          <p className="mt-2 text-lg">{snap.summary}</p>
        </div>
      </div>
      {screenshots.length ? (
        <ul aria-label="Screenshots" className="mb-6 flex gap-3 overflow-x-auto">
          {screenshots.map((m, i) => (
            <li key={m.id} className="shrink-0">
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={mediaUrl(m.id)} alt={`Screenshot ${i + 1} of ${snap.title || snap.name}`} className="h-48 rounded-md border border-gray-200" />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="grid gap-6 md:grid-cols-3">
        <Card className="md:col-span-2">
          <h2 className="mb-2 text-lg font-semibold">Description</h2>
          <div className="prose-snap" dangerouslySetInnerHTML={{ __html: renderMarkdown(snap.description ?? "") }} />
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Details</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-gray-600">name</dt>
            <dd className="font-mono">{snap.name}</dd>
            <dt className="text-gray-600">license</dt>
            <dd>{snap.license ?? "unset"}</dd>
            <dt className="text-gray-600">snap-id</dt>
            <dd className="break-all font-mono text-xs">{snap.snapId}</dd>
            <dt className="text-gray-600">confinement</dt>
            <dd>{newest?.confinement ?? "strict"}</dd>
            <dt className="text-gray-600">devmode</dt>
            <dd>{newest?.confinement === "devmode" ? "true" : "false"}</dd>
          </dl>
        </Card>
      </div>
      <Card className="mt-6">
        <h2 className="mb-2 text-lg font-semibold">Channels</h2>
        <DataTable label="Channels" columns={["Channel", "Version", "Revision", "Architecture", "Notes"]} minWidth="32rem" pad="p-2">
          {releases.map((r) => (
            <tr key={r.id} className="border-t border-gray-100">
              <td className="p-2 font-mono">{releaseChannel(r)}</td>
              <td className="p-2">{r.revision?.version}</td>
              <td className="p-2">({r.revision?.revision})</td>
              <td className="p-2">{r.architecture}</td>
              <td className="p-2">{r.revision?.confinement !== "strict" ? <Badge tone="amber">{r.revision?.confinement}</Badge> : "-"}</td>
            </tr>
          ))}
        </DataTable>
      </Card>
    </article>
  );
}
