// Image types from their bytes: the listing media are typed by their signature, never by the
// browser's claim (a "PNG" that is HTML must not be served as an image).

export type ImageType = "image/png" | "image/jpeg" | "image/svg+xml";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// An SVG document: optional XML declaration, comments and doctype, then the <svg> element.
const SVG_START = /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

/** The content type of image bytes (the first KiB is enough), or null when it is none of ours. */
export function sniffImage(head: Buffer): ImageType | null {
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIGNATURE)) return "image/png";
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  const text = head
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (SVG_START.test(text)) return "image/svg+xml";
  return null;
}
