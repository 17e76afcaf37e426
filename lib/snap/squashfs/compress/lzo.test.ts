import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SquashfsError } from "../errors";
import { lzo1xDecompress } from "./lzo";

/** Compress with the lzop CLI and return its raw LZO1X blocks (lzop file format, all versions >= 0x0940). */
function lzopBlocks(data: Buffer, level: string): { compressed: Buffer; size: number; raw: boolean }[] {
  const f = execFileSync("lzop", ["-c", level], { input: data, maxBuffer: 64 << 20 });
  let p = 9; // magic
  const version = f.readUInt16BE(p);
  p += 4; // version, lib version
  if (version >= 0x0940) p += 2; // version needed
  p += 1; // method
  if (version >= 0x0940) p += 1; // level
  const flags = f.readUInt32BE(p);
  p += 4;
  if (flags & 0x800) p += 4; // filter
  p += 8; // mode, mtime low
  if (version >= 0x0940) p += 4; // mtime high
  p += 1 + f[p]; // name
  p += 4; // header checksum
  if (flags & 0x40) {
    const n = f.readUInt32BE(p);
    p += 4 + n + 4;
  }
  const blocks = [];
  for (;;) {
    const dst = f.readUInt32BE(p);
    p += 4;
    if (dst === 0) break;
    const src = f.readUInt32BE(p);
    p += 4;
    if (flags & 0x101) p += 4; // uncompressed-data checksum(s)
    if (src < dst && flags & 0x202) p += 4; // compressed-data checksum(s)
    blocks.push({ compressed: f.subarray(p, p + src), size: dst, raw: src === dst });
    p += src;
  }
  return blocks;
}

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r = rng(7);
const inputs: Record<string, Buffer> = {
  text: Buffer.from(Array.from({ length: 4000 }, (_, i) => `line ${i}: lorem ipsum dolor sit amet ${i % 13}\n`).join("")),
  random: Buffer.from(Array.from({ length: 70_000 }, () => Math.floor(r() * 256))),
  zeros: Buffer.alloc(300_000),
  // Long literal runs, long matches, far matches (> 16 KiB: M4) and short ones (M1/M2).
  mixed: Buffer.concat([
    Buffer.from(Array.from({ length: 20_000 }, () => Math.floor(r() * 256))),
    Buffer.alloc(5000, 0x41),
    Buffer.from("abcabcabcabd".repeat(500)),
    Buffer.from(Array.from({ length: 40_000 }, () => Math.floor(r() * 4) + 0x61)),
    Buffer.alloc(70_000, 7),
  ]),
  tiny: Buffer.from("a"),
};

describe("LZO1X decompressor vs lzop", () => {
  for (const level of ["-1", "-3", "-7", "-9"]) {
    for (const [name, data] of Object.entries(inputs)) {
      it(`${name} at ${level}`, () => {
        const blocks = lzopBlocks(data, level);
        const out: Buffer[] = [];
        let sawCompressed = false;
        for (const b of blocks) {
          if (b.raw) out.push(b.compressed);
          else {
            sawCompressed = true;
            out.push(lzo1xDecompress(b.compressed, b.size));
          }
        }
        expect(Buffer.concat(out).equals(data)).toBe(true);
        if (name !== "random" && name !== "tiny") expect(sawCompressed).toBe(true);
      });
    }
  }

  it("reports a decompression bomb when output would exceed maxOut", () => {
    const [b] = lzopBlocks(Buffer.alloc(200_000), "-9");
    expect(() => lzo1xDecompress(b.compressed, 8192)).toThrow(expect.objectContaining({ code: "decompression-bomb" }));
  });

  it("rejects truncated, trailing and garbage input with SquashfsError", () => {
    const [b] = lzopBlocks(inputs.text, "-3");
    for (const cut of [0, 1, 2, 3, 10, b.compressed.length - 1, b.compressed.length - 3]) {
      expect(() => lzo1xDecompress(b.compressed.subarray(0, cut), inputs.text.length)).toThrow(SquashfsError);
    }
    expect(() => lzo1xDecompress(Buffer.concat([b.compressed, Buffer.from([0])]), inputs.text.length)).toThrow(expect.objectContaining({ code: "corrupt" }));
    // A back-reference before the start of output.
    expect(() => lzo1xDecompress(Buffer.from([0x40, 0xff, 0x11, 0, 0]), 100)).toThrow(SquashfsError);
  });

  it("never throws anything but SquashfsError on mutated input (seeded)", () => {
    const rand = rng(1234);
    const [b] = lzopBlocks(inputs.mixed, "-3");
    for (let i = 0; i < 3000; i++) {
      const m = Buffer.from(b.compressed);
      const flips = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < flips; k++) m[Math.floor(rand() * m.length)] = Math.floor(rand() * 256);
      try {
        const out = lzo1xDecompress(m, 256 * 1024);
        expect(out.length).toBeLessThanOrEqual(256 * 1024);
      } catch (e) {
        expect(e).toBeInstanceOf(SquashfsError);
      }
    }
  });
});
