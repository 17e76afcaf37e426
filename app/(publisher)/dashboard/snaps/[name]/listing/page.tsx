import Link from "next/link";
import { Card } from "@/components/ui";
import { ListingForm } from "@/components/dashboard/ListingForm";
import { MediaManager } from "@/components/dashboard/MediaManager";
import { getDb } from "@/lib/db/client";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { getListing } from "@/lib/server/listing";

export const metadata = { title: "Listing" };
export const dynamic = "force-dynamic";

export default async function ListingPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const db = getDb();
  const { user, snap } = await requireOwnedSnapPage(db, name, `/dashboard/snaps/${name}/listing`);
  const listing = await getListing(db, user, snap.name);
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Listing</h1>
        {listing.public ? (
          <Link href={`/snaps/${snap.name}`} className="text-sm text-blue-800 hover:underline">
            Open the public page
          </Link>
        ) : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <h2 className="mb-3 text-lg font-semibold">Store page details</h2>
          {listing.fromSnap.length ? (
            <p className="mb-3 rounded-md bg-blue-50 p-3 text-sm text-blue-900" data-testid="from-snap">
              From your snap&apos;s <code>snap.yaml</code> (newest revision) until you change them here: {listing.fromSnap.join(", ")}.
            </p>
          ) : null}
          <ListingForm name={snap.name} initial={listing.values} />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Images</h2>
          <MediaManager name={snap.name} icon={listing.icon} screenshots={listing.screenshots} snapIcon={listing.snapIcon} />
        </Card>
      </div>
    </div>
  );
}
