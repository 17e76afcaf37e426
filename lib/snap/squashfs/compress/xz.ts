import { xz } from "@napi-rs/lzma";
import { SquashfsError, corrupt } from "../errors";

/**
 * xz (LZMA2) blocks. The decoder (lzma-rs via @napi-rs/lzma) has no output limit, so before calling
 * it we walk the xz container and the LZMA2 chunk headers (cheap, no decoding) and add up the
 * declared uncompressed sizes. LZMA2 decoders stop each chunk at its declared size, so that sum
 * bounds the real output; a stream declaring more than `maxOut` is refused as a bomb. We also require
 * the input to be exactly one stream (header, blocks, index, footer) so nothing unscanned is decoded.
 */

const CHECK_SIZES = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];
const LZMA2 = 0x21;
// Delta and BCJ (x86/PPC/IA64/ARM/ARMT/SPARC/ARM64/RISCV) filters: valid xz, but lzma-rs cannot decode
// them. Only `mksquashfs -Xbcj` produces them (snapd never does), so refuse them by name.
const PRE_FILTERS = new Set([0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b]);

class Cursor {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
  ) {}
  need(n: number): void {
    if (this.pos + n > this.buf.length) throw corrupt("xz stream is truncated");
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  be16(): number {
    this.need(2);
    const v = (this.buf[this.pos] << 8) | this.buf[this.pos + 1];
    this.pos += 2;
    return v;
  }
  /** xz variable-length integer (max 9 bytes, 63 bits); we reject anything above 2^48. */
  vli(): number {
    let v = 0;
    for (let i = 0; i < 9; i++) {
      const b = this.u8();
      v += (b & 0x7f) * 2 ** (7 * i);
      if (!(b & 0x80)) {
        if (v > 2 ** 48) throw corrupt("xz integer out of range");
        return v;
      }
    }
    throw corrupt("xz integer too long");
  }
}

/** Upper bound on the output of `input`, validating the container structure. */
// eslint-disable-next-line max-lines-per-function -- walks the xz container (header, blocks, index, footer) in file order with a bounds check at each step
export function xzDeclaredSize(input: Uint8Array, maxOut: number): number {
  const c = new Cursor(input, 0);
  c.need(12);
  const magic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
  for (let i = 0; i < 6; i++) if (input[i] !== magic[i]) throw corrupt("bad xz stream header");
  if (input[6] !== 0 || input[7] > 15) throw corrupt("bad xz stream flags");
  const checkSize = CHECK_SIZES[input[7]];
  c.pos = 12;
  let total = 0;
  let blocks = 0;
  for (;;) {
    const start = c.pos;
    const first = c.u8();
    if (first === 0) break; // index indicator
    const headerSize = (first + 1) * 4;
    c.pos = start;
    c.need(headerSize);
    c.pos = start + 2;
    const flags = input[start + 1];
    if (flags & 0x3c) throw corrupt("bad xz block flags");
    const filterCount = (flags & 3) + 1;
    if (flags & 0x40) c.vli(); // compressed size
    if (flags & 0x80) {
      const declared = c.vli();
      if (declared > maxOut) throw bomb(maxOut);
    }
    for (let i = 0; i < filterCount; i++) {
      const id = c.vli();
      const propsSize = c.vli();
      if (propsSize > headerSize) throw corrupt("bad xz filter properties");
      c.need(propsSize);
      c.pos += propsSize;
      const last = i === filterCount - 1;
      if (!last && PRE_FILTERS.has(id)) {
        throw new SquashfsError("unsupported-compression", "xz BCJ/delta filters (mksquashfs -Xbcj) are not supported");
      }
      if (!last || id !== LZMA2) throw corrupt(`unsupported xz filter 0x${id.toString(16)}`);
    }
    if (c.pos > start + headerSize - 4) throw corrupt("xz block header overflows");
    c.pos = start + headerSize;
    // LZMA2 chunks.
    const dataStart = c.pos;
    for (;;) {
      const ctl = c.u8();
      if (ctl === 0) break;
      if (ctl === 1 || ctl === 2) {
        const size = c.be16() + 1;
        total += size;
        c.need(size);
        c.pos += size;
      } else if (ctl >= 0x80) {
        const usize = ((ctl & 0x1f) << 16) + c.be16() + 1;
        const csize = c.be16() + 1;
        if (((ctl >> 5) & 3) >= 2) c.u8(); // new properties byte
        total += usize;
        c.need(csize);
        c.pos += csize;
      } else {
        throw corrupt("bad LZMA2 chunk");
      }
      if (total > maxOut) throw bomb(maxOut);
    }
    // Block padding to a multiple of 4, then the check.
    const compressed = c.pos - dataStart;
    c.pos += (4 - (compressed % 4)) % 4;
    c.need(checkSize);
    c.pos += checkSize;
    if (++blocks > 1024) throw corrupt("too many xz blocks");
  }
  // Index: records, padding, CRC32. Then the 12-byte footer, which must end the input.
  const records = c.vli();
  if (records !== blocks) throw corrupt("xz index does not match blocks");
  for (let i = 0; i < records; i++) {
    c.vli();
    c.vli();
  }
  c.pos += (4 - (c.pos % 4)) % 4;
  c.need(4 + 12);
  c.pos += 4 + 12;
  const f = c.pos - 12;
  if (input[f + 10] !== 0x59 || input[f + 11] !== 0x5a) throw corrupt("bad xz stream footer");
  if (c.pos !== input.length) throw corrupt("trailing data after xz stream");
  return total;
}

function bomb(maxOut: number): SquashfsError {
  return new SquashfsError("decompression-bomb", `xz block declares more than ${maxOut} bytes of output`);
}

export function xzDecompress(input: Uint8Array, maxOut: number): Buffer {
  xzDeclaredSize(input, maxOut);
  let out: Buffer;
  try {
    out = xz.decompressSync(input);
  } catch (e) {
    throw corrupt(`xz decompression failed: ${(e as Error)?.message ?? e}`, e);
  }
  // Belt and braces, in case a decoder ever ignores chunk sizes.
  if (out.length > maxOut) throw bomb(maxOut);
  return out;
}
