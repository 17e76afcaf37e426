import { describe, expect, it } from "vitest";
import { sniffImage } from "./sniff";

const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const jpeg = Buffer.from("ffd8ffe000104a464946", "hex");

describe("sniffImage", () => {
  it.each([
    ["PNG signature", png, "image/png"],
    ["JPEG SOI + APP0", jpeg, "image/jpeg"],
    ["bare <svg>", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), "image/svg+xml"],
    [
      "XML declaration, comment, doctype",
      Buffer.from('<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>'),
      "image/svg+xml",
    ],
    ["BOM and leading blanks", Buffer.from("\uFEFF  \n<SVG viewBox='0 0 1 1'>"), "image/svg+xml"],
    ["HTML claiming to be an image", Buffer.from("<html><script>alert(1)</script>"), null],
    ["an <svgx> element", Buffer.from("<svgx>"), null],
    ["text", Buffer.from("definitely not a png"), null],
    ["truncated PNG signature", png.subarray(0, 7), null],
    ["empty", Buffer.alloc(0), null],
  ])("%s", (_what, bytes, type) => {
    expect(sniffImage(bytes)).toBe(type);
  });
});
