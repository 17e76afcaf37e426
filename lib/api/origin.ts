// PURE request checks shared by the JSON route wrapper and the proxy (server actions): where a
// mutation comes from, and whether it carries a session cookie. No server-only imports, so the
// proxy can use them.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const isMutation = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

/**
 * The hosts this store answers as: its own Host (X-Forwarded-Host behind a proxy) and NEXTAUTH_URL's.
 * Hosts, not origins: a TLS-terminating proxy that does not set X-Forwarded-Proto must not turn
 * every same-site form into a refusal (Next's own server-action check compares hosts too).
 */
function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>();
  for (const host of [req.headers.get("x-forwarded-host"), req.headers.get("host"), new URL(req.url).host]) {
    if (host) hosts.add(host.split(",")[0].trim().toLowerCase());
  }
  if (process.env.NEXTAUTH_URL) {
    try {
      hosts.add(new URL(process.env.NEXTAUTH_URL).host.toLowerCase());
    } catch {
      // A malformed NEXTAUTH_URL is reported by the configuration check at start-up.
    }
  }
  return hosts;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The foreign origin of a mutation sent by another site's page, or null when it is this store's
 * own (or not a browser's). Browsers send Origin on every cross-site POST/PUT/DELETE, and
 * Sec-Fetch-Site on all requests; scripts and the CLI send neither and authenticate with a Bearer
 * token, which a foreign page cannot attach.
 */
export function foreignOrigin(req: Request): string | null {
  if (!isMutation(req.method)) return null;
  const origin = req.headers.get("origin");
  if (origin && origin !== "null") return ownHosts(req).has(hostOf(origin) ?? "") ? null : origin;
  // "null" origin (sandboxed iframes, some redirects) or none: fall back to Fetch Metadata.
  const site = req.headers.get("sec-fetch-site");
  if (origin === "null" || (site && site !== "same-origin" && site !== "none")) return origin ?? `sec-fetch-site: ${site}`;
  return null;
}

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Whether the request carries a next-auth session cookie at all (no cookie: no session to look up). */
export function hasSessionCookie(req: Request): boolean {
  const header = req.headers.get("cookie");
  if (!header) return false;
  return header.split(";").some((part) => SESSION_COOKIE.test(part.split("=")[0].trim()));
}
