// Prisma CLI configuration. Only `prisma generate` and `prisma migrate diff` are used (offline,
// WebAssembly schema engine); migrations are applied by lib/db/migrate.ts, not by the CLI.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const schema = process.env.SNAPSTORE_PRISMA_SCHEMA ?? "prisma/schema.prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, schema),
  async adapter() {
    return new PrismaBetterSQLite3({ url: "file::memory:" });
  },
});
