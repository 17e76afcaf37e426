import { LinkButton } from "@/components/ui";
import { SnapCard } from "@/components/SnapCard";
import { getDb } from "@/lib/db/client";
import { searchCatalogue } from "@/lib/server/catalogue";

export const dynamic = "force-dynamic";

export default async function Home() {
  const snaps = await searchCatalogue(getDb(), { take: 12 });
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
      <div className="mb-4 flex items-center justify-between">
        <h2 className="text-xl font-semibold">In the store</h2>
        <LinkButton href="/search" variant="secondary">
          Browse all
        </LinkButton>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {snaps.map((s) => (
          <SnapCard key={s.name} snap={s} />
        ))}
      </ul>
    </div>
  );
}
