import { SquashfsError, corrupt } from "../errors";

/**
 * LZO1X decompressor ("safe" variant: every input read, output write and back-reference is bounds
 * checked). Ported from the structure of the Linux kernel's lzo1x_decompress_safe.c, without the
 * lzo-rle extension (squashfs uses plain liblzo2 LZO1X; all lzo1x_* compression levels share this
 * bitstream).
 *
 * Output never exceeds `maxOut` (the buffer is allocated once at that size): a stream that wants
 * more is reported as a decompression bomb, so time and memory are O(input + maxOut).
 */
// eslint-disable-next-line max-lines-per-function -- a port of the kernel's lzo1x_decompress_safe state machine; splitting its states would hide the bounds checks
export function lzo1xDecompress(src: Uint8Array, maxOut: number): Buffer {
  const inLen = src.length;
  const out = Buffer.allocUnsafe(maxOut);
  let ip = 0;
  let op = 0;

  const fail = (what: string): never => {
    throw corrupt(`invalid LZO data: ${what}`);
  };
  const needIp = (n: number) => {
    if (inLen - ip < n) fail("input overrun");
  };
  const needOp = (n: number) => {
    if (maxOut - op < n) {
      throw new SquashfsError("decompression-bomb", `LZO block decompresses to more than ${maxOut} bytes`);
    }
  };
  const byte = (): number => {
    if (ip >= inLen) fail("input overrun");
    return src[ip++];
  };
  // Length extension: a run of zero bytes adds 255 each, then a final non-zero byte.
  const extend = (base: number): number => {
    let zeros = 0;
    for (;;) {
      const b = byte();
      if (b !== 0) return base + zeros * 255 + b;
      zeros++;
      // Cannot legitimately exceed the output bound; stop early instead of scanning megabytes.
      if (zeros * 255 > maxOut) fail("length overflow");
    }
  };
  const copyLiterals = (n: number) => {
    needIp(n);
    needOp(n);
    out.set(src.subarray(ip, ip + n), op);
    ip += n;
    op += n;
  };
  const copyMatch = (dist: number, len: number) => {
    if (dist <= 0 || dist > op) fail("back-reference before start of output");
    needOp(len);
    // Overlapping copies are the point of LZ77 (run-length), so copy byte by byte.
    let from = op - dist;
    for (let i = 0; i < len; i++) out[op++] = out[from++];
  };

  if (inLen < 3) fail("input too short");

  // state: 0 = after a match with no trailing literals, 1..3 = after 1..3 trailing literals,
  // 4 = after a literal run of 4 or more bytes.
  let state = 0;
  let t: number;
  let next: number;

  if (src[0] > 17) {
    ip = 1;
    t = src[0] - 17;
    if (t < 4) {
      copyLiterals(t);
      state = t;
    } else {
      copyLiterals(t);
      state = 4;
    }
  }

  for (;;) {
    t = byte();
    let dist: number;
    let len: number;
    if (t < 16) {
      if (state === 0) {
        // Literal run.
        if (t === 0) t = extend(15);
        copyLiterals(t + 3);
        state = 4;
        continue;
      } else if (state !== 4) {
        // M1 after short literals: 2-byte match within 1 KiB.
        next = t & 3;
        dist = 1 + (t >> 2) + (byte() << 2);
        len = 2;
      } else {
        // M1 after a long literal run: 3-byte match at distance 2049..3072.
        next = t & 3;
        dist = 1 + 0x0800 + (t >> 2) + (byte() << 2);
        len = 3;
      }
    } else if (t >= 64) {
      // M2: 3..8 byte match within 2 KiB.
      next = t & 3;
      dist = 1 + ((t >> 2) & 7) + (byte() << 3);
      len = (t >> 5) + 1;
    } else if (t >= 32) {
      // M3: match within 16 KiB.
      len = t & 31;
      if (len === 0) len = extend(31);
      len += 2;
      const lo = byte();
      const hi = byte();
      const v = lo | (hi << 8);
      next = v & 3;
      dist = 1 + (v >> 2);
    } else {
      // M4 (16..31): match at distance 16 KiB..48 KiB, or the end-of-stream marker.
      len = t & 7;
      if (len === 0) len = extend(7);
      len += 2;
      const lo = byte();
      const hi = byte();
      const v = lo | (hi << 8);
      next = v & 3;
      const d = ((t & 8) << 11) + (v >> 2);
      if (d === 0) {
        // End of stream: must be exactly 0x11 0x00 0x00 and consume all input.
        if (len !== 3) fail("bad end-of-stream marker");
        if (ip !== inLen) fail("trailing data after end of stream");
        return out.subarray(0, op);
      }
      dist = d + 0x4000;
    }
    copyMatch(dist, len);
    // Up to 3 literals follow a match, encoded in the low bits of the match opcode.
    state = next;
    if (next > 0) copyLiterals(next);
  }
}
