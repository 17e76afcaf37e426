// PURE: a snap's search document, from its row, owner, channel map and newest snap.yaml. The
// listed rule lives here: name approved, and a non-devmode revision in an open channel. Devmode
// revisions never make a snap listed, nor give it a confinement filter.
import { docTypoKeys, tokens } from "./text";
import { effectiveListing, type StoredListing } from "./listing";

/** Description words indexed (PostgreSQL's tsvector has size limits; the start says enough). */
export const DESC_TOKENS = 300;

export interface DocSource {
  snap: StoredListing & { id: string; name: string; categories: unknown; private: boolean; nameStatus: string };
  owner: { userId: string; username: string; displayName: string; validation: string };
  /** Current channel map rows (revision null = closed channel). */
  releases: { releasedAt: Date; revision: { confinement: string | null } | null }[];
  /** Revision.meta of the newest processed revision, for the listing fallback. */
  meta: unknown;
}

export interface SearchDocRow {
  snapId: string;
  name: string;
  title: string;
  listed: boolean;
  private: boolean;
  ownerUserId: string;
  verified: boolean;
  strict: boolean;
  classic: boolean;
  categories: string;
  tName: string;
  tTitle: string;
  tSummary: string;
  tMeta: string;
  tDesc: string;
  body: string;
  releasedAt: Date | null;
  firstReleasedAt: Date | null;
}

export function categoryList(categories: unknown): string[] {
  return Array.isArray(categories) ? categories.filter((c): c is string => typeof c === "string") : [];
}

export function buildSearchDoc(src: DocSource): { doc: SearchDocRow; keys: string[] } {
  const { snap, owner } = src;
  const listing = effectiveListing(snap, src.meta).values;
  const open = src.releases.filter((r) => r.revision && r.revision.confinement && r.revision.confinement !== "devmode");
  const confinements = new Set(open.map((r) => r.revision!.confinement));
  const times = open.map((r) => r.releasedAt.getTime());
  const cats = categoryList(snap.categories);
  // The name as one token and as its parts ("visual-studio-code" → visual studio code).
  const tName = [...new Set([snap.name.toLowerCase(), ...tokens(snap.name)])].join(" ");
  const tTitle = tokens(listing.title).join(" ");
  const tSummary = tokens(listing.summary).join(" ");
  const tMeta = tokens([owner.username, owner.displayName, ...cats].join(" ")).join(" ");
  const tDesc = tokens(listing.description, DESC_TOKENS).join(" ");
  const doc: SearchDocRow = {
    snapId: snap.id,
    name: snap.name,
    title: listing.title ?? "",
    listed: snap.nameStatus === "active" && open.length > 0,
    private: snap.private,
    ownerUserId: owner.userId,
    verified: owner.validation === "verified" || owner.validation === "starred",
    strict: confinements.has("strict"),
    classic: confinements.has("classic"),
    categories: cats.length ? ` ${cats.join(" ")} ` : "",
    tName,
    tTitle,
    tSummary,
    tMeta,
    tDesc,
    // FTS sees only [a-z0-9 ] so both backends tokenise it identically.
    body: tokens([tName, tTitle, tSummary, tMeta, tDesc].join(" ")).join(" "),
    releasedAt: times.length ? new Date(Math.max(...times)) : null,
    firstReleasedAt: times.length ? new Date(Math.min(...times)) : null,
  };
  return { doc, keys: docTypoKeys(snap.name, listing.title) };
}
