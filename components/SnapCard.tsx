import Link from "next/link";
import { Badge } from "./ui";

export function PublisherName({ publisher }: { publisher: { displayName: string; validation: string } }) {
  return (
    <span>
      {publisher.displayName}
      {publisher.validation === "verified" ? (
        <span title="Verified publisher" aria-label="verified publisher" className="ml-1 text-green-700">
          ✓
        </span>
      ) : null}
      {publisher.validation === "starred" ? (
        <span title="Star developer" aria-label="star developer" className="ml-1 text-amber-600">
          ✪
        </span>
      ) : null}
    </span>
  );
}

export function SnapCard({
  snap,
}: {
  snap: {
    name: string;
    title: string | null;
    summary: string | null;
    version: string | null;
    confinement: string | null;
    iconUrl?: string | null;
    publisher: { displayName: string; validation: string };
  };
}) {
  return (
    <li className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <div className="flex items-start gap-3">
        <SnapIcon name={snap.name} url={snap.iconUrl ?? null} size={40} />
        <div>
          <Link href={`/snaps/${snap.name}`} className="text-lg font-semibold text-blue-800 hover:underline">
            {snap.title || snap.name}
          </Link>
          <p className="text-sm text-gray-600">
            <PublisherName publisher={snap.publisher} />
          </p>
        </div>
      </div>
      <p className="mt-2 text-gray-800">{snap.summary}</p>
      <div className="mt-2 flex gap-2">
        {snap.version ? <Badge>{snap.version}</Badge> : null}
        {snap.confinement === "classic" ? <Badge tone="amber">classic</Badge> : null}
      </div>
    </li>
  );
}

/** The listing icon, or the name's first letter on a grey square. */
export function SnapIcon({ name, url, size }: { name: string; url: string | null; size: number }) {
  return url ? (
    // eslint-disable-next-line @next/next/no-img-element -- served by /media with its own caching
    <img src={url} alt="" width={size} height={size} className="shrink-0 rounded-lg" style={{ width: size, height: size }} />
  ) : (
    <span
      aria-hidden
      className="flex shrink-0 items-center justify-center rounded-lg bg-gray-200 font-semibold text-gray-600"
      style={{ width: size, height: size, fontSize: size / 2.5 }}
    >
      {name[0]?.toUpperCase()}
    </span>
  );
}
