/**
 * How much a snap.yaml may contain before the store refuses it, checked BEFORE the expensive work
 * (YAML composition, validation), so that the cost of reading any upload is bounded and linear.
 *
 * Each limit sits far above what real snaps use. The figures in the comments are the maxima of
 * snapd's own test suite (383 snap.yaml files, ../shared/corpus/snapd-snap-yaml), measured with
 * the yaml package's Lexer/Parser and after composing; snapd's corpus holds its largest fixtures
 * (105 apps, 37 slots declared by one provider snap).
 *
 * Pure: no I/O.
 */

/**
 * YAML lexemes (tokens incl. white space and comments). Corpus max 2,756. Counted by a lexing pass
 * of its own before parsing (lexing is ~4x cheaper than parsing), so it bounds the parser's work.
 */
export const MAX_YAML_TOKENS = 20_000;
/** Lines. Corpus max 337. Counted before any parsing. */
export const MAX_YAML_LINES = 20_000;
/**
 * Characters of one scalar as written (quotes, escapes and indentation included). The longest
 * field snapd reads is a description of 4,096 code points (up to ~25,000 characters escaped).
 */
export const MAX_SCALAR_CHARS = 65_536;
/** Characters of all scalars together, as written. Corpus max: under 7,300 (whole files). */
export const MAX_TEXT_CHARS = 262_144;
/** Nesting of the YAML parser's stack (documents, maps, sequences, flow collections). Corpus max 8. */
export const MAX_YAML_PARSE_DEPTH = 64;
/** Nesting of collections in the composed document. Corpus max 6 (a mount-control plug). */
export const MAX_YAML_DEPTH = 32;
/** Nodes (scalars, maps, sequences) after expanding aliases. Corpus max 774. */
export const MAX_YAML_NODES = 20_000;
/** Anchors and aliases. Corpus max 2 anchors, 8 aliases. */
export const MAX_YAML_ALIASES = 100;
/** Entries in one mapping or sequence. Corpus max 105 keys (apps), 26 items. */
export const MAX_COLLECTION_ENTRIES = 2_000;

/**
 * `apps:` entries. Corpus max 105. (An app with a command and a plugs list is ~25 YAML tokens, so
 * MAX_YAML_TOKENS would refuse much more than 800 of them anyway.)
 */
export const MAX_APPS = 500;
/** `hooks:` entries. Corpus max 1 (hooks usually live only in meta/hooks/). */
export const MAX_HOOKS = 200;
/** Plugs, top-level and listed by apps and hooks (after binding). Corpus max 109. */
export const MAX_PLUGS = 500;
/** Slots, top-level and listed by apps and hooks. Corpus max 73. */
export const MAX_SLOTS = 500;
/** Nesting of one plug's or slot's attributes. Corpus max 4 (mount-control). */
export const MAX_ATTRIBUTE_DEPTH = 16;
/** Legacy app aliases over all apps. Corpus max 2. */
export const MAX_APP_ALIASES = 1_000;
/** Layout entries. Corpus max 11. */
export const MAX_LAYOUTS = 200;
/** Sockets over all apps. Corpus max 4. */
export const MAX_SOCKETS = 200;

/**
 * Entries in the directories read-snap.ts looks into, counted before any lookup there (a lookup
 * parses the whole listing). Real snaps have a few dozen top-level entries, under 10 in meta/ and
 * a handful of desktop files and icons in meta/gui (read-snap.ts keeps at most 64 desktop files).
 */
export const MAX_ROOT_ENTRIES = 10_000;
export const MAX_META_ENTRIES = 1_000;
export const MAX_GUI_ENTRIES = 1_000;

/** "1,000" */
export function fmtCount(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * Characters of a REFUSED revision's snap.yaml the store keeps (the publisher and reviewers see
 * it to understand the refusal; the first 64k characters say as much as a megabyte would). Why
 * keep less: writing a long string through Prisma's query compiler runs on the server's one
 * request thread and costs ~25 ms per MiB of ASCII but ~275 ms per MiB of emoji (measured with
 * Prisma 6.19), so a megabyte of a hostile snap.yaml refused by the limits above would otherwise
 * stall every other request while it is recorded. Accepted documents are bounded by the limits.
 */
export const MAX_REFUSED_YAML_CHARS = 65_536;

/** The part of a refused revision's snap.yaml the store records, marked when it was cut. */
export function clipRefusedYaml(text: string | null): string | null {
  if (text === null || text.length <= MAX_REFUSED_YAML_CHARS) return text;
  let end = MAX_REFUSED_YAML_CHARS;
  // Never split a surrogate pair (an emoji is two UTF-16 units).
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}\n# [cut by the store: this snap.yaml has ${fmtCount(text.length)} characters; the first ${fmtCount(end)} are kept]\n`;
}
