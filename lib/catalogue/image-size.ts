// PURE: the pixel size of an uploaded icon or screenshot (PNG, JPEG, SVG), for the store API's
// media objects ({type, url, width, height}, as the real store answers). Reads only headers and
// never trusts them: every offset is bounds-checked, the JPEG walk always moves forward, and
// anything unreadable is null (the media object then simply has no width/height).

export interface ImageSize {
  width: number;
  height: number;
}

/** Largest side believed (PNG allows 2^31-1; nothing legitimate is this big). */
const MAX_SIDE = 1 << 16;

const ok = (width: number, height: number): ImageSize | null =>
  Number.isFinite(width) && Number.isFinite(height) && width >= 1 && height >= 1 && width <= MAX_SIDE && height <= MAX_SIDE
    ? { width: Math.round(width), height: Math.round(height) }
    : null;

const be16 = (d: Uint8Array, i: number) => (d[i] << 8) | d[i + 1];
const be32 = (d: Uint8Array, i: number) => ((d[i] << 24) >>> 0) + (d[i + 1] << 16) + (d[i + 2] << 8) + d[i + 3];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the IHDR chunk, always first, holds width and height. */
export function pngSize(d: Uint8Array): ImageSize | null {
  if (d.length < 24 || PNG_SIGNATURE.some((b, i) => d[i] !== b)) return null;
  if (String.fromCharCode(d[12], d[13], d[14], d[15]) !== "IHDR") return null;
  return ok(be32(d, 16), be32(d, 20));
}

/** JPEG: walk the marker segments to the first start-of-frame (SOF0..SOF15 but DHT, JPG, DAC). */
export function jpegSize(d: Uint8Array): ImageSize | null {
  if (d.length < 4 || d[0] !== 0xff || d[1] !== 0xd8) return null;
  let i = 2;
  while (i + 3 < d.length) {
    if (d[i] !== 0xff) return null;
    const marker = d[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // no length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or scan data before any frame
    const len = be16(d, i + 2);
    if (len < 2) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 8 >= d.length || len < 7) return null;
      return ok(be16(d, i + 7), be16(d, i + 5));
    }
    i += 2 + len;
  }
  return null;
}

/** An SVG length in user units (px or no unit); other units (%, em, mm...) are not pixels: null. */
function svgLength(v: string | undefined): number | null {
  const m = v === undefined ? null : /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px)?\s*$/i.exec(v);
  return m ? Number(m[1]) : null;
}

function svgAttr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** SVG: the root element's width and height in pixels, else its viewBox (what a browser shows at 100%). */
export function svgSize(d: Uint8Array): ImageSize | null {
  // The root element is near the start (after an XML declaration, comments, a doctype).
  const text = new TextDecoder("utf-8", { fatal: false }).decode(d.subarray(0, 64 * 1024));
  const tag = /<svg(?=[\s>/])[^>]{0,8192}>/.exec(text)?.[0];
  if (!tag) return null;
  const width = svgLength(svgAttr(tag, "width"));
  const height = svgLength(svgAttr(tag, "height"));
  if (width !== null && height !== null) return ok(width, height);
  const box = svgAttr(tag, "viewBox")
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (!box || box.length !== 4 || box.some((n) => !Number.isFinite(n))) return null;
  const [, , bw, bh] = box;
  // One side given: the other follows the viewBox's aspect ratio.
  if (width !== null && bw > 0) return ok(width, (width * bh) / bw);
  if (height !== null && bh > 0) return ok((height * bw) / bh, height);
  return ok(bw, bh);
}

/** The size of an image of this (sniffed) type, or null when it cannot be read. */
export function imageSize(d: Uint8Array, contentType: string): ImageSize | null {
  if (contentType === "image/png") return pngSize(d);
  if (contentType === "image/jpeg") return jpegSize(d);
  if (contentType === "image/svg+xml") return svgSize(d);
  return null;
}
