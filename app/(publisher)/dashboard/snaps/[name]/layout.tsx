import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui";
import { SnapTabs } from "@/components/dashboard/SnapTabs";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { getDb } from "@/lib/db/client";
import { isPublicSnap } from "@/lib/vocabulary";

export default async function SnapLayout({ children, params }: { children: ReactNode; params: Promise<{ name: string }> }) {
  const { name } = await params;
  // Each page checks again (layouts are not re-run on client navigations).
  const { snap } = await requireOwnedSnapPage(getDb(), name, `/dashboard/snaps/${name}`);
  return (
    <div>
      <p className="mb-1 text-sm">
        <Link href="/dashboard" className="text-blue-800 hover:underline">
          My snaps
        </Link>{" "}
        <span aria-hidden>/</span>
      </p>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <p className="font-mono text-xl font-semibold" data-testid="snap-name">
          {snap.name}
        </p>
        {snap.nameStatus === "pending_review" ? <Badge tone="amber">name pending review</Badge> : null}
        {snap.nameStatus === "rejected" ? <Badge tone="red">name rejected</Badge> : null}
        {snap.classicGranted ? <Badge tone="blue">classic granted</Badge> : null}
        {snap.private ? <Badge>private</Badge> : null}
        {isPublicSnap(snap) ? (
          <Link href={`/snaps/${snap.name}`} className="text-sm text-blue-800 hover:underline">
            View store page
          </Link>
        ) : null}
      </div>
      <SnapTabs name={snap.name} />
      {children}
    </div>
  );
}
