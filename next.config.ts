import type { NextConfig } from "next";
import { SERVER_ACTION_BODY_LIMIT_MB } from "./lib/api/limits";
import { securityHeaderRules } from "./lib/api/security-headers";

const nextConfig: NextConfig = {
  // Tests build and serve from their own directory (.next-test, set by scripts/test.mjs and
  // playwright.config.ts) so a test run never rewrites the .next a running `npm run demo` serves.
  distDir: process.env.SNAPSTORE_DIST_DIR || ".next",
  // Native or WASM-loading packages stay as runtime requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@napi-rs/lzma", "@aws-sdk/client-s3", "bcryptjs"],
  poweredByHeader: false,
  experimental: {
    // forbidden() renders app/forbidden.tsx with HTTP 403 for signed-in users lacking the role.
    authInterrupts: true,
    // Uploads stream through route handlers; server actions only carry small forms.
    // proxy.ts answers 413 with a clear message before Next's own check (a 500) is reached.
    serverActions: { bodySizeLimit: `${SERVER_ACTION_BODY_LIMIT_MB}mb` },
  },
  typedRoutes: false,
  // CSP, frame-ancestors 'none', nosniff, Referrer-Policy on every response; HSTS over https.
  async headers() {
    return securityHeaderRules({ dev: process.env.NODE_ENV === "development", publicUrl: process.env.NEXTAUTH_URL });
  },
};

export default nextConfig;
