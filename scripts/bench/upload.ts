// npm run bench:upload — an API upload end to end against a real `next start` server:
//   - time from the last byte of the upload to ready_to_release (goal: < 200 ms at any size,
//     because hashing and staging happen while the bytes stream in)
//   - upload throughput (first byte -> 202) as a ratio to `openssl dgst -sha3-384` on the same
//     file in the same run
// for a 60 MB and a 1 GB snap. Needs `npm run build` first. BENCH_QUICK=1: 6 MB + 64 MB.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { apiJson, median, mib, mksquashfs, saveResults, snapYaml, startBenchServer, timeCommandMs, writeRandomFile } from "./util";

const quick = process.env.BENCH_QUICK === "1";
const SIZES = quick ? [6 << 20, 64 << 20] : [60 << 20, 1 << 30];
const RUNS = quick ? 2 : 3;

/** Streams the file; resolves with the moment the last byte was handed to the socket and the 202 body. */
function upload(
  base: string,
  name: string,
  file: string,
  token: string,
): Promise<{ start: bigint; lastByte: bigint; answered: bigint; body: { "status-url": string } }> {
  return new Promise((resolve, reject) => {
    const size = fs.statSync(file).size;
    const url = new URL(`/api/v1/snaps/${name}/uploads`, base);
    const start = process.hrtime.bigint();
    let lastByte = 0n;
    const req = http.request(
      url,
      { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream", "content-length": size } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const answered = process.hrtime.bigint();
          const body = JSON.parse(Buffer.concat(chunks).toString());
          if (res.statusCode !== 202) return reject(new Error(`upload: ${res.statusCode} ${JSON.stringify(body)}`));
          resolve({ start, lastByte: lastByte || answered, answered, body });
        });
      },
    );
    req.on("error", reject);
    const rs = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    rs.pipe(req);
    rs.on("end", () => {
      // 'finish' on the request: every byte is flushed to the kernel.
      req.on("finish", () => (lastByte = process.hrtime.bigint()));
    });
  });
}

async function waitReady(base: string, statusUrl: string, token: string): Promise<bigint> {
  for (;;) {
    const s = await apiJson(base, "GET", statusUrl.replace(base, ""), undefined, token);
    if (s.code === "ready_to_release") return process.hrtime.bigint();
    if (s.code !== "being_processed") throw new Error(`unexpected status ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-upload-"));
  const server = await startBenchServer();
  const { base, token } = server;
  const results: Record<string, unknown>[] = [];
  try {
    for (const size of SIZES) {
      const name = `bench-${size >> 20}m-${Date.now().toString(36)}`;
      await apiJson(base, "POST", "/api/v1/snaps", { name }, token);
      const src = path.join(work, `src-${size}`);
      fs.mkdirSync(path.join(src, "meta"), { recursive: true });
      fs.writeFileSync(path.join(src, "meta/snap.yaml"), snapYaml(name));
      writeRandomFile(path.join(src, "payload.bin"), size);
      const file = path.join(work, `${name}.snap`);
      // Data blocks uncompressed (-noD) so building a 1 GB image takes seconds; the store never
      // decompresses data blocks on upload, so this does not flatter it.
      mksquashfs(src, file, ["-comp", "xz", "-noD", "-no-fragments"]);
      fs.rmSync(src, { recursive: true });
      const bytes = fs.statSync(file).size;
      const afterLastByte: number[] = [];
      const uploadMs: number[] = [];
      const opensslMs: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        // A few bytes after the image's used bytes (squashfs readers ignore them) make each run's
        // file distinct: the store refuses the same file twice for one snap.
        if (r > 0) fs.appendFileSync(file, Buffer.from(`#${r}`));
        opensslMs.push(timeCommandMs("openssl", ["dgst", "-sha3-384", file]));
        const u = await upload(base, name, file, token);
        const ready = await waitReady(base, u.body["status-url"], token);
        afterLastByte.push(Number(ready - u.lastByte) / 1e6);
        uploadMs.push(Number(u.answered - u.start) / 1e6);
      }
      fs.rmSync(file);
      const row = {
        bytes,
        lastByteToReadyMs: median(afterLastByte),
        lastByteToReadyAllMs: afterLastByte,
        uploadMiBps: bytes / 1048576 / (median(uploadMs) / 1000),
        opensslMiBps: bytes / 1048576 / (median(opensslMs) / 1000),
        throughputRatio: median(opensslMs) / median(uploadMs),
      };
      results.push(row);
      console.log(
        `${mib(bytes)}: last byte -> ready_to_release ${row.lastByteToReadyMs.toFixed(1)} ms (goal < 200 ms); upload ${row.uploadMiBps.toFixed(0)} MiB/s vs openssl sha3-384 ${row.opensslMiBps.toFixed(0)} MiB/s = ratio ${row.throughputRatio.toFixed(2)}`,
      );
    }
    console.log(`results: ${saveResults("upload", results)}`);
  } finally {
    server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
