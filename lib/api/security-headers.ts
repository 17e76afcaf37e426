// PURE: the security headers of every response (next.config.ts `headers()`).

/**
 * Scripts and styles need 'unsafe-inline': Next's App Router inlines its hydration data, and a
 * nonce would make every page dynamic. Markdown is sanitized (lib/markdown.ts), so the CSP is the
 * second line: no foreign scripts, frames, objects, form targets or base URLs.
 */
export function contentSecurityPolicy(dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const HSTS = "max-age=31536000; includeSubDomains";

/** Header rules in next.config's shape; HSTS only when served over https (NEXTAUTH_URL or the proxy says so). */
export function securityHeaderRules(opts: { dev?: boolean; publicUrl?: string } = {}) {
  const common = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(opts.dev) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
  const https = (opts.publicUrl ?? "").startsWith("https://");
  return [
    { source: "/:path*", headers: https ? [...common, { key: "Strict-Transport-Security", value: HSTS }] : common },
    ...(https
      ? []
      : [
          {
            source: "/:path*",
            has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }],
            headers: [{ key: "Strict-Transport-Security", value: HSTS }],
          },
        ]),
  ];
}
