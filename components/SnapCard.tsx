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
    publisher: { displayName: string; validation: string };
  };
}) {
  return (
    <li className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <Link href={`/snaps/${snap.name}`} className="text-lg font-semibold text-blue-800 hover:underline">
        {snap.title || snap.name}
      </Link>
      <p className="text-sm text-gray-600">
        <PublisherName publisher={snap.publisher} />
      </p>
      <p className="mt-2 text-gray-800">{snap.summary}</p>
      <div className="mt-2 flex gap-2">
        {snap.version ? <Badge>{snap.version}</Badge> : null}
        {snap.confinement === "classic" ? <Badge tone="amber">classic</Badge> : null}
      </div>
    </li>
  );
}
