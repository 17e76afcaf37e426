import Link from "next/link";
import { LinkButton } from "@/components/ui";
import { SnapCard } from "@/components/SnapCard";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { LISTING_CATEGORIES, LISTING_CATEGORY_SLUGS } from "@/lib/schemas/listing";
import { searchCatalogue, type CatalogueEntry } from "@/lib/server/catalogue";

export const dynamic = "force-dynamic";

function Shelf({ title, snaps, more }: { title: string; snaps: CatalogueEntry[]; more: string }) {
  if (!snaps.length) return null;
  return (
    <section className="mb-10" aria-label={title}>
      <div className="mb-4 flex items-center justify-between">
        <h2 className="text-xl font-semibold">{title}</h2>
        <LinkButton href={more} variant="secondary">
          See all
        </LinkButton>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {snaps.map((s) => (
          <SnapCard key={s.name} snap={s} />
        ))}
      </ul>
    </section>
  );
}

export default async function Home() {
  const db = getDb();
  const viewerId = (await getCurrentUser())?.id;
  // Featured: verified publishers' most recently updated snaps (the store has no curation table).
  const [featured, updated, fresh] = await Promise.all([
    searchCatalogue(db, { verifiedOnly: true, sort: "updated", take: 6, viewerId }),
    searchCatalogue(db, { sort: "updated", take: 6, viewerId }),
    searchCatalogue(db, { sort: "new", take: 6, viewerId }),
  ]);
  return (
    <div>
      <section className="mb-10 rounded-xl bg-gradient-to-r from-brand-700 to-brand-600 px-8 py-10 text-white">
        <h1 className="text-3xl font-semibold">Snaps for every Linux machine</h1>
        <p className="mt-2 max-w-2xl text-orange-50">
          Publish confined applications, get them reviewed, and install them on your devices. Devmode previews stay out of search; classic snaps need a
          reviewer&apos;s approval.
        </p>
        <form action="/search" className="mt-6 flex max-w-xl gap-2" role="search">
          <label htmlFor="home-q" className="sr-only">
            Search snaps
          </label>
          <input id="home-q" name="q" placeholder="Search snaps" className="flex-1 rounded-md bg-white px-3 py-2 text-gray-900 placeholder:text-gray-600" />
          <button className="rounded-md bg-white px-4 py-2 font-medium text-brand-700">Search</button>
        </form>
      </section>
      <Shelf title="Featured" snaps={featured} more="/search?verified=1&sort=updated" />
      <Shelf title="Recently updated" snaps={updated} more="/search?sort=updated" />
      <Shelf title="New" snaps={fresh} more="/search?sort=new" />
      <section aria-label="Categories" className="mb-10">
        <h2 className="mb-4 text-xl font-semibold">Categories</h2>
        <ul className="flex flex-wrap gap-2">
          {LISTING_CATEGORY_SLUGS.map((c) => (
            <li key={c}>
              <Link href={`/categories/${c}`} className="inline-block rounded-full border border-gray-300 bg-white px-3 py-1 text-sm hover:bg-gray-50">
                {LISTING_CATEGORIES[c]}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {!updated.length ? <p className="text-gray-600">No snaps have been published yet.</p> : null}
    </div>
  );
}
