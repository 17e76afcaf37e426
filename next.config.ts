import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or WASM-loading packages stay as runtime requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@napi-rs/lzma", "@aws-sdk/client-s3", "bcryptjs"],
  poweredByHeader: false,
  experimental: {
    // forbidden() renders app/forbidden.tsx with HTTP 403 for signed-in users lacking the role.
    authInterrupts: true,
    // Uploads stream through route handlers; server actions only carry small forms.
    serverActions: { bodySizeLimit: "4mb" },
  },
  typedRoutes: false,
};

export default nextConfig;
