// Admin commands that talk to the database directly (run on the server host).
import { ConfigError, dbConfigFromEnv, redact } from "@/lib/db/config";
import { createDb } from "@/lib/db/client";
import { migrate, toConfigError } from "@/lib/db/migrate";
import { createUserSchema } from "@/lib/schemas/auth";
import { authSecret } from "@/lib/auth/secret";
import { createUser } from "@/lib/server/users";
import { seedDemo } from "@/lib/server/demo";
import { repairSearchFtsPairing } from "@/lib/server/search-index";
import { getSigningIdentity } from "@/lib/server/signing";
import { AppError } from "@/lib/errors";
import { CliError, flag, readStdin, type Args } from "../args";

export function demoEnabled(env = process.env): boolean {
  return dbConfigFromEnv(env).embedded && env.SNAPSTORE_DEMO !== "0";
}

/** Start-up step: check configuration, migrate, seed demo data on the embedded default. */
export async function dbPrepare(): Promise<void> {
  const config = dbConfigFromEnv();
  authSecret(); // fails early when a PostgreSQL deployment lacks NEXTAUTH_SECRET
  const result = await migrate(config);
  const where = config.provider === "sqlite" ? config.url : redact(config.url);
  console.log(`snapstore: database ${config.provider} ${where}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already there`);
  // The signing keys are loaded (or, on the embedded default, generated: seconds for RSA 4096) at
  // start, so no store request ever waits for them (snapd gives up after 10 s), and a PostgreSQL
  // deployment without SNAPSTORE_ROOT_KEY/SNAPSTORE_SIGNING_KEY stops here with one line.
  const identity = await getSigningIdentity();
  console.log(`snapstore: signing as ${identity.authorityId}`);
  const db = createDb(config);
  try {
    // SQLite only (a no-op on PostgreSQL): FTS rows paired with their documents (search-index.ts).
    const repaired = await repairSearchFtsPairing(db);
    if (repaired) console.log(`snapstore: search index re-paired with its documents (${repaired} rows; after a VACUUM?)`);
    if (demoEnabled()) {
      const { seeded } = await seedDemo(db);
      if (seeded) console.log("snapstore: demo data written (accounts are listed in the README)");
    }
  } finally {
    await db.$disconnect();
  }
}

export async function dbMigrate(): Promise<void> {
  const config = dbConfigFromEnv();
  const result = await migrate(config);
  console.log(`applied: ${result.applied.join(", ") || "none"} (${result.alreadyApplied} already applied)`);
}

export async function userCreate(args: Args): Promise<void> {
  const password = process.stdin.isTTY ? "" : (await readStdin()).replace(/\r?\n$/, "");
  if (!password) throw new CliError("give the password on standard input, e.g.: echo 'secret-pass' | npm run snapstore -- user create --email E --role R");
  const parsed = createUserSchema.safeParse({
    email: flag(args, "email"),
    role: flag(args, "role"),
    name: flag(args, "name"),
    username: flag(args, "username"),
    password,
  });
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
  const config = dbConfigFromEnv();
  await migrate(config);
  const db = createDb(config);
  try {
    const user = await createUser(db, parsed.data);
    console.log(`created ${user.role} ${user.email} (${user.id})`);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message);
    throw toConfigError(err, config);
  } finally {
    await db.$disconnect();
  }
}

export { ConfigError };
