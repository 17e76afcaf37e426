import { Decompress } from "fzstd";
import { SquashfsError, corrupt } from "../errors";

/**
 * zstd blocks via fzstd's streaming decoder, which hands us output one zstd block (<= 128 KiB) at a
 * time, so we can count and stop at `maxOut`. Before that we validate the frame header ourselves:
 * fzstd allocates a window buffer of the size the header declares (up to 2 GiB), so we insist on a
 * single frame, no dictionary, and a window no larger than needed for `maxOut`.
 *
 * Known limit: a hostile compressed zstd block can make fzstd spin on out-of-range writes inside its
 * 128 KiB block buffer (memory stays bounded; CPU is bounded by input size x 128 KiB). snapd and the
 * store only accept xz/lzo snaps, so zstd images are read only to report metadata.
 */
export function zstdDecompress(input: Uint8Array, maxOut: number): Buffer {
  if (input.length < 6) throw corrupt("zstd frame is truncated");
  const magic = (input[0] | (input[1] << 8) | (input[2] << 16) | (input[3] << 24)) >>> 0;
  if (magic !== 0xfd2fb528) throw corrupt("bad zstd frame magic");
  const fhd = input[4];
  if (fhd & 0x08) throw corrupt("bad zstd frame header");
  if (fhd & 0x03) throw corrupt("zstd dictionaries are not supported");
  const singleSegment = (fhd >> 5) & 1;
  const fcsFlag = fhd >> 6;
  let pos = 5;
  let window = 0;
  if (!singleSegment) {
    const wd = input[pos++];
    const base = 2 ** (10 + (wd >> 3));
    window = base + (base / 8) * (wd & 7);
  }
  const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
  if (pos + fcsBytes > input.length) throw corrupt("zstd frame is truncated");
  let fcs = -1;
  if (fcsBytes) {
    fcs = 0;
    for (let i = 0; i < fcsBytes; i++) fcs += input[pos + i] * 2 ** (8 * i);
    if (fcsFlag === 1) fcs += 256;
  }
  if (singleSegment) window = fcs;
  if (fcs > maxOut) throw bomb(maxOut);
  // fzstd allocates the declared window up front. mksquashfs frames are single-segment (window =
  // content size); 8 MiB is zstd's recommended minimum decoder support for streams of unknown size.
  if (window > Math.max(2 * maxOut, 8 << 20)) throw bomb(maxOut);

  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  try {
    const d = new Decompress((chunk, final) => {
      total += chunk.length;
      if (total > maxOut) throw bomb(maxOut);
      if (chunk.length) chunks.push(chunk);
      if (final) finished = true;
    });
    d.push(input, true);
  } catch (e) {
    if (e instanceof SquashfsError) throw e;
    throw corrupt(`zstd decompression failed: ${(e as Error)?.message ?? e}`, e);
  }
  void finished;
  if (fcs >= 0 && total !== fcs) throw corrupt("zstd output size does not match the frame header");
  return Buffer.concat(chunks, total);
}

function bomb(maxOut: number): SquashfsError {
  return new SquashfsError("decompression-bomb", `zstd block decompresses to more than ${maxOut} bytes`);
}
