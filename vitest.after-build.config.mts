// Tests that start the production build (`next start` on .next-test): npm test runs them right
// after its build step, so they always test this checkout's code. (Not mergeConfig: it would
// concatenate the include lists and run every test again.)
import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

export default defineConfig({ ...base, test: { ...base.test, include: ["test/after-build/**/*.test.ts"], exclude: [] } });
