import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "./args";
import {
  NOT_LOGGED_IN,
  configPath,
  loadCredentials,
  normalizeStoreUrl,
  readCredentialsFile,
  removeCredentialsFile,
  requireCredentials,
  writeCredentialsFile,
} from "./config";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "snapstore-cli-config-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("configPath", () => {
  it("prefers SNAPSTORE_CONFIG, then XDG_CONFIG_HOME, then ~/.config", () => {
    expect(configPath({ SNAPSTORE_CONFIG: "/a/creds.json", XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/a/creds.json");
    expect(configPath({ XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/x/snapstore/credentials.json");
    expect(configPath({ HOME: "/h" })).toBe("/h/.config/snapstore/credentials.json");
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
    expect(configPath({ XDG_CONFIG_HOME: "rel", HOME: "/h" })).toBe("/h/.config/snapstore/credentials.json");
  });
});

describe("normalizeStoreUrl", () => {
  it("drops the trailing slash and keeps a path prefix", () => {
    expect(normalizeStoreUrl("https://store.example.com/")).toBe("https://store.example.com");
    expect(normalizeStoreUrl(" http://127.0.0.1:3210 ")).toBe("http://127.0.0.1:3210");
    expect(normalizeStoreUrl("https://example.com/snaps/")).toBe("https://example.com/snaps");
  });
  it("refuses non-http URLs and garbage", () => {
    expect(() => normalizeStoreUrl("ftp://x")).toThrow(CliError);
    expect(() => normalizeStoreUrl("store.example.com")).toThrow(/invalid store URL/);
  });
});

describe("credentials file", () => {
  it("is written with mode 0600 (directory created 0700) and read back", async () => {
    const file = path.join(dir, "nested", "snapstore", "credentials.json");
    await writeCredentialsFile(file, { store: "http://s", token: "t1", email: "e@x" });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await readCredentialsFile(file)).toEqual({ store: "http://s", token: "t1", email: "e@x" });
    // Overwriting an existing, wider file leaves it 0600.
    await writeFile(file, "{}", { mode: 0o644 });
    await writeCredentialsFile(file, { store: "http://s", token: "t2" });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8")).token).toBe("t2");
  });

  it("missing is null; malformed is a clear error", async () => {
    const file = path.join(dir, "credentials.json");
    expect(await readCredentialsFile(file)).toBeNull();
    await writeFile(file, "not json");
    await expect(readCredentialsFile(file)).rejects.toThrow(/not valid JSON/);
    await writeFile(file, JSON.stringify({ store: "http://s" }));
    await expect(readCredentialsFile(file)).rejects.toThrow(/no store URL and token/);
  });

  it("is removed by logout", async () => {
    const file = path.join(dir, "credentials.json");
    await writeCredentialsFile(file, { store: "http://s", token: "t" });
    expect(await removeCredentialsFile(file)).toBe(true);
    expect(await removeCredentialsFile(file)).toBe(false);
  });
});

describe("loadCredentials precedence", () => {
  const file = () => path.join(dir, "credentials.json");
  const env = (extra: Record<string, string> = {}) => ({ SNAPSTORE_CONFIG: file(), HOME: dir, ...extra });

  it("is null without a file or environment; requireCredentials explains how to log in", async () => {
    expect(await loadCredentials(env())).toBeNull();
    await expect(requireCredentials(env())).rejects.toThrow(NOT_LOGGED_IN);
  });

  it("uses the file", async () => {
    await writeCredentialsFile(file(), { store: "http://file-store/", token: "file-token", email: "e@x" });
    expect(await loadCredentials(env())).toEqual({ store: "http://file-store", token: "file-token", email: "e@x", source: "file", path: file() });
  });

  it("SNAPSTORE_STORE_URL + SNAPSTORE_TOKEN override the file", async () => {
    await writeCredentialsFile(file(), { store: "http://file-store", token: "file-token" });
    const creds = await loadCredentials(env({ SNAPSTORE_STORE_URL: "https://ci-store/", SNAPSTORE_TOKEN: "ci-token" }));
    expect(creds).toMatchObject({ store: "https://ci-store", token: "ci-token", source: "env" });
  });

  it("work without any file", async () => {
    const creds = await loadCredentials(env({ SNAPSTORE_STORE_URL: "https://ci-store", SNAPSTORE_TOKEN: "ci-token" }));
    expect(creds).toMatchObject({ store: "https://ci-store", token: "ci-token", source: "env" });
  });

  it("SNAPSTORE_TOKEN alone uses the file's store; with neither it is an error", async () => {
    await expect(loadCredentials(env({ SNAPSTORE_TOKEN: "ci-token" }))).rejects.toThrow(/SNAPSTORE_STORE_URL is not/);
    await writeCredentialsFile(file(), { store: "http://file-store", token: "file-token" });
    expect(await loadCredentials(env({ SNAPSTORE_TOKEN: "ci-token" }))).toMatchObject({ store: "http://file-store", token: "ci-token", source: "env" });
  });

  it("SNAPSTORE_STORE_URL alone never sends the file's token to another store", async () => {
    await writeCredentialsFile(file(), { store: "http://file-store", token: "file-token" });
    expect(await loadCredentials(env({ SNAPSTORE_STORE_URL: "http://other-store" }))).toBeNull();
    expect(await loadCredentials(env({ SNAPSTORE_STORE_URL: "http://file-store/" }))).toMatchObject({ token: "file-token", source: "file" });
  });

  it("blank environment values are ignored", async () => {
    await writeCredentialsFile(file(), { store: "http://file-store", token: "file-token" });
    expect(await loadCredentials(env({ SNAPSTORE_STORE_URL: "", SNAPSTORE_TOKEN: " " }))).toMatchObject({ source: "file" });
  });
});
