// PURE: the listing a visitor sees. Until the publisher saves a field, it shows the value from the
// newest processed revision's snap.yaml, so a first release is not an empty page.

export const YAML_LISTING_FIELDS = ["title", "summary", "description", "license", "website", "contact"] as const;
export type YamlListingField = (typeof YAML_LISTING_FIELDS)[number];

export interface StoredListing {
  title: string | null;
  summary: string | null;
  description: string | null;
  license: string | null;
  website: string | null;
  contact: string | null;
  /** Comma separated fields the publisher saved (Snap.listingEdited). */
  listingEdited: string;
}

/** The listing fields of snap.yaml (Revision.meta); `website`/`contact` from snap.yaml's links when present. */
export function yamlListing(meta: unknown): Partial<Record<YamlListingField, string>> {
  if (!meta || typeof meta !== "object") return {};
  const m = meta as Record<string, unknown>;
  const out: Partial<Record<YamlListingField, string>> = {};
  for (const f of YAML_LISTING_FIELDS) {
    const v = m[f];
    if (typeof v === "string" && v.trim()) out[f] = v.trim();
  }
  const links = m.links as Record<string, unknown> | undefined;
  const first = (k: string) =>
    Array.isArray(links?.[k]) && typeof (links?.[k] as unknown[])[0] === "string" ? ((links?.[k] as string[])[0] as string) : undefined;
  out.website ??= first("website");
  out.contact ??= first("contact");
  return out;
}

export function editedFields(listingEdited: string): Set<string> {
  return new Set(listingEdited.split(",").filter(Boolean));
}

export interface EffectiveListing {
  values: Record<YamlListingField, string | null>;
  /** Fields whose shown value comes from snap.yaml. */
  fromSnap: YamlListingField[];
}

/** Saved value when the publisher saved the field (even empty) or set it otherwise; else snap.yaml's. */
export function effectiveListing(stored: StoredListing, meta: unknown): EffectiveListing {
  const yaml = yamlListing(meta);
  const edited = editedFields(stored.listingEdited);
  const values = {} as Record<YamlListingField, string | null>;
  const fromSnap: YamlListingField[] = [];
  for (const f of YAML_LISTING_FIELDS) {
    const own = stored[f];
    if (edited.has(f) || (own !== null && own !== "")) values[f] = own || null;
    else if (yaml[f]) {
      values[f] = yaml[f];
      fromSnap.push(f);
    } else values[f] = null;
  }
  return { values, fromSnap };
}
