import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, NetworkError, StoreClient, parseResponse } from "./api-client";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let server: Server;
let base: string;
let dir: string;
let deadStore: string; // a port nobody listens on

async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  deadStore = await closedPort();
  dir = await mkdtemp(path.join(tmpdir(), "snapstore-cli-api-"));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};

describe("StoreClient.request", () => {
  it("sends the bearer token and JSON, returns the JSON body", async () => {
    let seen: { auth?: string; type?: string; body?: string; url?: string } = {};
    handler = (req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen = { auth: req.headers.authorization, type: req.headers["content-type"], body, url: req.url };
        json(res, 201, { name: "my-snap", "snap-id": "abc" });
      });
    };
    const res = await new StoreClient(base + "/", "tok").register("my-snap");
    expect(res).toEqual({ name: "my-snap", "snap-id": "abc" });
    expect(seen).toEqual({ auth: "Bearer tok", type: "application/json", body: '{"name":"my-snap"}', url: "/api/v1/snaps" });
  });

  it("sends no Authorization header without a token (token creation)", async () => {
    let auth: string | undefined = "unset";
    handler = (req, res) => {
      auth = req.headers.authorization;
      req.resume();
      req.on("end", () => json(res, 201, { token: "t" }));
    };
    expect(await new StoreClient(base).createToken("e", "p", "l")).toEqual({ token: "t" });
    expect(auth).toBeUndefined();
  });

  it("turns an error-list into an ApiError with status and codes", async () => {
    handler = (req, res) => {
      req.resume();
      json(res, 409, { "error-list": [{ code: "name-taken", message: "the name is taken" }] });
    };
    const err = await new StoreClient(base, "t").register("x").catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(409);
    expect(err.code).toBe("name-taken");
    expect(err.message).toBe("the name is taken (name-taken)");
  });

  it("names the store when it cannot be reached", async () => {
    const err = await new StoreClient(deadStore, "t").channelMap("x").catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(new RegExp(`^cannot reach the store at ${deadStore}: .*ECONNREFUSED`));
  });

  it("resolves status URLs relative to the store, keeps absolute ones", () => {
    const c = new StoreClient("https://s.example.com");
    expect(c.url("/api/v1/snaps/x/uploads/1")).toBe("https://s.example.com/api/v1/snaps/x/uploads/1");
    expect(c.url("http://other/x")).toBe("http://other/x");
  });
});

describe("parseResponse", () => {
  it("synthesises errors for bodies without an error-list", () => {
    expect(() => parseResponse(502, "Bad Gateway", "text/html", "<html>", "GET", "http://s/x")).toThrow(
      "GET http://s/x failed: HTTP 502 Bad Gateway (http-502)",
    );
    expect(() => parseResponse(404, "Not Found", "text/html", "<html>", "POST", "http://s/close")).toThrow(/not available on this store.*\(not-found\)/);
    expect(() => parseResponse(401, "", "", "", "GET", "http://s/x")).toThrow(/snapstore login/);
    expect(() => parseResponse(200, "OK", "text/html", "<html>", "GET", "http://s/x")).toThrow(/non-JSON/);
  });
});

describe("StoreClient.upload", () => {
  it("streams the file with Content-Length and reports progress up to the total", async () => {
    const file = path.join(dir, "big.snap");
    const size = 3 * 1024 * 1024 + 17;
    const data = Buffer.alloc(size, 7);
    await writeFile(file, data);
    let received = 0;
    let headers: IncomingMessage["headers"] = {};
    handler = (req, res) => {
      headers = req.headers;
      req.on("data", (c: Buffer) => (received += c.length));
      req.on("end", () => json(res, 202, { "upload-id": "u1", "status-url": "/api/v1/snaps/big/uploads/u1", revision: 4 }));
    };
    const progress: number[] = [];
    const res = await new StoreClient(base, "tok").upload("big", file, (p) => {
      expect(p.total).toBe(size);
      progress.push(p.sent);
    });
    expect(res).toEqual({ "upload-id": "u1", "status-url": "/api/v1/snaps/big/uploads/u1", revision: 4 });
    expect(received).toBe(size);
    expect(headers["content-length"]).toBe(String(size));
    expect(headers["content-type"]).toBe("application/octet-stream");
    expect(headers.authorization).toBe("Bearer tok");
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(size);
    expect(progress.length).toBeGreaterThan(3); // several chunks, not one buffer
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it("returns the store's early refusal (413) instead of a write error", async () => {
    const file = path.join(dir, "huge.snap");
    await writeFile(file, Buffer.alloc(8 * 1024 * 1024));
    handler = (_req, res) => {
      res.setHeader("Connection", "close");
      json(res, 413, { "error-list": [{ code: "upload-too-large", message: "uploads are limited to 1 MB" }] });
    };
    const err = await new StoreClient(base, "t").upload("huge", file).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe("upload-too-large");
  });

  it("names the store when the upload cannot connect", async () => {
    const file = path.join(dir, "small.snap");
    await writeFile(file, "x");
    const err = await new StoreClient(deadStore, "t").upload("s", file).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toContain(`cannot reach the store at ${deadStore}`);
  });
});
