// Runs benchmarks that need the store's server modules and route handlers in process (the
// `server-only` alias and Next's modules resolve as in the tests): `npm run bench:review`.
// The include list REPLACES the tests' (mergeConfig would add to it and run every test).
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.mts";

export default defineConfig({ ...base, test: { ...base.test, include: ["scripts/bench/review.ts"], testTimeout: 3_600_000, hookTimeout: 600_000 } });
