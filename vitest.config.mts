import { configDefaults, defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside a React Server Component bundle; tests run server code directly.
      "server-only": path.resolve(import.meta.dirname, "test/support/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "test/**/*.test.ts", "cli/**/*.test.ts", "components/**/*.test.tsx"],
    // test/after-build needs `next build` of this checkout: npm test runs it after the build step
    // (vitest.after-build.config.mts); an older build would test older code.
    exclude: [...configDefaults.exclude, "test/after-build/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
