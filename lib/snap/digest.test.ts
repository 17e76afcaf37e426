import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, describe, expect, it } from "vitest";
import {
  base64UrlToSha3Hex,
  DigestStream,
  isSha3_384Base64Url,
  isSha3_384Hex,
  normalizeSha3_384Hex,
  sha3_384File,
  sha3_384Hex,
  sha3HexToBase64Url,
} from "./digest";

const EMPTY_HEX = "0c63a75b845e4f7d01107d852e4c2485c51a50aaaa94fc61995e71bbee983a2ac3713831264adb47fb6bd1e058d5f004";
const EMPTY_B64 = "DGOnW4ReT30BEH2FLkwkhcUaUKqqlPxhmV5xu-6YOirDcTgxJkrbR_tr0eBY1fAE";
const ABC_HEX = "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25";
const ABC_B64 = "7AFJgohRb8kmRZ9Y4satjfm0c8sPwIwlltp88OSb5LKY2IzqknrH9Tnx7fIoN20l";

const tmp = mkdtempSync(join(tmpdir(), "snapstore-digest-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function randomChunks(total: number): Buffer[] {
  const chunks: Buffer[] = [];
  let left = total;
  while (left > 0) {
    const n = Math.min(left, 1 + Math.floor(Math.random() * 70_000));
    chunks.push(randomBytes(n));
    left -= n;
  }
  return chunks;
}

describe("known vectors", () => {
  it("SHA3-384 of empty string and 'abc'", () => {
    expect(sha3_384Hex("")).toBe(EMPTY_HEX);
    expect(sha3_384Hex("abc")).toBe(ABC_HEX);
  });

  it("hex -> base64url (snap assertion form)", () => {
    expect(sha3HexToBase64Url(EMPTY_HEX)).toBe(EMPTY_B64);
    expect(sha3HexToBase64Url(ABC_HEX)).toBe(ABC_B64);
    expect(sha3HexToBase64Url(ABC_HEX.toUpperCase())).toBe(ABC_B64);
    expect(base64UrlToSha3Hex(EMPTY_B64)).toBe(EMPTY_HEX);
    expect(base64UrlToSha3Hex(ABC_B64)).toBe(ABC_HEX);
  });
});

describe("hex <-> base64url", () => {
  it("round-trips random digests", () => {
    for (let i = 0; i < 200; i++) {
      const hex = randomBytes(48).toString("hex");
      const b64 = sha3HexToBase64Url(hex);
      expect(b64).toHaveLength(64);
      expect(b64).not.toMatch(/[=+/]/);
      expect(isSha3_384Base64Url(b64)).toBe(true);
      expect(base64UrlToSha3Hex(b64)).toBe(hex);
    }
  });

  it("rejects malformed input", () => {
    expect(() => sha3HexToBase64Url("abc")).toThrow(TypeError);
    expect(() => sha3HexToBase64Url("g".repeat(96))).toThrow(TypeError);
    expect(() => sha3HexToBase64Url(ABC_HEX + "00")).toThrow(TypeError);
    expect(() => base64UrlToSha3Hex(ABC_B64 + "=")).toThrow(TypeError);
    expect(() => base64UrlToSha3Hex(ABC_B64.slice(1))).toThrow(TypeError);
    expect(() => base64UrlToSha3Hex(EMPTY_B64.replace("_", "/"))).toThrow(TypeError);
    expect(() => base64UrlToSha3Hex(EMPTY_B64.replace("-", "+"))).toThrow(TypeError);
    expect(() => base64UrlToSha3Hex(EMPTY_B64.slice(0, 10) + " " + EMPTY_B64.slice(11))).toThrow(TypeError);
  });

  it("isSha3_384Hex accepts only canonical lowercase 96-char hex", () => {
    expect(isSha3_384Hex(ABC_HEX)).toBe(true);
    expect(isSha3_384Hex(ABC_HEX.toUpperCase())).toBe(false);
    expect(isSha3_384Hex(ABC_HEX.slice(2))).toBe(false);
    expect(isSha3_384Hex("../" + ABC_HEX.slice(3))).toBe(false);
    expect(isSha3_384Hex(`${ABC_HEX}\n`)).toBe(false);
    expect(isSha3_384Hex(42)).toBe(false);
    expect(normalizeSha3_384Hex(ABC_HEX.toUpperCase())).toBe(ABC_HEX);
    expect(() => normalizeSha3_384Hex("../etc/passwd")).toThrow(TypeError);
  });
});

describe("DigestStream", () => {
  it("passes bytes through unchanged and matches crypto over random chunking", async () => {
    for (const total of [0, 1, 135, 136, 137, 65_536, 1_000_003]) {
      const chunks = randomChunks(total);
      const whole = Buffer.concat(chunks);
      const ds = new DigestStream({ md5: true });
      const out: Buffer[] = [];
      await pipeline(Readable.from(chunks), ds, async (src: AsyncIterable<Buffer>) => {
        for await (const c of src) out.push(c);
      });
      expect(Buffer.concat(out).equals(whole)).toBe(true);
      expect(ds.size).toBe(total);
      expect(ds.digestHex()).toBe(createHash("sha3-384").update(whole).digest("hex"));
      expect(ds.digestBase64Url()).toBe(createHash("sha3-384").update(whole).digest("base64url"));
      expect(ds.md5Base64()).toBe(createHash("md5").update(whole).digest("base64"));
    }
  });

  it("accepts Uint8Array and string chunks", async () => {
    const ds = new DigestStream();
    ds.resume();
    ds.write(new Uint8Array([0x61]));
    ds.write("b");
    ds.end(Buffer.from("c"));
    await new Promise((r) => ds.on("end", r));
    expect(ds.digestHex()).toBe(ABC_HEX);
    expect(ds.size).toBe(3);
  });

  it("refuses to report a digest before the stream ended", () => {
    const ds = new DigestStream();
    ds.write("abc");
    expect(() => ds.digestHex()).toThrow(/not available/);
    expect(() => ds.md5Base64()).toThrow(/md5/);
    ds.destroy();
  });
});

describe("sha3_384File", () => {
  it.each([
    ["empty", 0],
    ["small", 3],
    ["multi-chunk", 3 * 1024 * 1024 + 17],
  ])("matches openssl dgst -sha3-384 (%s)", async (name, size) => {
    const p = join(tmp, `${name}.bin`);
    const data = size === 3 ? Buffer.from("abc") : randomBytes(size);
    writeFileSync(p, data);
    const ours = await sha3_384File(p);
    const openssl = execFileSync("openssl", ["dgst", "-sha3-384", "-r", p], { encoding: "utf8" }).split(/\s/)[0];
    expect(ours).toEqual({ hex: openssl, size });
  });

  it("rejects for a missing file", async () => {
    await expect(sha3_384File(join(tmp, "nope"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
