// PURE: a cache whose entries are valid for one catalogue generation only (CatalogueGen, moved by
// database triggers on every catalogue write). The caller reads the generation BEFORE computing a
// value, so a value stored under generation G reflects at least every write up to G. A newer
// generation empties the cache; a caller that read an older one neither reads nor writes it.
// Used by the store API and search (lib/server/store-cache.ts) and by the anonymous page cache in
// front of Next (server/serve.ts).

/** Default weight of an entry that is not a string (one snap's rows). */
export const ROW_WEIGHT = 4096;

export class GenerationCache {
  private gen = -1;
  private readonly entries = new Map<string, { value: unknown; weight: number }>();
  private weight = 0;
  hits = 0;
  misses = 0;

  /** `max`: the budget in estimated bytes (0 keeps nothing). */
  constructor(private readonly max: number) {}

  private advance(gen: number): boolean {
    if (gen < 0 || gen < this.gen) return false;
    if (gen > this.gen) {
      this.gen = gen;
      this.entries.clear();
      this.weight = 0;
    }
    return true;
  }

  /** The entry computed under this generation (undefined = not cached; null may be a cached "absent"). */
  get<T>(gen: number, key: string): T | undefined {
    const v = this.advance(gen) ? (this.entries.get(key)?.value as T | undefined) : undefined;
    if (v === undefined) this.misses++;
    else this.hits++;
    return v;
  }

  /** `weight`: the entry's estimated bytes when it is neither a string nor one snap's rows. */
  set(gen: number, key: string, value: unknown, weight = typeof value === "string" ? value.length : ROW_WEIGHT): void {
    if (!this.advance(gen) || gen !== this.gen) return;
    if (weight > this.max) return;
    const old = this.entries.get(key);
    if (old) {
      this.weight -= old.weight;
      this.entries.delete(key);
    }
    // Oldest first out: Map keeps insertion order.
    for (const [k, e] of this.entries) {
      if (this.weight + weight <= this.max) break;
      this.entries.delete(k);
      this.weight -= e.weight;
    }
    this.entries.set(key, { value, weight });
    this.weight += weight;
  }
}

/**
 * Where instrumentation.ts leaves `() => Promise<number>`, the catalogue generation read through
 * the app's own database client, for the page cache in front of Next (server/page-cache.ts), which
 * runs in the same process but outside Next's bundles.
 */
export const CATALOGUE_GENERATION_HOOK = Symbol.for("snapstore.catalogueGeneration");
