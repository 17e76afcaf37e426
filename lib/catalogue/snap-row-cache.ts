// PURE: a per-instance cache of one value per snap (the store API's rows of a snap) that survives
// catalogue writes to OTHER snaps. GenerationCache empties itself whenever the catalogue
// generation moves, so with a write every few seconds a large catalogue is always cold; here, the
// database's change log (CatalogueChange: which generation last changed each snap, written by the
// triggers that move CatalogueGen) tells which entries a new generation makes stale, and only
// those go.
//
// The protocol (lib/server/store-cache.ts drives it):
//   1. read the generation G (one primary-key read), BEFORE any data;
//   2. if behind(G), read the snaps changed after since() and call advance(G, changed);
//   3. get(key); on a miss, load the snap and set(G, key, value, snapId).
// Why this is correct: a value loaded after reading G reflects at least every write up to G; it
// is stored only if no advance past G happened meanwhile (an advance that evicted its snap could
// otherwise be undone by a late store); and every later advance from a generation <= G evicts
// every snap whose last change is after that generation, which covers every change after G.
// A value may be newer than the generation its reader read, never older.

export interface SnapRowCacheOptions {
  /** Entries kept at most; the oldest stored goes first. */
  maxEntries: number;
  /** An advance with more changed snaps than this empties everything (one query, bounded work). */
  maxChanges: number;
}

export class SnapRowCache<V> {
  private seen = -1;
  /** key → value and the snap it belongs to (null: a cached "absent", tied to no snap). */
  private readonly entries = new Map<string, { value: V | null; snap: string | null }>();
  /** snap → its keys (a snap is cached under its id, snap-id and name). */
  private readonly bySnap = new Map<string, Set<string>>();
  hits = 0;
  misses = 0;

  constructor(private readonly opts: SnapRowCacheOptions) {}

  /** The generation the cache reflects (changes up to it are applied); -1 before the first. */
  since(): number {
    return this.seen;
  }

  /** True when generation `gen` is newer than what the cache reflects: call advance first. */
  behind(gen: number): boolean {
    return gen > this.seen;
  }

  /** True when an advance needs the change list (an empty cache just moves on). */
  needsChanges(): boolean {
    return this.seen >= 0 && this.entries.size > 0;
  }

  /**
   * Moves to generation `gen`, dropping the snaps changed after since() (`changed`: their ids,
   * read after `gen` was; "all" when unknown or too many). Absent entries always go: a snap
   * created or made public under any name is not in them.
   */
  advance(gen: number, changed: readonly string[] | "all"): void {
    if (gen <= this.seen) {
      // A slower reader's list (read after an older generation) still names real changes.
      if (changed !== "all") for (const s of changed) this.evictSnap(s);
      return;
    }
    this.seen = gen;
    if (changed === "all" || changed.length > this.opts.maxChanges) {
      this.entries.clear();
      this.bySnap.clear();
      return;
    }
    for (const s of changed) this.evictSnap(s);
    for (const [k, e] of this.entries) if (e.snap === null) this.entries.delete(k);
  }

  /** The cached value (null: cached as absent), or undefined on a miss. */
  get(key: string): V | null | undefined {
    const e = this.entries.get(key);
    if (e === undefined) this.misses++;
    else this.hits++;
    return e?.value;
  }

  /**
   * Stores a value loaded after reading generation `gen`; ignored if an advance passed `gen`, or
   * without a generation (-1: no CatalogueGen row, so no write would ever evict it).
   */
  set(gen: number, key: string, value: V | null, snap: string | null): void {
    if (gen < 0 || gen < this.seen || this.opts.maxEntries <= 0) return;
    this.deleteKey(key);
    while (this.entries.size >= this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.deleteKey(oldest);
    }
    this.entries.set(key, { value, snap });
    if (snap !== null) {
      let keys = this.bySnap.get(snap);
      if (!keys) this.bySnap.set(snap, (keys = new Set()));
      keys.add(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private deleteKey(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    if (e.snap !== null) {
      const keys = this.bySnap.get(e.snap);
      keys?.delete(key);
      if (keys && keys.size === 0) this.bySnap.delete(e.snap);
    }
  }

  private evictSnap(snap: string): void {
    const keys = this.bySnap.get(snap);
    if (!keys) return;
    for (const k of keys) this.entries.delete(k);
    this.bySnap.delete(snap);
  }
}
