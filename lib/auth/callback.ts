// PURE: where sign-in may send people afterwards. Only paths of this store: a callbackUrl that a
// browser would read as another host ("//evil", "/\evil", "/<tab>/evil", or an absolute URL) would
// turn the sign-in page into an open redirect for phishing links.

const BASE = "http://same-origin.invalid";

function unsafe(path: string): boolean {
  // Backslashes and control or space characters: browsers drop or turn them into "/" in a URL.
  return !path.startsWith("/") || path.startsWith("//") || /[\\\u0000-\u0020\u007f]/.test(path);
}

/** The same-origin path (with query and fragment) of `url`, or null if it is anything else. */
export function safeCallbackPath(url: string | null | undefined): string | null {
  if (!url || url.length > 2048 || unsafe(url)) return null;
  // Encoded forms ("/%5Cevil", "/%09/evil") are decoded by some layers on the way: check those too.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return null;
  }
  // Decoded, only the start matters (a query may hold encoded spaces): once the characters browsers
  // drop are gone, it must not begin like an authority.
  if (/^[/\\]{2}/.test(decoded.replace(/[\u0000-\u0020\u007f]/g, "")) || /[\r\n]/.test(decoded)) return null;
  const parsed = new URL(url, BASE);
  if (parsed.origin !== BASE) return null;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** For the sign-in page: the path asked for, or the home page. */
export const callbackOrHome = (url: string | null | undefined) => safeCallbackPath(url) ?? "/";

/** Request header the proxy sets to the path asked for (the page guards' callbackUrl). */
export const REQUEST_PATH_HEADER = "x-snapstore-path";
