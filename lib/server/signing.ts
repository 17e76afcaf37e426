import "server-only";
// The store's signing identity: a root key (certifies the store key, signs the root account and its
// own account-key) and a store key (signs publisher accounts, snap-declarations and snap-revisions),
// both RSA 4096, under one authority id. Devices trust the root; everything else chains to it.
//
// Where the keys come from (docs/signing.md):
// - SNAPSTORE_ROOT_KEY + SNAPSTORE_SIGNING_KEY: PEM files (or the PEM text itself). Required with
//   DATABASE_URL=postgresql://...: every instance must sign with the same keys, or devices get
//   assertions from keys they were never told about.
// - otherwise (the embedded default) generated on first use into <SNAPSTORE_DATA_DIR>/signing/
//   (directory 0700, files 0600) and read from there afterwards.
// SNAPSTORE_AUTHORITY_ID names the authority (default "snapstore"); SNAPSTORE_SIGNING_SINCE (RFC
// 3339) is when both keys start being valid (default 2016-01-01T00:00:00Z, so that every
// timestamp the store ever wrote lies inside it). Same keys + same settings = byte-identical
// assertions on every instance: signing is deterministic (see lib/assertions/openpgp.ts).
import { createPrivateKey, generateKeyPair, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { AssertionError } from "@/lib/assertions/assertion";
import { buildIdentity, type SigningIdentity } from "@/lib/assertions/identity";
import { ACCOUNT_ID_RE } from "@/lib/assertions/types";
import { ConfigError, dataDir, dbConfigFromEnv, type Env } from "@/lib/db/config";

export type { SigningIdentity } from "@/lib/assertions/identity";

export const DEFAULT_AUTHORITY_ID = "snapstore";
export const DEFAULT_SIGNING_SINCE = "2016-01-01T00:00:00Z";
/** snapd refuses to sign with external keys under 4096 bits; we hold our own keys to the same bar. */
export const MIN_KEY_BITS = 4096;

export interface SigningConfig {
  authorityId: string;
  displayName: string;
  since: Date;
  /** PEM texts when configured; null: generated keys under `keyDir`. */
  rootKeyPem: string | null;
  storeKeyPem: string | null;
  keyDir: string;
}

/** Reads SNAPSTORE_ROOT_KEY as a file path, or as the PEM itself when it starts with "-----BEGIN". */
function pemFrom(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (raw.startsWith("-----BEGIN")) return raw;
  try {
    return fs.readFileSync(path.resolve(/*turbopackIgnore: true*/ raw), "utf8");
  } catch (err) {
    throw new ConfigError(`${name}: cannot read the key file ${raw} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** The signing configuration from the environment; throws ConfigError with one clear line. */
export function signingConfigFromEnv(env: Env = process.env): SigningConfig {
  const authorityId = env.SNAPSTORE_AUTHORITY_ID?.trim() || DEFAULT_AUTHORITY_ID;
  if (!ACCOUNT_ID_RE.test(authorityId)) {
    throw new ConfigError(`SNAPSTORE_AUTHORITY_ID "${authorityId}" is not a valid account id: use 2-28 lowercase letters, digits and dashes`);
  }
  const sinceRaw = env.SNAPSTORE_SIGNING_SINCE?.trim() || DEFAULT_SIGNING_SINCE;
  const since = new Date(sinceRaw);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(sinceRaw) || Number.isNaN(since.getTime())) {
    throw new ConfigError(`SNAPSTORE_SIGNING_SINCE "${sinceRaw}" is not an RFC 3339 time such as ${DEFAULT_SIGNING_SINCE}`);
  }
  const rootKeyPem = pemFrom(env, "SNAPSTORE_ROOT_KEY");
  const storeKeyPem = pemFrom(env, "SNAPSTORE_SIGNING_KEY");
  if ((rootKeyPem === null) !== (storeKeyPem === null)) {
    throw new ConfigError("SNAPSTORE_ROOT_KEY and SNAPSTORE_SIGNING_KEY must be set together (two different RSA 4096 keys)");
  }
  if (rootKeyPem === null) {
    const db = dbConfigFromEnv(env);
    if (db.provider === "postgresql") {
      throw new ConfigError(
        "SNAPSTORE_ROOT_KEY and SNAPSTORE_SIGNING_KEY are required with DATABASE_URL=postgresql://... (every instance must sign with the same keys); " +
          "make them once with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out root.pem` (and store.pem) and give every instance the same files",
      );
    }
  }
  return {
    authorityId,
    displayName: env.SNAPSTORE_AUTHORITY_NAME?.trim() || "Snapstore",
    since,
    rootKeyPem,
    storeKeyPem,
    keyDir: path.join(/*turbopackIgnore: true*/ dataDir(env), "signing"),
  };
}

function parseKey(pem: string, what: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new ConfigError(`${what} is not a PEM private key (${(err as Error).message})`);
  }
  if (key.asymmetricKeyType !== "rsa") throw new ConfigError(`${what} must be an RSA key, not ${key.asymmetricKeyType}`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_KEY_BITS) throw new ConfigError(`${what} has ${bits} bits; snapd expects RSA keys of at least ${MIN_KEY_BITS} bits`);
  return key;
}

/**
 * Reads `<dir>/<name>.pem`, generating it first if absent. Concurrent processes agree on one key:
 * each writes a private temporary file and links it into place, which fails for all but the first.
 */
async function generatedKeyPem(dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name}.pem`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // generateKeyPair runs on the libuv pool: seconds of work without blocking requests.
  const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: MIN_KEY_BITS });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, privateKey.export({ type: "pkcs8", format: "pem" }) as string, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return fs.readFileSync(file, "utf8");
}

/** Loads (or, on the embedded default, generates) the keys and builds the identity assertions. */
export async function loadSigningIdentity(config: SigningConfig): Promise<SigningIdentity> {
  const rootPem = config.rootKeyPem ?? (await generatedKeyPem(config.keyDir, "root"));
  const storePem = config.storeKeyPem ?? (await generatedKeyPem(config.keyDir, "store"));
  const rootKey = parseKey(rootPem, config.rootKeyPem ? "SNAPSTORE_ROOT_KEY" : path.join(config.keyDir, "root.pem"));
  const storeKey = parseKey(storePem, config.storeKeyPem ? "SNAPSTORE_SIGNING_KEY" : path.join(config.keyDir, "store.pem"));
  try {
    return buildIdentity({ authorityId: config.authorityId, displayName: config.displayName, rootKey, storeKey, since: config.since });
  } catch (err) {
    if (err instanceof AssertionError) throw new ConfigError(`store signing keys: ${err.message}`);
    throw err;
  }
}

let cached: { key: string; identity: Promise<SigningIdentity> } | null = null;
let override: Promise<SigningIdentity> | null = null;

/**
 * The process's signing identity, loaded once (keys parsed, identity assertions signed) and cached.
 * Call it at start-up (`snapstore db prepare` / server start) so a first start generates the keys
 * before the first request needs them; otherwise the first assertion request does.
 */
export function getSigningIdentity(env: Env = process.env): Promise<SigningIdentity> {
  if (override) return override;
  const config = signingConfigFromEnv(env);
  const key = JSON.stringify([config.authorityId, config.displayName, config.since.getTime(), config.rootKeyPem, config.storeKeyPem, config.keyDir]);
  if (cached?.key !== key) {
    const identity = loadSigningIdentity(config);
    cached = { key, identity };
    // A failure must not stick: the next call tries again (e.g. after the operator fixes a file).
    identity.catch(() => {
      if (cached?.identity === identity) cached = null;
    });
  }
  return cached.identity;
}

/** Tests: sign with this identity instead of the environment's (null: back to the environment). */
export function useSigningIdentityForProcess(identity: SigningIdentity | null): void {
  override = identity ? Promise.resolve(identity) : null;
}
