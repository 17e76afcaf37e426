import { Card } from "@/components/ui";
import { UploadPanel } from "@/components/dashboard/UploadPanel";
import { getDb } from "@/lib/db/client";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { waitingReview } from "@/lib/server/review-queue";
import { maxUploadBytesFromEnv } from "@/lib/storage";
import { requestTypeLabel } from "@/lib/vocabulary";

export const metadata = { title: "Upload a revision" };
export const dynamic = "force-dynamic";

export default async function UploadPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const db = getDb();
  const { snap } = await requireOwnedSnapPage(db, name, `/dashboard/snaps/${name}/upload`);
  const waiting = await waitingReview(db, snap.id);
  // The requests it waits for, each linking to its entry on the snap's Requests page.
  const waitingFor = waiting && {
    since: waiting.since.toISOString(),
    requests: waiting.requests.map((r) => ({
      href: `/dashboard/snaps/${snap.name}/requests#request-${r.id}`,
      label: `${requestTypeLabel(r.type)}${r.interface ? ` (${r.interface})` : ""}`,
    })),
  };
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
        <UploadPanel
          name={snap.name}
          waitingRevision={waiting?.revision ?? null}
          waitingFor={waitingFor}
          maxBytes={Number.isFinite(maxBytes) ? maxBytes : null}
        />
      </Card>
    </div>
  );
}
