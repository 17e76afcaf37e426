// GET /v2/assertions on the real Next server (`next start`): the trust anchors an operator hands to
// devices, a publisher's upload chained back to them (decoded and verified with our own decoder),
// the JSON error lists snapd needs, and Debian's `snap known --remote --direct` against the server.
// snapd's Go client and cross-checks run in test/server/assertions-snapd.test.ts.
import { execFile, spawnSync } from "node:child_process";
import { createHash, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { decodeAssertion, verifyAssertion, type DecodedAssertion } from "../../lib/assertions/assertion";
import { decodeV1, parsePublicKeyPacket } from "../../lib/assertions/openpgp";
import { as, fixtureFor, registerUnique, uploadAndWait } from "./publisher-support";

const AUTHORITY = process.env.SNAPSTORE_AUTHORITY_ID || "snapstore";
const MEDIA = "application/x.ubuntu.assertion";
// What snapd 2.57 sends to the assertions endpoint (the old X-Ubuntu-* names, no Snap-Device-*).
const SNAPD_HEADERS = {
  Accept: MEDIA,
  "User-Agent": "snapd/2.57.6 (series 16; classic)",
  "X-Ubuntu-Series": "16",
  "X-Ubuntu-Architecture": "amd64",
  "X-Ubuntu-Classic": "true",
  "X-Ubuntu-Wire-Protocol": "1",
};

async function fetchAssertion(request: APIRequestContext, path: string): Promise<DecodedAssertion & { text: string }> {
  const res = await request.get(path, { headers: SNAPD_HEADERS });
  const text = await res.text();
  expect(res.status(), `${path}: ${text}`).toBe(200);
  expect(res.headers()["content-type"]).toBe(MEDIA);
  return { ...decodeAssertion(text), text };
}

const keyOf = (accountKey: DecodedAssertion): KeyObject => parsePublicKeyPacket(decodeV1(accountKey.body, "public key")).key;

test.describe("GET /v2/assertions on next start", () => {
  test("root account and root account-key are self-signed; an upload's snap-revision chains back to them", async ({ request }) => {
    const rootAccount = await fetchAssertion(request, `/v2/assertions/account/${AUTHORITY}`);
    const rootKey = await fetchAssertion(request, `/v2/assertions/account-key/${rootAccount.signKeyId}`);
    expect(rootKey.headers).toMatchObject({ "account-id": AUTHORITY, "public-key-sha3-384": rootAccount.signKeyId, name: "root" });
    expect(verifyAssertion(rootKey, keyOf(rootKey))).toEqual({ ok: true });
    expect(verifyAssertion(rootAccount, keyOf(rootKey))).toEqual({ ok: true });

    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-assert");
    const body = await fixtureFor("strict.snap", name);
    expect((await uploadAndWait(c, name, body)).code).toBe("ready_to_release");
    const digest = createHash("sha3-384").update(body).digest("base64url");

    const rev = await fetchAssertion(request, `/v2/assertions/snap-revision/${digest}?max-format=0`);
    expect(rev.headers).toMatchObject({ type: "snap-revision", "authority-id": AUTHORITY, "snap-revision": "1", "snap-size": String(body.length) });
    const storeKey = await fetchAssertion(request, `/v2/assertions/account-key/${rev.signKeyId}?max-format=0`);
    expect(storeKey.headers).toMatchObject({ "account-id": AUTHORITY, name: "store", "sign-key-sha3-384": rootAccount.signKeyId });
    expect(verifyAssertion(storeKey, keyOf(rootKey))).toEqual({ ok: true });
    expect(verifyAssertion(rev, keyOf(storeKey))).toEqual({ ok: true });

    const decl = await fetchAssertion(request, `/v2/assertions/snap-declaration/16/${rev.headers["snap-id"]}?max-format=5`);
    expect(decl).toMatchObject({ revision: 0, format: 0, headers: { "snap-name": name, "publisher-id": rev.headers["developer-id"] } });
    expect(verifyAssertion(decl, keyOf(storeKey))).toEqual({ ok: true });
    const publisher = await fetchAssertion(request, `/v2/assertions/account/${rev.headers["developer-id"]}?max-format=0`);
    expect(publisher.headers).toMatchObject({ username: "e2e-publisher" });
    expect(verifyAssertion(publisher, keyOf(storeKey))).toEqual({ ok: true });

    // The same bytes on every fetch: signed deterministically.
    expect((await fetchAssertion(request, `/v2/assertions/snap-revision/${digest}`)).text).toBe(rev.text);
  });

  test("not found is a 404 JSON error list (Content-Type exactly application/json); malformed is a 400", async ({ request }) => {
    for (const [path, status, code] of [
      [`/v2/assertions/snap-declaration/16/${"Z".repeat(32)}`, 404, "not-found"],
      [`/v2/assertions/snap-revision/${"A".repeat(64)}`, 404, "not-found"],
      [`/v2/assertions/account-key/${"k".repeat(64)}`, 404, "not-found"],
      [`/v2/assertions/model/16/brand/model`, 404, "not-found"],
      [`/v2/assertions/snap-declaration/16/nope`, 400, "invalid-key"],
      [`/v2/assertions/bogus`, 400, "invalid-type"],
      [`/v2/assertions`, 400, "invalid-type"],
    ] as const) {
      const res = await request.get(path, { headers: SNAPD_HEADERS });
      const text = await res.text();
      expect(res.status(), `${path}: ${text}`).toBe(status);
      expect(res.headers()["content-type"], path).toBe("application/json");
      expect(JSON.parse(text)["error-list"][0].code, path).toBe(code);
    }
  });

  // Registered only where the snap CLI exists (CI installs Debian's snapd); says so otherwise.
  const haveSnapCli = spawnSync("snap", ["version"]).status === 0;
  if (!haveSnapCli) console.warn("not run: `snap known --remote --direct` needs Debian's snapd package (apt-get install snapd)");
  if (haveSnapCli)
    test("`snap known --remote --direct` (Debian's snap CLI) fetches from the store", async ({ baseURL }) => {
      const env = { ...process.env, SNAPPY_FORCE_API_URL: `${baseURL}/`, SNAP_REEXEC: "0" };
      const { stdout } = await promisify(execFile)("snap", ["known", "--remote", "--direct", "account", `account-id=${AUTHORITY}`], {
        env,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(decodeAssertion(stdout).headers).toMatchObject({ type: "account", "account-id": AUTHORITY });
    });
});
