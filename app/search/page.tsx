import Link from "next/link";
import { Suspense } from "react";
import { Alert, EmptyState, PageHeader, Pager } from "@/components/ui";
import { SearchBox } from "@/components/SearchBox";
import { SnapCard } from "@/components/SnapCard";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { catalogueSearchHref, catalogueSearchSchema } from "@/lib/schemas/catalogue";
import { LISTING_CATEGORIES, LISTING_CATEGORY_SLUGS } from "@/lib/schemas/listing";
import { searchCataloguePage, type CataloguePage } from "@/lib/server/catalogue";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 24;

export async function generateMetadata({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const s = catalogueSearchSchema.parse(await searchParams);
  return { title: s.q ? `“${s.q}” – search` : s.category ? `${LISTING_CATEGORIES[s.category]} snaps` : "Browse snaps" };
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const s = catalogueSearchSchema.parse(await searchParams);
  const user = await getCurrentUser();
  let result: CataloguePage | null = null;
  try {
    result = await searchCataloguePage(getDb(), {
      q: s.q,
      category: s.category,
      confinement: s.confinement,
      verifiedOnly: s.verified,
      page: s.page,
      pageSize: PAGE_SIZE,
      sort: s.sort,
      viewerId: user?.id,
    });
  } catch (err) {
    console.error("catalogue search failed", err);
  }
  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  const filtered = !!(s.category || s.confinement.length || s.verified);
  return (
    <div>
      <PageHeader title={s.q ? `Results for “${s.q}”` : s.category ? `${LISTING_CATEGORIES[s.category]} snaps` : "Browse snaps"} />
      <form role="search" action="/search" className="mb-6 grid gap-3">
        <div className="flex max-w-xl gap-2">
          <Suspense>
            <SearchBox initial={s.q ?? ""} />
          </Suspense>
          <button className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white">Search</button>
        </div>
        <fieldset className="flex flex-wrap items-center gap-4 text-sm">
          <legend className="sr-only">Filters</legend>
          <label className="flex items-center gap-2">
            Category
            <select name="category" defaultValue={s.category ?? ""} className="rounded-md border border-gray-300 bg-white px-2 py-1">
              <option value="">Any</option>
              {LISTING_CATEGORY_SLUGS.map((c) => (
                <option key={c} value={c}>
                  {LISTING_CATEGORIES[c]}
                </option>
              ))}
            </select>
          </label>
          {(["strict", "classic"] as const).map((c) => (
            <label key={c} className="flex items-center gap-1">
              <input type="checkbox" name="confinement" value={c} defaultChecked={s.confinement.includes(c)} /> {c}
            </label>
          ))}
          <label className="flex items-center gap-1">
            <input type="checkbox" name="verified" value="1" defaultChecked={s.verified} /> verified publishers only
          </label>
          <button className="rounded-md border border-gray-300 bg-white px-3 py-1">Apply</button>
        </fieldset>
      </form>
      {!result ? (
        <Alert kind="error">Search is unavailable right now. Please try again in a moment.</Alert>
      ) : result.items.length ? (
        <>
          <p className="mb-3 text-sm text-gray-600" aria-live="polite">
            {result.total} snap{result.total === 1 ? "" : "s"}
            {pages > 1 ? ` · page ${s.page} of ${pages}` : ""}
          </p>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Search results">
            {result.items.map((snap) => (
              <SnapCard key={snap.name} snap={snap} />
            ))}
          </ul>
          <Pager label="Pages" page={s.page} pages={pages} href={(n) => catalogueSearchHref({ ...s, page: n })} />
        </>
      ) : s.q || filtered ? (
        <EmptyState>
          No snaps match{s.q ? ` “${s.q}”` : ""}
          {filtered ? " with these filters" : ""}. Try fewer words or <Link href="/search">clear the filters</Link>.
        </EmptyState>
      ) : (
        <EmptyState>No snaps have been published yet.</EmptyState>
      )}
    </div>
  );
}
