import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { trimToRange } from "./s3";

const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i & 0xff));

function body(from: number, to: number, chunk = 37): Readable {
  const parts: Buffer[] = [];
  for (let i = from; i <= to; i += chunk) parts.push(data.subarray(i, Math.min(i + chunk, to + 1)));
  return Readable.from(parts);
}

async function collect(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s as AsyncIterable<Buffer>) parts.push(c);
  return Buffer.concat(parts);
}

describe("trimToRange (defence against S3-compatible servers with broken Range support)", () => {
  it("passes a correct partial response through untouched", async () => {
    const b = body(100, 199);
    expect(trimToRange(b, "bytes 100-199/1000", { start: 100, end: 199 })).toBe(b);
  });

  it("trims an over-long response (s3rver answers bytes=0-0 with the whole object)", async () => {
    const out = await collect(trimToRange(body(0, 999), "bytes 0-999/1000", { start: 0, end: 0 }));
    expect(out.equals(data.subarray(0, 1))).toBe(true);
  });

  it("skips and trims when the server ignored Range (200, no Content-Range)", async () => {
    const out = await collect(trimToRange(body(0, 999), undefined, { start: 150, end: 420 }));
    expect(out.equals(data.subarray(150, 421))).toBe(true);
    const tail = await collect(trimToRange(body(0, 999), undefined, { start: 990 }));
    expect(tail.equals(data.subarray(990))).toBe(true);
  });

  it("refuses a response that starts after the requested start", () => {
    expect(() => trimToRange(body(10, 999), "bytes 10-999/1000", { start: 5 })).toThrow(/Content-Range/);
  });
});
