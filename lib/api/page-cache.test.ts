import { describe, expect, it } from "vitest";
import { pageCacheKey, replayHeaders, storableResponse, type CacheableRequest } from "./page-cache";

const get = (url: string, headers: CacheableRequest["headers"] = {}): CacheableRequest => ({ method: "GET", url, headers: { host: "store.test", ...headers } });

describe("pageCacheKey", () => {
  it.each([
    ["/", true],
    ["/search?q=video", true],
    ["/search", true],
    ["/categories/games", false],
    ["/snaps/vlc", true],
    ["/interfaces?q=camera", true],
    ["/snaps/vlc/edit", false],
    ["/snaps", false],
    ["/dashboard", false],
    ["/review", false],
    ["/devices", false],
    ["/account", false],
    ["/api/health", false],
    ["/v2/snaps/find?q=vlc", false],
    ["/signin", false],
    ["/vlc/badge.svg", false],
    ["/search?q=video&_rsc=abc12", false],
    [`/search?q=${"a".repeat(2100)}`, false],
  ])("%s cacheable: %s", (url, cacheable) => {
    expect(pageCacheKey(get(url)) !== null).toBe(cacheable);
  });

  it("only anonymous GETs: a session cookie, another method or a Server Component request reach Next", () => {
    expect(pageCacheKey(get("/", { cookie: "next-auth.csrf-token=x; next-auth.callback-url=y" }))).not.toBeNull();
    for (const cookie of ["next-auth.session-token=abc", "a=1; next-auth.session-token.0=abc", "__Secure-next-auth.session-token=abc"]) {
      expect(pageCacheKey(get("/", { cookie }))).toBeNull();
    }
    expect(pageCacheKey({ ...get("/"), method: "POST" })).toBeNull();
    expect(pageCacheKey({ ...get("/"), method: "HEAD" })).toBeNull();
    for (const h of ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"]) {
      expect(pageCacheKey(get("/", { [h]: "1" }))).toBeNull();
    }
  });

  it("keys by host, forwarded scheme, accept-encoding and the whole URL", () => {
    const base = pageCacheKey(get("/search?q=a"));
    expect(pageCacheKey(get("/search?q=a"))).toBe(base);
    expect(pageCacheKey(get("/search?q=b"))).not.toBe(base);
    expect(pageCacheKey(get("/search?q=a", { host: "other.test" }))).not.toBe(base);
    expect(pageCacheKey(get("/search?q=a", { "x-forwarded-proto": "https" }))).not.toBe(base);
    expect(pageCacheKey(get("/search?q=a", { "accept-encoding": "gzip, br" }))).not.toBe(base);
    expect(pageCacheKey(get("/search?q=a", { "accept-encoding": "gzip,br" }))).toBe(pageCacheKey(get("/search?q=a", { "accept-encoding": "GZIP, br" })));
  });
});

describe("storableResponse", () => {
  it.each([
    [200, { "content-type": "text/html; charset=utf-8" }, true],
    [404, { "content-type": "text/html; charset=utf-8" }, true],
    [200, { "content-type": "text/x-component" }, false],
    [200, { "content-type": "application/json" }, false],
    [307, { "content-type": "text/html", location: "/signin" }, false],
    [500, { "content-type": "text/html" }, false],
    [200, { "content-type": "text/html", "set-cookie": ["a=1"] }, false],
  ])("%i %o → %s", (status, headers, ok) => {
    expect(storableResponse(status, headers)).toBe(ok);
  });
});

describe("replayHeaders", () => {
  it("keeps the page's headers and drops the connection's", () => {
    expect(
      replayHeaders({
        "Content-Type": "text/html",
        "content-security-policy": "default-src 'self'",
        "content-encoding": "gzip",
        vary: "rsc, Accept-Encoding",
        date: "x",
        connection: "keep-alive",
        "keep-alive": "timeout=5",
        "transfer-encoding": "chunked",
        "content-length": 12,
        "x-custom": 3,
      }),
    ).toEqual({
      "content-type": "text/html",
      "content-security-policy": "default-src 'self'",
      "content-encoding": "gzip",
      vary: "rsc, Accept-Encoding",
      "x-custom": "3",
    });
  });
});
