/**
 * Test support: real RSA-4096 keys for assertion tests. Generating one takes seconds (10+ on a busy
 * machine), so each named fixture key is made once per machine and kept under the OS temp dir
 * (never in the repository). Test-only: these keys sign nothing anyone trusts.
 */
import { createPrivateKey, generateKeyPair, type KeyObject } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const DIR = path.join(os.tmpdir(), "snapstore-test-keys");

/** PEM of a fixture key, generated on first use; parallel test files agree on one file. */
export async function fixtureKeyPem(name: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad fixture key name ${name}`);
  const file = path.join(DIR, `${name}.pem`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    // not there yet
  }
  fs.mkdirSync(DIR, { recursive: true, mode: 0o700 });
  const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 4096 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, pem, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file); // fails if another process got there first: use theirs
  } catch {
    // keep the existing file
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return fs.readFileSync(file, "utf8");
}

export async function fixtureKey(name: string): Promise<KeyObject> {
  return createPrivateKey(await fixtureKeyPem(name));
}

/** The path of a fixture key's PEM file (generated on first use). */
export async function fixtureKeyPath(name: string): Promise<string> {
  await fixtureKeyPem(name);
  return path.join(DIR, `${name}.pem`);
}
