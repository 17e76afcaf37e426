// The catalogue search input (the /search page's query string; the store API maps its own).
import { z } from "zod";
import { LISTING_CATEGORY_SLUGS } from "./listing";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const many = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : String(v).split(","));

export const catalogueSearchSchema = z.object({
  q: z.preprocess(one, z.string().max(200).optional()).transform((s) => s?.trim() || undefined),
  category: z.preprocess(one, z.enum(LISTING_CATEGORY_SLUGS).optional()).catch(undefined),
  confinement: z.preprocess(many, z.array(z.string())).transform((a) => a.filter((c): c is "strict" | "classic" => c === "strict" || c === "classic")),
  verified: z.preprocess(one, z.string().optional()).transform((v) => v === "1" || v === "true" || v === "on"),
  page: z.preprocess(one, z.coerce.number().int().min(1).max(1000)).catch(1),
  sort: z.preprocess(one, z.enum(["relevance", "name", "updated", "new"]).optional()).catch(undefined),
});

export type CatalogueSearchInput = z.infer<typeof catalogueSearchSchema>;

/** Query string for a search (only the set parts), for links to other pages of the results. */
export function catalogueSearchHref(s: Partial<CatalogueSearchInput>, base = "/search"): string {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.category) p.set("category", s.category);
  for (const c of s.confinement ?? []) p.append("confinement", c);
  if (s.verified) p.set("verified", "1");
  if (s.sort) p.set("sort", s.sort);
  if (s.page && s.page > 1) p.set("page", String(s.page));
  const qs = p.toString();
  return qs ? `${base}?${qs}` : base;
}
