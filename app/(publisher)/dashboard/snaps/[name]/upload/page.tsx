import { Card } from "@/components/ui";
import { UploadPanel } from "@/components/dashboard/UploadPanel";
import { getDb } from "@/lib/db/client";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { findWaitingRevision } from "@/lib/server/revisions";
import { maxUploadBytesFromEnv } from "@/lib/storage";

export const metadata = { title: "Upload a revision" };
export const dynamic = "force-dynamic";

export default async function UploadPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const db = getDb();
  const { snap } = await requireOwnedSnapPage(db, name, `/dashboard/snaps/${name}/upload`);
  const waiting = await findWaitingRevision(db, snap.id);
  let maxBytes: number | null;
  try {
    maxBytes = maxUploadBytesFromEnv();
  } catch {
    maxBytes = null;
  }
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Upload a revision</h1>
      {snap.nameStatus === "pending_review" ? (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          This name is reserved and waits for review: uploads are refused until the store approves it.
        </p>
      ) : null}
      <Card>
        <UploadPanel name={snap.name} waitingRevision={waiting?.revision ?? null} maxBytes={Number.isFinite(maxBytes) ? maxBytes : null} />
      </Card>
    </div>
  );
}
