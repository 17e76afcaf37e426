// Real production servers for the tests in test/after-build: `scripts/start.mjs start` on the test
// build, each in its own process group (so SIGKILL reaches the server itself), on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const root = path.resolve(__dirname, "../..");
export const distDir = ".next-test";

/** Whether the test build exists (the tests skip with a message otherwise). */
export function testBuildExists(test: string): boolean {
  const built = fs.existsSync(path.join(root, distDir, "BUILD_ID")) && fs.existsSync(path.join(root, distDir, "serve/serve.cjs"));
  if (!built) console.warn(`${test}: no ${distDir}/ build; run \`npm run build:test\` to run this test`);
  return built;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

/**
 * The environment of an instance on `port`: the test build, `dataDir` on the embedded SQLite
 * default, no demo data, then `extra` (undefined removes a variable the caller's shell may set).
 */
export function instanceEnv(dataDir: string, extra: Record<string, string | undefined> = {}): (port: number) => NodeJS.ProcessEnv {
  return (port) => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      SNAPSTORE_DIST_DIR: distDir,
      SNAPSTORE_DATA_DIR: dataDir,
      SNAPSTORE_DEMO: "0",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: "",
      ...extra,
    };
    for (const [k, v] of Object.entries(e)) if (v === undefined) delete e[k];
    return e;
  };
}

export interface Instance {
  base: string;
  port: number;
  proc: ChildProcess;
  /** Everything the instance printed (stdout and stderr) so far. */
  output: () => string;
}

/** Starts an instance with `env(port)` and waits until /api/health answers. */
export async function startInstance(env: (port: number) => NodeJS.ProcessEnv, started: ChildProcess[]): Promise<Instance> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["scripts/start.mjs", "start"], { cwd: root, env: env(port), stdio: ["ignore", "pipe", "pipe"], detached: true });
  started.push(proc);
  // Read continuously (a full pipe would block the server's writes); kept for tests that check the log.
  let out = "";
  proc.stdout?.on("data", (c: Buffer) => (out += c));
  proc.stderr?.on("data", (c: Buffer) => (out += c));
  const output = () => out;
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, port, proc, output };
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGKILL to an instance's whole process group (start.mjs and the server). */
export function kill9(proc: ChildProcess): void {
  try {
    if (proc.pid) process.kill(-proc.pid, "SIGKILL");
  } catch {
    // already gone
  }
}
