import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui";
import { RevisionResult } from "@/components/dashboard/RevisionResult";
import { WithdrawButton } from "@/components/dashboard/WithdrawButton";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { getRevisionDetails } from "@/lib/server/revisions";
import { WAITING_STATUS } from "@/lib/vocabulary";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string; revision: string }> }) {
  const { name, revision } = await params;
  return { title: `${name} revision ${revision}` };
}

export default async function RevisionPage({ params }: { params: Promise<{ name: string; revision: string }> }) {
  const { name, revision } = await params;
  const db = getDb();
  const { user, snap } = await requireOwnedSnapPage(db, name, `/dashboard/snaps/${name}/revisions/${revision}`);
  if (!/^[1-9]\d{0,9}$/.test(revision)) notFound();
  const details = await getRevisionDetails(db, user, snap.name, Number(revision)).catch((err) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link href={`/dashboard/snaps/${snap.name}/revisions`} className="text-blue-800 hover:underline">
          All revisions
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-semibold">Revision {details.revision}</h1>
      <Card>
        <RevisionResult d={details} />
        {details.status === WAITING_STATUS ? (
          <div className="mt-4">
            <WithdrawButton name={snap.name} revision={details.revision} />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
