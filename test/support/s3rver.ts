/**
 * Starts a real S3-protocol server (s3rver) on a random loopback port for tests.
 *
 * s3rver runs in a child Node process so its memory/CPU does not skew the
 * client's measurements and a hung server cannot block the test worker. The
 * child exits when its stdin closes, so it cannot outlive the test process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface S3rverHandle {
  /** e.g. http://127.0.0.1:41234 (use path-style addressing). */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** s3rver's data directory (removed by stop()). */
  directory: string;
  stop(): Promise<void>;
}

const CHILD_SCRIPT = `
const S3rver = require(process.env.S3RVER_MODULE);
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory: process.env.S3RVER_DIR,
  configureBuckets: [{ name: process.env.S3RVER_BUCKET }],
});
server.run().then(
  (addr) => process.stdout.write(JSON.stringify({ port: addr.port }) + "\\n"),
  (err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); },
);
process.stdin.on("data", () => {});
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
`;

export async function startS3rver(opts: { bucket?: string } = {}): Promise<S3rverHandle> {
  const bucket = opts.bucket ?? "snapstore-test";
  const directory = await mkdtemp(join(tmpdir(), "snapstore-s3rver-"));
  const modulePath = createRequire(import.meta.url).resolve("s3rver");

  const child: ChildProcess = spawn(process.execPath, ["-e", CHILD_SCRIPT], {
    env: { ...process.env, S3RVER_MODULE: modulePath, S3RVER_DIR: directory, S3RVER_BUCKET: bucket },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`s3rver did not start within 20s: ${stderr}`)), 20_000);
      child.stdout!.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        const nl = out.indexOf("\n");
        if (nl >= 0) {
          clearTimeout(timer);
          try {
            resolve((JSON.parse(out.slice(0, nl)) as { port: number }).port);
          } catch (err) {
            reject(err);
          }
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`s3rver exited with code ${code} before listening: ${stderr}`));
      });
      child.once("error", reject);
    });
  } catch (err) {
    child.kill();
    await rm(directory, { recursive: true, force: true });
    throw err;
  }

  let stopped: Promise<void> | null = null;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    // s3rver's built-in credentials
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    region: "us-east-1",
    directory,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((r) => child.once("exit", () => r()));
          child.stdin!.end();
          const t = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(t);
        }
        await rm(directory, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
