// The key that signs session JWTs. Stateless instances must share it: a PostgreSQL deployment
// must set NEXTAUTH_SECRET; the embedded default keeps a generated one under the data directory.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, dataDir, dbConfigFromEnv, type Env } from "@/lib/db/config";

let cached: string | undefined;

export function authSecret(env: Env = process.env): string {
  if (cached) return cached;
  const fromEnv = env.NEXTAUTH_SECRET?.trim();
  if (fromEnv) return (cached = fromEnv);
  if (!dbConfigFromEnv(env).embedded && dbConfigFromEnv(env).provider === "postgresql") {
    throw new ConfigError("NEXTAUTH_SECRET is required with DATABASE_URL=postgresql://... (every app instance must share it)");
  }
  const file = path.join(/*turbopackIgnore: true*/ dataDir(env), "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    // wx: if another process wrote it first, read theirs.
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      cached = secret;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}
