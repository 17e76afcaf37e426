import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { imageSize, jpegSize, pngSize, svgSize } from "./image-size";

/** A complete, valid PNG (signature, IHDR, IDAT, IEND; CRCs are not read by pngSize). */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(Math.min(height, 4) * (1 + width * 3));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const seg = (marker: number, payload: number[] | Buffer) => {
  const p = Buffer.from(payload);
  return Buffer.from([0xff, marker, (p.length + 2) >> 8, (p.length + 2) & 0xff, ...p]);
};
/** SOFn payload: precision, height, width, components. */
const sof = (marker: number, width: number, height: number) =>
  seg(marker, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);
const app0 = seg(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1"));
const bigExif = seg(0xe1, Buffer.concat([Buffer.from("Exif\0\0"), Buffer.alloc(60_000, 0x41)]));
const dqt = seg(0xdb, Buffer.alloc(65, 1));
const dht = seg(0xc4, Buffer.alloc(30, 0));
const sos = seg(0xda, [1, 1, 0, 0, 63, 0]);

describe("pngSize", () => {
  it.each([
    [png(256, 256), { width: 256, height: 256 }],
    [png(199, 118), { width: 199, height: 118 }],
    [png(1, 1), { width: 1, height: 1 }],
    [png(0, 10), null],
    [png(70_000, 10), null],
    [png(10, 10).subarray(0, 20), null],
    [Buffer.from("not a png at all, really not a png"), null],
  ])("%#", (data, want) => expect(pngSize(data)).toEqual(want));

  it("wants IHDR first", () => {
    const d = png(10, 10);
    d.write("IDAT", 12, "latin1");
    expect(pngSize(d)).toBeNull();
  });
});

describe("jpegSize", () => {
  it.each([
    ["baseline after APP0, DQT, DHT", Buffer.concat([SOI, app0, dqt, dht, sof(0xc0, 199, 118), sos, EOI]), { width: 199, height: 118 }],
    ["progressive (SOF2)", Buffer.concat([SOI, app0, sof(0xc2, 64, 48), sos, EOI]), { width: 64, height: 48 }],
    ["after a 60 kB Exif segment", Buffer.concat([SOI, bigExif, sof(0xc0, 1920, 1080), EOI]), { width: 1920, height: 1080 }],
    ["fill bytes before a marker", Buffer.concat([SOI, Buffer.from([0xff, 0xff]), sof(0xc1, 10, 20), EOI]), { width: 10, height: 20 }],
    ["DHT (C4) is not a frame", Buffer.concat([SOI, dht, EOI]), null],
    ["scan before any frame", Buffer.concat([SOI, app0, sos, sof(0xc0, 5, 5)]), null],
    ["zero height", Buffer.concat([SOI, sof(0xc0, 10, 0)]), null],
    ["truncated frame", Buffer.concat([SOI, sof(0xc0, 10, 10)]).subarray(0, 8), null],
    ["segment length 0 (would loop)", Buffer.concat([SOI, Buffer.from([0xff, 0xe0, 0, 0]), sof(0xc0, 3, 3)]), null],
    ["garbage between segments", Buffer.concat([SOI, app0, Buffer.from([0x00, 0x11]), sof(0xc0, 3, 3)]), null],
    ["length past the end", Buffer.concat([SOI, Buffer.from([0xff, 0xe1, 0xff, 0xff, 1, 2])]), null],
    ["not a JPEG", Buffer.from([0x89, 0x50, 0x4e, 0x47]), null],
  ])("%s", (_, data, want) => expect(jpegSize(data)).toEqual(want));
});

describe("svgSize", () => {
  const svg = (s: string) => Buffer.from(s);
  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"></svg>', { width: 256, height: 256 }],
    ["<?xml version='1.0'?>\n<!-- icon -->\n<svg width='48px' height='32.4px' stroke-width=\"3\"/>", { width: 48, height: 32 }],
    ['<svg viewBox="0 0 512 256"><rect width="5" height="5"/></svg>', { width: 512, height: 256 }],
    ['<svg viewBox="0,0,100,50" width="200"></svg>', { width: 200, height: 100 }],
    ['<svg viewBox="0 0 100 50" height="25"></svg>', { width: 50, height: 25 }],
    ['<svg width="100%" height="100%" viewBox="0 0 64 64"></svg>', { width: 64, height: 64 }],
    ['<svg width="10em" height="10em"></svg>', null],
    ['<svg stroke-width="3" line-height="4"></svg>', null],
    ['<svg viewBox="0 0 nope 5"></svg>', null],
    ['<svgx width="1" height="1"></svgx>', null],
    ['<svg width="0" height="10"></svg>', null],
    ["<html><body>no svg</body></html>", null],
  ])("%s", (text, want) => expect(svgSize(svg(text))).toEqual(want));

  it("gives up on an unterminated or huge root tag", () => {
    expect(svgSize(svg(`<svg ${"width=' ".repeat(20_000)}`))).toBeNull();
    expect(svgSize(svg(`<svg width="1" height="1" ${"x".repeat(9000)}>`))).toBeNull();
  });
});

describe("imageSize", () => {
  it("reads by content type, null for anything else", () => {
    expect(imageSize(png(3, 4), "image/png")).toEqual({ width: 3, height: 4 });
    expect(imageSize(png(3, 4), "image/jpeg")).toBeNull();
    expect(imageSize(png(3, 4), "image/gif")).toBeNull();
  });
});
