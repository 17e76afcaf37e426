import { execFileSync } from "node:child_process";
import { deflateSync } from "node:zlib";
import { xz } from "@napi-rs/lzma";
import { describe, expect, it } from "vitest";
import { SquashfsError } from "../errors";
import { decompressorFor } from "./index";
import { gzipDecompress } from "./gzip";
import { xzDecompress } from "./xz";
import { zstdDecompress } from "./zstd";

const text = Buffer.from(Array.from({ length: 300 }, (_, i) => `row ${i} some text\n`).join(""));
const zeros = Buffer.alloc(4 << 20);
const bomb = expect.objectContaining({ code: "decompression-bomb" });
const corrupt = expect.objectContaining({ code: "corrupt" });

function xzCli(data: Buffer, ...args: string[]) {
  return execFileSync("xz", ["-c", "--check=crc32", ...args], { input: data, maxBuffer: 64 << 20 });
}
function zstdCli(data: Buffer, ...args: string[]) {
  return execFileSync("zstd", ["-c", "-q", ...args], { input: data, maxBuffer: 64 << 20 });
}

describe("decompressors", () => {
  it("round-trip within the bound", () => {
    expect(gzipDecompress(deflateSync(text), 8192).equals(text)).toBe(true);
    expect(xzDecompress(xzCli(text), 8192).equals(text)).toBe(true);
    expect(xzDecompress(xz.compressSync(text), 8192).equals(text)).toBe(true);
    expect(zstdDecompress(zstdCli(text), 8192).equals(text)).toBe(true);
    expect(zstdDecompress(zstdCli(text, "--no-content-size"), 8192).equals(text)).toBe(true);
  });

  it("stop decompression bombs before or while decompressing", () => {
    expect(() => gzipDecompress(deflateSync(zeros), 8192)).toThrow(bomb);
    // xz: caught from the LZMA2 chunk headers without decoding.
    expect(() => xzDecompress(xzCli(zeros), 8192)).toThrow(bomb);
    expect(() => xzDecompress(xzCli(zeros), 1 << 20)).toThrow(bomb);
    // zstd: caught from the frame content size, or by counting when the size is absent.
    expect(() => zstdDecompress(zstdCli(zeros), 1 << 20)).toThrow(bomb);
    expect(() => zstdDecompress(zstdCli(zeros, "--no-content-size"), 1 << 20)).toThrow(bomb);
  });

  it("reject garbage, truncation and trailing data as corrupt", () => {
    const cases: [string, (b: Buffer, n: number) => Buffer, Buffer][] = [
      ["gzip", gzipDecompress, deflateSync(text)],
      ["xz", xzDecompress, xzCli(text)],
      ["zstd", zstdDecompress, zstdCli(text)],
    ];
    for (const [name, fn, good] of cases) {
      expect(() => fn(Buffer.from("definitely not compressed"), 8192), name).toThrow(corrupt);
      expect(() => fn(good.subarray(0, good.length - 5), 8192), name).toThrow(SquashfsError);
      expect(() => fn(Buffer.alloc(0), 8192), name).toThrow(SquashfsError);
    }
    expect(() => xzDecompress(Buffer.concat([xzCli(text), xzCli(text)]), 1 << 20)).toThrow(corrupt);
  });

  it("refuse xz filters other than BCJ/delta + LZMA2 and zstd dictionaries", () => {
    const x = Buffer.from(xzCli(text));
    const filterPos = 12 + 2; // block header: size, flags, then the filter id (no size fields)
    expect(x[filterPos]).toBe(0x21);
    x[filterPos] = 0x22;
    expect(() => xzDecompress(x, 8192)).toThrow(corrupt);
    // BCJ filters (mksquashfs -Xbcj) are valid xz that lzma-rs cannot decode: refused by name.
    expect(() => xzDecompress(xzCli(text, "--x86", "--lzma2=preset=6"), 8192)).toThrow(expect.objectContaining({ code: "unsupported-compression" }));
    const z = Buffer.from(zstdCli(text));
    z[4] |= 1; // dictionary id flag
    expect(() => zstdDecompress(z, 8192)).toThrow(corrupt);
  });

  it("mutated streams only ever throw SquashfsError (seeded)", () => {
    let seed = 99;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const big = Buffer.from(Array.from({ length: 20_000 }, (_, i) => ((i * 7) % 251) ^ (i >> 5)));
    const streams: [string, (b: Buffer, n: number) => Buffer, Buffer][] = [
      ["gzip", gzipDecompress, deflateSync(big)],
      ["xz", xzDecompress, xzCli(big)],
      ["zstd", zstdDecompress, zstdCli(big)],
    ];
    for (const [, fn, good] of streams) {
      for (let i = 0; i < 400; i++) {
        const m = Buffer.from(good);
        for (let k = 0; k < 1 + (i % 4); k++) m[Math.floor(rand() * m.length)] = Math.floor(rand() * 256);
        try {
          expect(fn(m, 32768).length).toBeLessThanOrEqual(32768);
        } catch (e) {
          expect(e).toBeInstanceOf(SquashfsError);
        }
      }
    }
  });

  it("lzma and lz4 are unsupported", () => {
    expect(() => decompressorFor("lzma")).toThrow(expect.objectContaining({ code: "unsupported-compression" }));
    expect(() => decompressorFor("lz4")).toThrow(expect.objectContaining({ code: "unsupported-compression" }));
  });
});
