// A small client for the store's publisher API (/api/v1): base URL + bearer token, JSON in and out,
// `{"error-list": [...]}` responses turned into ApiError, and a streamed .snap upload.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { Transform } from "node:stream";
// Types only (erased): the request bodies are the store's own input schemas.
import type { RegisterNameInput } from "@/lib/schemas/names";
import type { CloseChannelsInput, ReleaseInput } from "@/lib/schemas/releases";
import type { CreateTokenInput } from "@/lib/schemas/tokens";
import type { RevisionStatus } from "@/lib/vocabulary";

export interface ApiErrorItem {
  code: string;
  message: string;
}

/** The store answered with an error status. `errors` is never empty. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiErrorItem[],
  ) {
    super(errors.map((e) => (e.code ? `${e.message} (${e.code})` : e.message)).join("; "));
    this.name = "ApiError";
  }
  get code(): string {
    return this.errors[0]?.code ?? "";
  }
}

/** The store could not be reached (DNS, refused connection, TLS, reset...). */
export class NetworkError extends Error {
  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`cannot reach the store at ${store}: ${describeCause(cause)}`);
    this.name = "NetworkError";
  }
}

function describeCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // fetch wraps the socket error: "fetch failed" + cause { code: "ECONNREFUSED", ... }
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) return describeCause(cause);
  const code = (err as NodeJS.ErrnoException).code;
  return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
}

// ---- response shapes (tolerant: only the fields the CLI uses are typed) ----

export interface ChannelMapEntry {
  channel: { name: string; track: string; risk: string; branch?: string | null; architecture: string; "released-at"?: string | null };
  revision: number | null;
  version?: string | null;
  confinement?: string | null;
  grade?: string | null;
  [key: string]: unknown;
}

export interface RevisionInfo {
  revision: number;
  version?: string | null;
  architectures?: string[] | null;
  confinement?: string | null;
  grade?: string | null;
  status?: string | null;
  "created-at"?: string | null;
  channels?: (string | { name?: string; channel?: string; architecture?: string })[] | null;
  [key: string]: unknown;
}

export type UploadStatusCode = Exclude<RevisionStatus, "withdrawn">;

export interface UploadStatus {
  code: UploadStatusCode | string;
  revision: number | null;
  errors?: ApiErrorItem[] | null;
  review?: unknown;
  [key: string]: unknown;
}

export interface UploadAccepted {
  "upload-id": string;
  "status-url": string;
  revision: number;
}

export interface RegisterResult {
  name: string;
  "snap-id": string;
  status?: string;
}

export interface UploadProgress {
  sent: number;
  total: number;
}

type FetchLike = typeof fetch;

export class StoreClient {
  readonly store: string;

  constructor(
    store: string,
    private readonly token?: string,
    private readonly fetchImpl: FetchLike = fetch,
  ) {
    this.store = store.replace(/\/+$/, "");
  }

  /** Absolute URL for an API path ("/api/v1/...") or an absolute/relative URL the store handed out. */
  url(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
    return this.store + (pathOrUrl.startsWith("/") ? pathOrUrl : `/${pathOrUrl}`);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      Accept: "application/json",
      "User-Agent": "snapstore-cli",
      ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
      ...extra,
    };
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path), {
        method,
        headers: this.headers(body === undefined ? {} : { "Content-Type": "application/json" }),
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: "manual",
      });
    } catch (err) {
      throw new NetworkError(this.store, err);
    }
    const text = await res.text().catch(() => "");
    return parseResponse<T>(res.status, res.statusText, res.headers.get("content-type") ?? "", text, method, this.url(path));
  }

  // ---- endpoints ----

  createToken(email: string, password: string, label: string): Promise<{ token: string }> {
    return this.request("POST", "/api/v1/tokens", { email, password, label } satisfies CreateTokenInput);
  }

  register(name: string): Promise<RegisterResult> {
    return this.request("POST", "/api/v1/snaps", { name } satisfies RegisterNameInput);
  }

  uploadStatus(statusUrl: string): Promise<UploadStatus> {
    return this.request("GET", statusUrl);
  }

  release(name: string, revision: number, channels: string[]): Promise<{ "channel-map": ChannelMapEntry[] }> {
    return this.request("POST", `/api/v1/snaps/${encodeURIComponent(name)}/releases`, { revision, channels } satisfies ReleaseInput);
  }

  close(name: string, channels: string[]): Promise<{ "channel-map"?: ChannelMapEntry[]; "closed-channels"?: string[] }> {
    return this.request("POST", `/api/v1/snaps/${encodeURIComponent(name)}/close`, { channels } satisfies CloseChannelsInput);
  }

  channelMap(name: string): Promise<{ "channel-map": ChannelMapEntry[] }> {
    return this.request("GET", `/api/v1/snaps/${encodeURIComponent(name)}/channel-map`);
  }

  revisions(name: string): Promise<{ revisions: RevisionInfo[] }> {
    return this.request("GET", `/api/v1/snaps/${encodeURIComponent(name)}/revisions`);
  }

  /**
   * Stream a .snap file to `POST /api/v1/snaps/{name}/uploads` with node:http(s): the file is piped
   * through (never read whole into memory) with Content-Length set, and `onProgress` is told the
   * bytes handed to the socket (with backpressure, so they track what was sent).
   */
  async upload(name: string, file: string, onProgress?: (p: UploadProgress) => void): Promise<UploadAccepted> {
    const { size } = await stat(file);
    const target = new URL(this.url(`/api/v1/snaps/${encodeURIComponent(name)}/uploads`));
    const transport = target.protocol === "https:" ? https : http;
    const store = this.store;
    const headers = this.headers({ "Content-Type": "application/octet-stream", "Content-Length": String(size) });

    const { status, statusText, contentType, text } = await new Promise<{ status: number; statusText: string; contentType: string; text: string }>(
      (resolve, reject) => {
        let settled = false;
        let answered = false;
        const fail = (err: unknown) => {
          if (settled) return;
          settled = true;
          source.destroy();
          req.destroy();
          reject(new NetworkError(store, err));
        };
        const req = transport.request(target, { method: "POST", headers }, (res) => {
          answered = true;
          // The store may answer early (413, 403...) before the body is complete: stop sending.
          const early = !source.readableEnded;
          if (early) source.unpipe(counter);
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", fail);
          res.on("end", () => {
            if (settled) return;
            settled = true;
            source.destroy();
            if (early) req.destroy();
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? "",
              contentType: String(res.headers["content-type"] ?? ""),
              text: Buffer.concat(chunks).toString("utf8"),
            });
          });
        });
        let sent = 0;
        const counter = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            sent += chunk.length;
            onProgress?.({ sent, total: size });
            cb(null, chunk);
          },
        });
        const source = createReadStream(file);
        // Once the store has answered, a write error (EPIPE after an early 413) is not the result.
        req.on("error", (err) => {
          if (!answered) fail(err);
        });
        source.on("error", (err) => {
          if (settled) return;
          settled = true;
          req.destroy();
          reject(err); // a local file problem, not a network one
        });
        onProgress?.({ sent: 0, total: size });
        source.pipe(counter).pipe(req);
      },
    );
    return parseResponse<UploadAccepted>(status, statusText, contentType, text, "POST", target.toString());
  }
}

/** JSON body on 2xx; ApiError from the error-list (or a synthesised one) otherwise. */
export function parseResponse<T>(status: number, statusText: string, contentType: string, text: string, method: string, url: string): T {
  let json: unknown;
  let isJson = false;
  if (text && (contentType.includes("json") || /^\s*[[{]/.test(text))) {
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      isJson = false;
    }
  }
  if (status >= 200 && status < 300) {
    if (!isJson)
      throw new ApiError(status, [{ code: "invalid-response", message: `the store answered ${method} ${url} with a non-JSON body (HTTP ${status})` }]);
    return json as T;
  }
  const list = isJson ? (json as { "error-list"?: unknown })?.["error-list"] : undefined;
  const errors = Array.isArray(list)
    ? list
        .filter((e): e is Record<string, unknown> => !!e && typeof e === "object")
        .map((e) => ({ code: typeof e.code === "string" ? e.code : "", message: typeof e.message === "string" ? e.message : JSON.stringify(e) }))
    : [];
  if (errors.length > 0) return throwApi(status, errors);
  const reason = statusText ? `HTTP ${status} ${statusText}` : `HTTP ${status}`;
  if (status === 401) return throwApi(status, [{ code: "unauthorized", message: "the store rejected the credentials: run `snapstore login` again" }]);
  if (status === 404) return throwApi(status, [{ code: "not-found", message: `${method} ${url} is not available on this store (${reason})` }]);
  if (status >= 300 && status < 400)
    return throwApi(status, [{ code: "redirect", message: `the store redirected ${method} ${url} (${reason}): check the store URL` }]);
  return throwApi(status, [{ code: `http-${status}`, message: `${method} ${url} failed: ${reason}` }]);
}

function throwApi(status: number, errors: ApiErrorItem[]): never {
  throw new ApiError(status, errors);
}
