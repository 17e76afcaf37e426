// Publisher commands for CI pipelines and terminals. They talk ONLY to the store's HTTP API
// (/api/v1) with the token saved by `snapstore login` or given in SNAPSTORE_STORE_URL + SNAPSTORE_TOKEN.
import { stat } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseChannel } from "@/lib/snap/channels";
import { uploadReleaseProblems } from "@/lib/snap/release-rules";
import { CliError, flag, parseArgs, readStdin, type Args } from "../args";
import { ApiError, NetworkError, StoreClient, type ChannelMapEntry, type UploadStatus } from "../api-client";
import {
  NOT_LOGGED_IN,
  configPath,
  loadCredentials,
  normalizeStoreUrl,
  readCredentialsFile,
  removeCredentialsFile,
  requireCredentials,
  writeCredentialsFile,
} from "../config";
import { formatBytesSI, revisionStatusWords } from "@/lib/vocabulary";
import { formatChannelMap, formatProgress, formatRevisions, uploadReasons } from "../format";

/** Exit codes of the publisher commands (2 is a usage error, as for every snapstore command). */
export const EXIT = { ok: 0, error: 1, usage: 2, manualReview: 3, timeout: 4 } as const;

const BOOLEANS = ["json", "progress", "no-progress"] as const;

type Command = (args: Args) => Promise<number | void>;

/** Parse argv, run, and turn API/network failures into `snapstore: <message> (<code>)` + exit 1. */
function command(run: Command): (argv: string[]) => Promise<number | void> {
  return async (argv) => {
    try {
      return await run(parseArgs(argv, BOOLEANS));
    } catch (err) {
      throw toCliError(err);
    }
  };
}

export function toCliError(err: unknown): unknown {
  if (err instanceof ApiError) {
    const lines = err.errors.map((e) => (e.code ? `${e.message} (${e.code})` : e.message));
    if (err.status === 401 && !lines.some((l) => l.includes("snapstore login")))
      lines.push("the token was refused: run `snapstore login` again, or check SNAPSTORE_TOKEN");
    return new CliError(lines.join("\nsnapstore: "), EXIT.error);
  }
  if (err instanceof NetworkError) return new CliError(err.message, EXIT.error);
  return err;
}

function usage(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

async function client(): Promise<StoreClient> {
  const creds = await requireCredentials();
  return new StoreClient(creds.store, creds.token);
}

const out = (text: string) => process.stdout.write(text.endsWith("\n") ? text : text + "\n");
const info = (text: string) => process.stderr.write(text.endsWith("\n") ? text : text + "\n");

function positional(args: Args, index: number, what: string, synopsis: string): string {
  const v = args.positionals[index];
  if (!v) throw usage(`missing ${what}: snapstore ${synopsis}`);
  return v;
}

/** "edge,beta" -> ["edge", "beta"], each checked with the store's channel syntax. */
export function parseChannelList(input: string): string[] {
  const channels = input
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  if (channels.length === 0) throw usage("no channel given: use a comma-separated list, e.g. edge,beta or 2.0/stable");
  for (const c of channels) {
    const parsed = parseChannel(c);
    if (!parsed.ok) throw usage(parsed.message);
  }
  return [...new Set(channels)];
}

function parseRevision(input: string): number {
  if (!/^[1-9]\d*$/.test(input)) throw usage(`invalid revision ${JSON.stringify(input)}: expected a positive integer`);
  return Number(input);
}

function printChannelMap(name: string, map: ChannelMapEntry[] | undefined): void {
  const table = formatChannelMap(map ?? []);
  out(table || `${name} has no released revisions`);
}

// ---- login / logout / whoami ----

async function promptLine(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Read a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          return resolve(value);
        }
        if (ch === "\u0003") {
          finish();
          return reject(new CliError("cancelled", 130));
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

async function loginCmd(args: Args): Promise<void> {
  const file = configPath();
  const existing = await readCredentialsFile(file).catch(() => null);
  const storeArg = flag(args, "store") ?? (process.env.SNAPSTORE_STORE_URL?.trim() || undefined) ?? existing?.store;
  if (!storeArg) throw usage("give the store URL: snapstore login --store https://snaps.example.com [--email E]");
  const store = normalizeStoreUrl(storeArg);
  const interactive = !!process.stdin.isTTY;

  let email = flag(args, "email");
  if (!email && interactive) email = await promptLine("Email: ");
  if (!email) throw usage('give --email E (the password is read from standard input), e.g.: echo "$PASSWORD" | snapstore login --store URL --email E');
  const password = interactive ? await promptHidden("Password: ") : (await readStdin()).replace(/\r?\n$/, "");
  if (!password) throw usage("no password given: type it at the prompt, or pipe it on standard input");

  const label = flag(args, "label") ?? `snapstore CLI on ${hostname()}`;
  let token: string;
  try {
    ({ token } = await new StoreClient(store).createToken(email, password, label));
  } catch (err) {
    // A 401 here is a wrong email/password, not a stale token: no "log in again" hint.
    if (err instanceof ApiError) throw new CliError(err.errors.map((e) => (e.code ? `${e.message} (${e.code})` : e.message)).join("\nsnapstore: "));
    throw err;
  }
  if (typeof token !== "string" || !token) throw new CliError(`the store at ${store} answered without a token`);
  await writeCredentialsFile(file, { store, token, email, label, createdAt: new Date().toISOString() });
  out(`Logged in to ${store} as ${email}. Credentials saved to ${file}`);
  if (process.env.SNAPSTORE_TOKEN) info("note: SNAPSTORE_TOKEN is set in the environment and takes precedence over the saved credentials");
}

async function logoutCmd(): Promise<void> {
  const file = configPath();
  if (await removeCredentialsFile(file)) out(`Logged out: removed ${file}`);
  else out(`Not logged in (no ${file})`);
  if (process.env.SNAPSTORE_TOKEN) info("note: SNAPSTORE_TOKEN is still set in the environment");
}

async function whoamiCmd(): Promise<void> {
  const creds = await loadCredentials();
  if (!creds) throw new CliError(NOT_LOGGED_IN);
  out(`store: ${creds.store}`);
  if (creds.email) out(`email: ${creds.email}`);
  out(`credentials: ${creds.source === "env" ? "SNAPSTORE_TOKEN (environment)" : creds.path}`);
}

// ---- register ----

async function registerCmd(args: Args): Promise<void> {
  const name = positional(args, 0, "the snap name", "register NAME");
  const res = await (await client()).register(name);
  if (res.status === "pending-review") {
    out(`The name ${res.name} is reserved: your request to register it is pending review (snap-id ${res["snap-id"]})`);
  } else {
    out(`Registered ${res.name} (snap-id ${res["snap-id"]})`);
  }
}

// ---- upload ----

/** The `name:` of meta/snap.yaml inside the .snap, read the way the store reads it. */
/** The local .snap's snap.yaml (name, confinement, grade), or why it cannot be read. */
async function readLocalMeta(file: string): Promise<{ meta: { name: string; confinement: string; grade: string } | null; reason: string }> {
  const { readSnapFile } = await import("@/lib/snap/inspect");
  try {
    const r = await readSnapFile(file);
    if (r.meta?.name) return { meta: r.meta, reason: "" };
    return { meta: null, reason: r.imageError?.message ?? r.packageError?.message ?? "meta/snap.yaml has no name" };
  } catch (err) {
    return { meta: null, reason: (err as Error).message };
  }
}

/** Progress on stderr: a live line on a terminal, a plain line per 10% with --progress, else nothing. */
function progressReporter(args: Args, label: string): { update(sent: number, total: number): void; done(): void } {
  const tty = !!process.stderr.isTTY && args.flags["no-progress"] === undefined;
  const plain = !tty && args.flags.progress !== undefined;
  let lastDraw = 0;
  let lastBucket = -1;
  let drawn = false;
  return {
    update(sent, total) {
      if (tty) {
        const now = Date.now();
        if (sent < total && now - lastDraw < 100) return;
        lastDraw = now;
        drawn = true;
        process.stderr.write(`\r\x1b[K${label}: ${formatProgress(sent, total)}`);
      } else if (plain) {
        const bucket = total > 0 ? Math.floor((sent / total) * 10) : 10;
        if (bucket === lastBucket) return;
        lastBucket = bucket;
        info(`${label}: ${formatProgress(sent, total)}`);
      }
    },
    done() {
      if (tty && drawn) process.stderr.write("\n");
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll the status URL with backoff until the store has decided, or the deadline passes. */
async function waitForProcessing(api: StoreClient, statusUrl: string, timeoutMs: number): Promise<UploadStatus | null> {
  const deadline = Date.now() + timeoutMs;
  let delay = 500;
  for (;;) {
    try {
      const status = await api.uploadStatus(statusUrl);
      if (status.code !== "being_processed") return status;
    } catch (err) {
      // A store restarting or a proxy hiccup is retried until the deadline; a real refusal is not.
      const transient = err instanceof NetworkError || (err instanceof ApiError && err.status >= 500);
      if (!transient) throw err;
    }
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 1.5, 10_000);
  }
}

async function uploadCmd(args: Args): Promise<number> {
  const file = positional(args, 0, "the .snap file", "upload FILE [--release CHANNELS] [--name NAME] [--timeout SECONDS]");
  const releaseFlag = args.flags.release;
  if (releaseFlag === true) throw usage("--release needs channels, e.g. --release edge,beta");
  const channels = releaseFlag ? parseChannelList(releaseFlag) : [];
  const timeoutFlag = flag(args, "timeout");
  const timeoutS = timeoutFlag === undefined ? 600 : Number(timeoutFlag);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw usage(`invalid --timeout ${JSON.stringify(timeoutFlag)}: expected seconds, e.g. 600`);

  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error("not a regular file");
    size = st.size;
  } catch (err) {
    throw new CliError(`cannot upload ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  const api = await client(); // fail on "not logged in" before reading the file
  const local = await readLocalMeta(file);
  const name = flag(args, "name") ?? local.meta?.name;
  if (!name) throw new CliError(`cannot read the snap name from ${file}: ${local.reason}; pass --name NAME`);
  // The release rules that depend only on the file (devmode/devel: beta and edge only) are checked
  // before sending a byte, so a pipeline does not spend a revision on a release that must fail.
  const problems = local.meta ? uploadReleaseProblems(local.meta, channels) : [];
  if (problems.length)
    throw new CliError(
      [`not uploading ${path.basename(file)}: it cannot be released to every channel of --release`, ...problems.map((p) => `- ${p}`)].join("\n"),
    );

  info(`Uploading ${path.basename(file)} (${formatBytesSI(size)}) as ${name} to ${api.store}`);
  const progress = progressReporter(args, `Uploading ${path.basename(file)}`);
  let accepted;
  try {
    accepted = await api.upload(name, file, (p) => progress.update(p.sent, p.total));
  } finally {
    progress.done();
  }
  const revision = accepted.revision;
  info(`Uploaded revision ${revision} of ${name}; waiting for the store to process it`);

  const status = await waitForProcessing(api, accepted["status-url"], timeoutS * 1000);
  if (!status) {
    throw new CliError(
      `timed out after ${timeoutS} s waiting for the store to process revision ${revision} of ${name}; check later with \`snapstore revisions ${name}\``,
      EXIT.timeout,
    );
  }
  const rev = status.revision ?? revision;
  const reasons = uploadReasons(status);
  const summary = `revision ${rev} of ${name}: ${revisionStatusWords(status.code)}`;
  switch (status.code) {
    case "ready_to_release":
      break;
    case "need_manual_review":
      throw new CliError(
        [
          `${summary}; a reviewer must approve it before it can be released${channels.length ? ` (not released to ${channels.join(", ")})` : ""}`,
          ...reasons,
        ].join("\n"),
        EXIT.manualReview,
      );
    default:
      throw new CliError([summary, ...reasons].join("\n"), EXIT.error);
  }

  out(`Revision ${rev} of ${name}: ${revisionStatusWords(status.code)}`);
  for (const r of reasons) out(r); // warnings that did not block the upload
  if (channels.length === 0) return EXIT.ok;
  const released = await api.release(name, rev, channels);
  out(`Released revision ${rev} of ${name} to ${channels.join(", ")}`);
  printChannelMap(name, released["channel-map"]);
  return EXIT.ok;
}

// ---- release / close / status / revisions ----

async function releaseCmd(args: Args): Promise<void> {
  const synopsis = "release NAME REVISION CHANNELS";
  const name = positional(args, 0, "the snap name", synopsis);
  const revision = parseRevision(positional(args, 1, "the revision", synopsis));
  const channels = parseChannelList(positional(args, 2, "the channels", synopsis));
  const res = await (await client()).release(name, revision, channels);
  out(`Released revision ${revision} of ${name} to ${channels.join(", ")}`);
  printChannelMap(name, res["channel-map"]);
}

async function closeCmd(args: Args): Promise<void> {
  const synopsis = "close NAME CHANNELS";
  const name = positional(args, 0, "the snap name", synopsis);
  const channels = parseChannelList(positional(args, 1, "the channels", synopsis));
  const api = await client();
  let res;
  try {
    res = await api.close(name, channels);
  } catch (err) {
    // A store without the endpoint answers a plain 404 (no error-list): say so plainly.
    if (err instanceof ApiError && err.status === 404 && err.code === "not-found")
      throw new CliError(`the store at ${api.store} does not support closing channels`);
    throw err;
  }
  out(`Closed ${channels.join(", ")} for ${name}`);
  printChannelMap(name, Array.isArray(res["channel-map"]) ? res["channel-map"] : (await api.channelMap(name))["channel-map"]);
}

async function statusCmd(args: Args): Promise<void> {
  const name = positional(args, 0, "the snap name", "status NAME [--json]");
  const res = await (await client()).channelMap(name);
  if (args.flags.json) out(JSON.stringify(res, null, 2));
  else printChannelMap(name, res["channel-map"]);
}

async function revisionsCmd(args: Args): Promise<void> {
  const name = positional(args, 0, "the snap name", "revisions NAME [--json]");
  const res = await (await client()).revisions(name);
  if (args.flags.json) out(JSON.stringify(res, null, 2));
  else out(formatRevisions(res.revisions ?? []) || `${name} has no revisions`);
}

export const login = command(loginCmd);
export const logout = command(logoutCmd);
export const whoami = command(whoamiCmd);
export const register = command(registerCmd);
export const upload = command(uploadCmd);
export const release = command(releaseCmd);
export const close = command(closeCmd);
export const status = command(statusCmd);
export const revisions = command(revisionsCmd);
