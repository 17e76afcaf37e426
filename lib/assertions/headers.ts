/**
 * Assertion header values and their text form, as snapd 2.57's `asserts` package writes and reads
 * them (asserts/headers.go: appendEntry, parseHeaders). Pure.
 *
 * A header value is a string, a list or a map, nested, with strings as the only scalars:
 *
 *     name: simple value
 *     multi:
 *         line one          <- 4 spaces (plus the nesting indent) quote a multi-line string
 *         line two
 *     list:
 *       - a                 <- "  -" per entry
 *       -
 *         key: v            <- nesting grows by the length of the entry's introduction minus 1
 *     map:
 *       key: value          <- entries sorted by key (Go's sort.Strings: byte order)
 *
 * Empty lists and maps are not written at all (snapd omits them), so an encoder must never rely on
 * one surviving a round trip.
 */

export type HeaderValue = string | HeaderValue[] | { [key: string]: HeaderValue };
export type Headers = Record<string, HeaderValue>;

/** snapd's headerNameValidity: header names and map keys. */
export const HEADER_NAME_RE = /^[a-z](?:-?[a-z0-9])*$/;

const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const COMMON_PREFIX = "  ";
const MULTILINE_PREFIX = "    ";
const LIST_PREFIX = "  -";

/** Go's sort.Strings order (bytes of UTF-8). Header names are ASCII, but map keys need not be checked twice. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Appends one entry: `intro` is "name:" (or the list/map introduction) at the current nesting. */
function appendEntry(out: string[], intro: string, v: HeaderValue | undefined, baseIndent: number): void {
  if (v === undefined) return;
  if (typeof v === "string") {
    out.push("\n", intro);
    if (v.includes("\n")) {
      const pfx = " ".repeat(baseIndent) + MULTILINE_PREFIX;
      out.push("\n", pfx, v.split("\n").join("\n" + pfx));
    } else {
      out.push(" ", v);
    }
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return;
    out.push("\n", intro);
    const pfx = " ".repeat(baseIndent) + LIST_PREFIX;
    for (const elem of v) appendEntry(out, pfx, elem, baseIndent + LIST_PREFIX.length - 1);
    return;
  }
  const keys = Object.keys(v).sort(byteOrder);
  if (keys.length === 0) return;
  out.push("\n", intro);
  const pfx = " ".repeat(baseIndent) + COMMON_PREFIX;
  for (const key of keys) appendEntry(out, `${pfx}${key}:`, v[key], pfx.length);
}

/** "\nname: value" (or the multi-line form) exactly as snapd's writeHeader emits it. */
export function encodeHeader(name: string, value: HeaderValue | undefined): string {
  const out: string[] = [];
  appendEntry(out, `${name}:`, value, 0);
  return out.join("");
}

/**
 * Problems that would make snapd refuse or silently change a header value: non-string scalars,
 * invalid map keys, lone surrogates (not encodable as UTF-8). Empty lists/maps are reported too,
 * because snapd drops them when encoding (the meaning would change). [] when fine.
 */
export function checkHeaderValue(value: unknown, at: string): string[] {
  if (typeof value === "string") {
    return LONE_SURROGATE_RE.test(value) ? [`${at}: not valid Unicode text`] : [];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${at}: an empty list (snapd drops it; leave the header out instead)`];
    return value.flatMap((v, i) => checkHeaderValue(v, `${at}[${i}]`));
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [`${at}: an empty map (snapd drops it; leave the header out instead)`];
    return entries.flatMap(([k, v]) =>
      HEADER_NAME_RE.test(k)
        ? checkHeaderValue(v, `${at}.${k}`)
        : [`${at}: invalid key ${JSON.stringify(k)} (lowercase letters, digits and single dashes, starting with a letter)`],
    );
  }
  return [`${at}: must be a string, a list or a map (got ${value === null ? "null" : typeof value})`];
}

// ---------------------------------------------------------------------------------------------
// Parsing (a port of parseHeaders, for our own tests and for reading stored assertions back)
// ---------------------------------------------------------------------------------------------

export class HeaderParseError extends Error {
  override name = "HeaderParseError";
}

interface Parsed {
  value: HeaderValue;
  next: number;
}

function nestingPrefix(baseIndent: number, prefix: string): string {
  return " ".repeat(baseIndent) + prefix;
}

function parseEntry(consumed: number, first: number, lines: string[], baseIndent: number): Parsed {
  const entry = lines[first];
  const i = first + 1;
  if (consumed === entry.length) {
    const basePrefix = nestingPrefix(baseIndent, COMMON_PREFIX);
    if (i < lines.length && lines[i].startsWith(basePrefix)) {
      const rest = lines[i].slice(basePrefix.length);
      if (rest.startsWith("-")) return parseList(i, lines, baseIndent);
      if (rest.length > 0 && rest[0] !== " ") return parseMap(i, lines, baseIndent);
    }
    return parseMultiline(i, lines, baseIndent);
  }
  if (entry[consumed] !== " ") throw new HeaderParseError(`header entry should have a space or newline (for multiline) before value: ${JSON.stringify(entry)}`);
  return { value: entry.slice(consumed + 1), next: i };
}

function parseMultiline(first: number, lines: string[], baseIndent: number): Parsed {
  const prefix = nestingPrefix(baseIndent, MULTILINE_PREFIX);
  let j = first;
  while (j < lines.length && lines[j].startsWith(prefix)) j++;
  if (j === first) {
    const cur = first === lines.length ? "EOF" : JSON.stringify(lines[first]);
    throw new HeaderParseError(`expected ${prefix.length} chars nesting prefix after multiline introduction ${JSON.stringify(lines[first - 1])}: ${cur}`);
  }
  return {
    value: lines
      .slice(first, j)
      .map((l) => l.slice(prefix.length))
      .join("\n"),
    next: j,
  };
}

function parseList(first: number, lines: string[], baseIndent: number): Parsed {
  const list: HeaderValue[] = [];
  const prefix = nestingPrefix(baseIndent, LIST_PREFIX);
  let j = first;
  while (j < lines.length && lines[j].startsWith(prefix)) {
    const p = parseEntry(prefix.length, j, lines, baseIndent + LIST_PREFIX.length - 1);
    list.push(p.value);
    j = p.next;
  }
  return { value: list, next: j };
}

function parseMap(first: number, lines: string[], baseIndent: number): Parsed {
  const map: Record<string, HeaderValue> = {};
  const prefix = nestingPrefix(baseIndent, COMMON_PREFIX);
  let j = first;
  while (j < lines.length && lines[j].startsWith(prefix)) {
    const entry = lines[j].slice(prefix.length);
    const split = entry.indexOf(":");
    if (split === -1) throw new HeaderParseError(`map entry missing ':' separator: ${JSON.stringify(entry)}`);
    const key = entry.slice(0, split);
    if (!HEADER_NAME_RE.test(key)) throw new HeaderParseError(`invalid map entry key: ${JSON.stringify(key)}`);
    const p = parseEntry(prefix.length + split + 1, j, lines, prefix.length);
    if (Object.prototype.hasOwnProperty.call(map, key)) throw new HeaderParseError(`repeated map entry: ${JSON.stringify(key)}`);
    map[key] = p.value;
    j = p.next;
  }
  return { value: map, next: j };
}

/** Parses the header block (without the trailing blank line). Throws HeaderParseError. */
export function parseHeaders(head: string): Headers {
  const headers: Headers = {};
  const lines = head.split("\n");
  let i = 0;
  while (i < lines.length) {
    const entry = lines[i];
    const split = entry.indexOf(":");
    if (split === -1) throw new HeaderParseError(`header entry missing ':' separator: ${JSON.stringify(entry)}`);
    const name = entry.slice(0, split);
    if (!HEADER_NAME_RE.test(name)) throw new HeaderParseError(`invalid header name: ${JSON.stringify(name)}`);
    const p = parseEntry(split + 1, i, lines, 0);
    if (Object.prototype.hasOwnProperty.call(headers, name)) throw new HeaderParseError(`repeated header: ${JSON.stringify(name)}`);
    headers[name] = p.value;
    i = p.next;
  }
  return headers;
}
