import { EmptyState, PageHeader, inputClass } from "@/components/ui";
import { SnapCard } from "@/components/SnapCard";
import { getDb } from "@/lib/db/client";
import { searchCatalogue } from "@/lib/server/catalogue";

export const metadata = { title: "Browse snaps" };

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string; category?: string }> }) {
  const { q, category } = await searchParams;
  const snaps = await searchCatalogue(getDb(), { q, category });
  return (
    <div>
      <PageHeader title={q ? `Results for “${q}”` : "Browse snaps"} />
      <form role="search" className="mb-6 flex max-w-xl gap-2">
        <label htmlFor="q" className="sr-only">
          Search snaps
        </label>
        <input id="q" name="q" defaultValue={q} placeholder="Search by name or summary" className={inputClass} />
        <button className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white">Search</button>
      </form>
      {snaps.length ? (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Search results">
          {snaps.map((s) => (
            <SnapCard key={s.name} snap={s} />
          ))}
        </ul>
      ) : (
        <EmptyState>No snaps match. Try another word.</EmptyState>
      )}
    </div>
  );
}
