// Publisher credentials for the CLI: { store URL, token } in a 0600 JSON file, overridable from the
// environment for CI (SNAPSTORE_STORE_URL + SNAPSTORE_TOKEN).
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { CliError } from "./args";

/** The environment (process.env, or a plain object in tests). */
export type Env = Readonly<Record<string, string | undefined>>;

export interface StoredCredentials {
  store: string;
  token: string;
  /** Who logged in (informational; the token is what authenticates). */
  email?: string;
  label?: string;
  createdAt?: string;
}

export interface Credentials {
  store: string;
  token: string;
  email?: string;
  /** Where the token came from: the environment (CI) or the credentials file. */
  source: "env" | "file";
  /** The credentials file consulted (it may not exist). */
  path: string;
}

export const NOT_LOGGED_IN = "not logged in: run `snapstore login --store URL` or set SNAPSTORE_STORE_URL and SNAPSTORE_TOKEN";

/** `$SNAPSTORE_CONFIG`, else `$XDG_CONFIG_HOME/snapstore/credentials.json` (default ~/.config). */
export function configPath(env: Env = process.env): string {
  if (env.SNAPSTORE_CONFIG) return path.resolve(env.SNAPSTORE_CONFIG);
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(env.HOME || homedir(), ".config");
  return path.join(base, "snapstore", "credentials.json");
}

/** "https://store.example.com/" -> "https://store.example.com". Only http(s) URLs are accepted. */
export function normalizeStoreUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new CliError(`invalid store URL ${JSON.stringify(input)}: expected e.g. https://snaps.example.com`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`invalid store URL ${JSON.stringify(input)}: only http and https are supported`);
  }
  if (url.search || url.hash) throw new CliError(`invalid store URL ${JSON.stringify(input)}: no query or fragment allowed`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** The credentials file, or null when there is none. A malformed file is an error (not silently ignored). */
export async function readCredentialsFile(file: string): Promise<StoredCredentials | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not valid JSON: run \`snapstore logout\` and log in again`);
  }
  const d = data as Partial<StoredCredentials> | null;
  if (!d || typeof d !== "object" || typeof d.store !== "string" || typeof d.token !== "string" || !d.store || !d.token) {
    throw new CliError(`${file} has no store URL and token: run \`snapstore logout\` and log in again`);
  }
  return d as StoredCredentials;
}

/** Write the file atomically with mode 0600 (its directory 0700 when created). */
export async function writeCredentialsFile(file: string, creds: StoredCredentials): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(creds, null, 2) + "\n", { mode: 0o600 });
    await chmod(tmp, 0o600); // the umask may have narrowed it further, never widened; be explicit anyway
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new CliError(`cannot write ${file}: ${(err as Error).message}`);
  }
}

/** Remove the file; false when there was none. */
export async function removeCredentialsFile(file: string): Promise<boolean> {
  try {
    await rm(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw new CliError(`cannot remove ${file}: ${(err as Error).message}`);
  }
}

/**
 * Resolve the credentials to use, or null when not logged in.
 * - SNAPSTORE_TOKEN set: that token, for SNAPSTORE_STORE_URL (or the file's store when unset).
 * - otherwise the file's token; when SNAPSTORE_STORE_URL names a different store than the file,
 *   the file's token is NOT sent there (a token belongs to the store that issued it).
 */
export async function loadCredentials(env: Env = process.env): Promise<Credentials | null> {
  const file = configPath(env);
  const envUrl = env.SNAPSTORE_STORE_URL?.trim() ? normalizeStoreUrl(env.SNAPSTORE_STORE_URL) : undefined;
  const envToken = env.SNAPSTORE_TOKEN?.trim() || undefined;
  if (envToken) {
    const stored = envUrl ? null : await readCredentialsFile(file);
    const store = envUrl ?? (stored ? normalizeStoreUrl(stored.store) : undefined);
    if (!store) throw new CliError("SNAPSTORE_TOKEN is set but SNAPSTORE_STORE_URL is not: set both");
    return { store, token: envToken, source: "env", path: file };
  }
  const stored = await readCredentialsFile(file);
  if (!stored) return null;
  const store = normalizeStoreUrl(stored.store);
  if (envUrl && envUrl !== store) return null;
  return { store, token: stored.token, email: stored.email, source: "file", path: file };
}

/** Like loadCredentials, but "not logged in" is an error with the how-to. */
export async function requireCredentials(env: Env = process.env): Promise<Credentials> {
  const creds = await loadCredentials(env);
  if (!creds) throw new CliError(NOT_LOGGED_IN);
  return creds;
}
