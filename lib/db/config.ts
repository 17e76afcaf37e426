// Which database the store talks to, decided once from the environment.
// DATABASE_URL unset -> the embedded default: a SQLite file under SNAPSTORE_DATA_DIR (./data).
import path from "node:path";

export type DbProvider = "sqlite" | "postgresql";

export interface DbConfig {
  provider: DbProvider;
  /** For SQLite: absolute file path. For PostgreSQL: the connection string. */
  url: string;
  /** True when DATABASE_URL was not set: the zero-setup embedded default. */
  embedded: boolean;
}

/** Environment variables as read here (not NodeJS.ProcessEnv: Next makes NODE_ENV required there). */
export type Env = Record<string, string | undefined>;

/** A configuration problem that must stop start-up with one clear line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function dataDir(env: Env = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.SNAPSTORE_DATA_DIR || "data");
}

export function dbConfigFromEnv(env: Env = process.env): DbConfig {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    return { provider: "sqlite", url: path.join(dataDir(env), "snapstore.db"), embedded: true };
  }
  if (raw.startsWith("file:")) {
    const file = raw.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!file) throw new ConfigError(`DATABASE_URL "${raw}" names no file; use file:./data/snapstore.db`);
    return { provider: "sqlite", url: path.resolve(/*turbopackIgnore: true*/ file), embedded: false };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid URL: ${redact(raw)}`);
    }
    return { provider: "postgresql", url: raw, embedded: false };
  }
  const scheme = raw.match(/^([a-z][a-z0-9+.-]*):/i)?.[1] ?? raw;
  throw new ConfigError(
    `DATABASE_URL has an unsupported scheme "${scheme}": use postgresql://user@host:5432/db, file:./path.db, or leave it unset for the embedded SQLite database`,
  );
}

/** Hides the password in a connection string for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
