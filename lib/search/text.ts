// PURE: the text side of catalogue search, shared by both database backends so they index and
// rank the same way: normalisation, tokens, typo keys (one-deletion variants, as in SymSpell),
// the full-text query strings, and the ranking of candidates.

/** Lower case, accents removed, every run of anything but a-z0-9 becomes one space. */
export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Distinct tokens of a text, in order of first appearance. */
export function tokens(text: string | null | undefined, max = Infinity): string[] {
  if (!text) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of normalise(text).split(" ")) {
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
      if (out.length >= max) break;
    }
  }
  return out;
}

/** Words shorter than this get no typo keys: one deletion of "ab" would match half the store. */
export const TYPO_MIN = 3;
/** Longer words are cut for typo keys (people misspell the start of long names rarely). */
export const TYPO_MAX = 16;

/**
 * The typo keys of a word: the word and every one-character deletion of it. Two words share a
 * key when they are at most one edit apart counting an adjacent swap ("vcl"/"vlc" share "vl"),
 * or one insertion/deletion ("vlcc"/"vlc"), or one substitution ("vlx"/"vlc" share "vl").
 */
export function typoKeys(word: string): string[] {
  if (word.length < TYPO_MIN) return [];
  const w = word.slice(0, TYPO_MAX);
  const keys = new Set([w]);
  for (let i = 0; i < w.length; i++) keys.add(w.slice(0, i) + w.slice(i + 1));
  return [...keys];
}

/** Length of the word start that gets its own typo keys, for misspelled prefixes typed so far. */
export const TYPO_PREFIX = 5;

/**
 * Typo keys for every word of the given texts (the name and title: what people type): those of
 * the whole word and those of its first TYPO_PREFIX letters, so "kaliedo" (typed so far, two
 * letters swapped) meets "kaleidoscope" through "kalei"/"kalie" sharing "kale".
 */
export function docTypoKeys(...texts: (string | null | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const t of texts) {
    for (const w of tokens(t)) {
      for (const k of typoKeys(w)) keys.add(k);
      if (w.length > TYPO_PREFIX) for (const k of typoKeys(w.slice(0, TYPO_PREFIX))) keys.add(k);
    }
  }
  return [...keys].sort();
}

/**
 * The keys a query word looks up: its own, and for a word of TYPO_PREFIX+ letters those of its
 * start, allowing one swap, substitution, insertion (start one letter longer) or deletion (one
 * letter shorter) before the end of the prefix.
 */
export function queryTypoKeys(word: string): string[] {
  const keys = new Set(typoKeys(word));
  if (word.length >= TYPO_PREFIX) {
    for (const k of typoKeys(word.slice(0, TYPO_PREFIX))) keys.add(k);
    keys.add(word.slice(0, TYPO_PREFIX - 1));
    if (word.length > TYPO_PREFIX) for (const k of typoKeys(word.slice(0, TYPO_PREFIX + 1))) keys.add(k);
  }
  return [...keys];
}

/** Query tokens: at most 8 (a pasted paragraph is not a search). */
export function queryTokens(q: string | null | undefined): string[] {
  return tokens(q, 8);
}

/** Query tokens this short match only whole words, longer ones also as prefixes. */
export const PREFIX_MIN = 2;

/** SQLite FTS5 MATCH expression: every token (all) or any (OR), as a prefix when long enough. Tokens are [a-z0-9]+. */
export function fts5Query(qt: string[], all = false): string | null {
  if (!qt.length) return null;
  return qt.map((t) => (t.length >= PREFIX_MIN ? `"${t}"*` : `"${t}"`)).join(all ? " AND " : " OR ");
}

/** PostgreSQL to_tsquery('simple', …) text with the same meaning as fts5Query. */
export function tsQuery(qt: string[], all = false): string | null {
  if (!qt.length) return null;
  return qt.map((t) => (t.length >= PREFIX_MIN ? `${t}:*` : t)).join(all ? " & " : " | ");
}

export interface RankDoc {
  name: string;
  title: string;
  /** Normalised token strings of each field (space separated), as stored in SearchDoc. */
  tName: string;
  tTitle: string;
  tSummary: string;
  tMeta: string;
  tDesc: string;
  verified: boolean;
  /**
   * Instead of tDesc (the longest field, which the database would otherwise send for every
   * candidate): per query token, in queryTokens order, "2" when the description has the word,
   * "1" a word starting with it, "0" neither (lib/server/catalogue.ts, candidateCols, computes it
   * where the text is).
   */
  descMatch?: string;
}

/** The description's match quality per descMatch digit (wordMatch without typos). */
const DESC_MATCH = [0, 0.7, 1];

/**
 * The descMatch of a description for these query tokens: what the candidate query computes with
 * LIKE (lib/server/catalogue.ts), here for tests and as its definition.
 */
export function descMatchOf(qt: string[], tDesc: string): string {
  const words = tDesc ? tDesc.split(" ") : [];
  return qt.map((t) => String(DESC_MATCH.indexOf(wordMatch(t, words, false)))).join("");
}

const FIELD_WEIGHTS = [
  ["tName", 8],
  ["tTitle", 6],
  ["tSummary", 3],
  ["tMeta", 2],
  ["tDesc", 1],
] as const;

/** How well one query token matches a word: whole word, prefix, or one typo (name/title only). */
function wordMatch(q: string, words: string[], typos: boolean): number {
  let best = 0;
  for (const w of words) {
    if (w === q) return 1;
    if (q.length >= PREFIX_MIN && w.startsWith(q)) best = Math.max(best, 0.7);
    else if (typos && best < 0.5 && nearPrefix(q, w)) best = 0.5;
  }
  return best;
}

/** True when the query word is one edit from the word or from a start of it (typing in progress). */
export function nearPrefix(q: string, w: string): boolean {
  if (q.length < TYPO_MIN || w.length < TYPO_MIN) return false;
  // Candidates share most of their words (titles, name parts): ranking a few hundred of them asked
  // this of the same pairs thousands of times, building key sets each time (~15 ms per query).
  let known = nearMemo.get(q);
  if (!known) {
    if (nearMemo.size >= 16) nearMemo.clear();
    nearMemo.set(q, (known = new Map()));
  }
  let near = known.get(w);
  if (near === undefined) {
    near = nearPrefixUncached(q, w);
    if (known.size < 20_000) known.set(w, near);
  }
  return near;
}

/** Per query word, the words nearPrefix already answered for it (pure: the answer never changes). */
const nearMemo = new Map<string, Map<string, boolean>>();

function nearPrefixUncached(q: string, w: string): boolean {
  if (withinOneEdit(q, w)) return true;
  if (q.length < TYPO_PREFIX) return false;
  return [q.length - 1, q.length, q.length + 1].some((n) => n < w.length && withinOneEdit(q, w.slice(0, n)));
}

/** True when a and b are at most one edit apart (insert, delete, substitute, adjacent swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1 || a.length < TYPO_MIN || b.length < TYPO_MIN) return false;
  const ka = typoKeySet(a);
  return typoKeys(b).some((k) => ka.has(k));
}

// Ranking compares one query word with every word of hundreds of candidates: its key set is
// built once (the last word asked), not once per comparison.
let lastKeyWord = "";
let lastKeySet = new Set<string>();
function typoKeySet(word: string): Set<string> {
  if (word !== lastKeyWord) {
    lastKeySet = new Set(typoKeys(word));
    lastKeyWord = word;
  }
  return lastKeySet;
}

/**
 * Rank tier (lower first): 0 exact name, 1 name prefix, 2 every token in the title, 3 the rest.
 * The query is compared with the name as typed, and with the name's hyphens as spaces.
 */
export function rankTier(q: string, doc: Pick<RankDoc, "name" | "title">): number {
  return tierOf(prepareQuery(q), doc);
}

interface PreparedQuery {
  lower: string;
  nq: string;
  qt: string[];
}

/** What the tier needs of the query, computed once per ranking rather than once per candidate. */
const prepareQuery = (q: string): PreparedQuery => ({ lower: q.trim().toLowerCase(), nq: normalise(q), qt: queryTokens(q) });

function tierOf({ lower, nq, qt }: PreparedQuery, doc: Pick<RankDoc, "name" | "title">): number {
  const name = doc.name.toLowerCase();
  const nname = normalise(doc.name);
  if (lower === name || nq === nname) return 0;
  if (nq && (name.startsWith(lower) || nname.startsWith(nq))) return 1;
  const title = tokens(doc.title);
  if (qt.length && qt.every((t) => title.some((w) => w === t || (t.length >= PREFIX_MIN && w.startsWith(t))))) return 2;
  return 3;
}

/** Text relevance: per token, the best field weight × match quality; `all` when every token matched. */
export function relevance(qt: string[], doc: RankDoc): { score: number; all: boolean } {
  let score = 0;
  let matched = 0;
  for (const [i, t] of qt.entries()) {
    let best = 0;
    for (const [field, weight] of FIELD_WEIGHTS) {
      const typos = field === "tName" || field === "tTitle";
      const quality =
        field === "tDesc" && doc.descMatch !== undefined
          ? DESC_MATCH[Number(doc.descMatch[i] ?? 0)]
          : wordMatch(t, doc[field] ? doc[field].split(" ") : [], typos);
      const m = quality * weight;
      if (m > best) best = m;
    }
    if (best > 0) matched++;
    score += best;
  }
  return { score, all: matched === qt.length };
}

/**
 * Orders candidates: tier, then relevance, then verified publishers, then name. When some
 * candidates match every query word, the ones matching only some are dropped (AND, falling back
 * to OR); candidates matching no word at all are always dropped.
 */
export function rankDocs<T extends RankDoc>(q: string, docs: T[]): T[] {
  const pq = prepareQuery(q);
  const qt = pq.qt;
  const scored = docs.map((d) => ({ d, tier: tierOf(pq, d), ...relevance(qt, d) })).filter((s) => s.tier < 3 || s.score > 0);
  const anyAll = scored.some((s) => s.all);
  return scored
    .filter((s) => !anyAll || s.all || s.tier < 3)
    .sort(
      (a, b) => a.tier - b.tier || b.score - a.score || Number(b.d.verified) - Number(a.d.verified) || (a.d.name < b.d.name ? -1 : a.d.name > b.d.name ? 1 : 0),
    )
    .map((s) => s.d);
}
