// The store's signing identity: configuration, refusals, and keys generated into the data
// directory on first use (real RSA 4096 generation, real files and modes).
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyId } from "@/lib/assertions/openpgp";
import { fixtureKeyPath, fixtureKeyPem } from "@/lib/assertions/testing";
import { ConfigError } from "@/lib/db/config";
import { getSigningIdentity, loadSigningIdentity, signingConfigFromEnv } from "@/lib/server/signing";

let tmp: string;
let rootPath: string;
let storePath: string;
let rootPem: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-signing-"));
  [rootPath, storePath] = await Promise.all([fixtureKeyPath("root"), fixtureKeyPath("store")]);
  rootPem = await fixtureKeyPem("root");
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const refused = (fn: () => unknown, re: RegExp) => {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigError);
  expect((err as Error).message).toMatch(re);
};

describe("signingConfigFromEnv", () => {
  it("defaults: authority snapstore, keys generated under <data dir>/signing, valid since 2016", () => {
    const c = signingConfigFromEnv({ SNAPSTORE_DATA_DIR: tmp });
    expect(c).toMatchObject({ authorityId: "snapstore", displayName: "Snapstore", rootKeyPem: null, storeKeyPem: null, keyDir: path.join(tmp, "signing") });
    expect(c.since.toISOString()).toBe("2016-01-01T00:00:00.000Z");
  });

  it("configured keys as file paths or inline PEM; authority, name and since from the environment", () => {
    const c = signingConfigFromEnv({
      SNAPSTORE_ROOT_KEY: rootPath,
      SNAPSTORE_SIGNING_KEY: fs.readFileSync(storePath, "utf8"),
      SNAPSTORE_AUTHORITY_ID: "acme-store",
      SNAPSTORE_AUTHORITY_NAME: "ACME",
      SNAPSTORE_SIGNING_SINCE: "2024-05-01T00:00:00+02:00",
      DATABASE_URL: "postgresql://u@h/db",
    });
    expect(c).toMatchObject({ authorityId: "acme-store", displayName: "ACME", rootKeyPem: rootPem });
    expect(c.storeKeyPem).toContain("BEGIN PRIVATE KEY");
    expect(c.since.toISOString()).toBe("2024-04-30T22:00:00.000Z");
  });

  it.each([
    ["PostgreSQL without keys", { DATABASE_URL: "postgresql://u@h/db" }, /required with DATABASE_URL=postgresql.*openssl genpkey/],
    ["only one key", { SNAPSTORE_ROOT_KEY: "-----BEGIN x" }, /must be set together/],
    [
      "an unreadable key file",
      { SNAPSTORE_ROOT_KEY: "/nonexistent/root.pem", SNAPSTORE_SIGNING_KEY: "/nonexistent/store.pem" },
      /cannot read the key file \/nonexistent\/root\.pem \(ENOENT\)/,
    ],
    ["an invalid authority id", { SNAPSTORE_AUTHORITY_ID: "Not_Valid" }, /SNAPSTORE_AUTHORITY_ID "Not_Valid" is not a valid account id/],
    ["a since that is not RFC 3339", { SNAPSTORE_SIGNING_SINCE: "yesterday" }, /SNAPSTORE_SIGNING_SINCE "yesterday" is not an RFC 3339 time/],
  ])("refuses %s", (_, env, re) => {
    refused(() => signingConfigFromEnv({ SNAPSTORE_DATA_DIR: tmp, ...env }), re);
  });
});

describe("loadSigningIdentity", () => {
  const base = () => signingConfigFromEnv({ SNAPSTORE_DATA_DIR: tmp, SNAPSTORE_ROOT_KEY: rootPath, SNAPSTORE_SIGNING_KEY: storePath });

  it("configured keys: the identity signs with them", async () => {
    const id = await loadSigningIdentity(base());
    expect(id.rootKeyId).toBe(keyId((await import("node:crypto")).createPrivateKey(rootPem)));
    expect(id.store.keyId).toBe(keyId((await import("node:crypto")).createPrivateKey(fs.readFileSync(storePath, "utf8"))));
    expect(id.storeAccountKey.headers).toMatchObject({ "authority-id": "snapstore", "account-id": "snapstore", name: "store" });
  });

  it.each([
    [
      "a 2048-bit key",
      () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      /has 2048 bits; snapd expects RSA keys of at least 4096/,
    ],
    [
      "an EC key",
      () => generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      /must be an RSA key, not ec/,
    ],
    ["something that is not a key", () => "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n", /is not a PEM private key/],
  ])("refuses %s", async (_, pem, re) => {
    const err = await loadSigningIdentity({ ...base(), storeKeyPem: pem() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(re);
  });

  it("refuses one key for both roles", async () => {
    const err = await loadSigningIdentity({ ...base(), storeKeyPem: rootPem }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/must be different keys/);
  });
});

describe("generated keys (the embedded default)", () => {
  it("first use generates both keys into <data dir>/signing (0700/0600); concurrent starts agree; later starts reuse them", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "data-"));
    const config = signingConfigFromEnv({ SNAPSTORE_DATA_DIR: dir });
    const [a, b] = await Promise.all([loadSigningIdentity(config), loadSigningIdentity(config)]);
    expect(a.store.keyId).toBe(b.store.keyId);
    expect(a.rootKeyId).toBe(b.rootKeyId);
    expect(a.rootKeyId).not.toBe(a.store.keyId);
    const keyDir = path.join(dir, "signing");
    expect(fs.readdirSync(keyDir).sort()).toEqual(["root.pem", "store.pem"]);
    expect(fs.statSync(keyDir).mode & 0o777).toBe(0o700);
    for (const f of ["root.pem", "store.pem"]) expect(fs.statSync(path.join(keyDir, f)).mode & 0o777).toBe(0o600);
    const again = await loadSigningIdentity(signingConfigFromEnv({ SNAPSTORE_DATA_DIR: dir }));
    expect(again.storeAccountKey.encoded).toBe(a.storeAccountKey.encoded);

    // getSigningIdentity caches per configuration
    const env = { SNAPSTORE_DATA_DIR: dir };
    const p1 = getSigningIdentity(env);
    expect(getSigningIdentity(env)).toBe(p1);
    expect((await p1).store.keyId).toBe(a.store.keyId);
  }, 300_000);
});
