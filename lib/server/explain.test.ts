import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { refusal } from "./explain";

describe("refusal", () => {
  it.each([
    [refusal("forbidden", { needs: ["publisher"], role: "user" }), 403, "This needs the publisher role; your account is a user."],
    [refusal("forbidden", { needs: ["publisher", "reviewer"], role: "user" }), 403, "This needs the publisher or reviewer role; your account is a user."],
    [refusal("unauthorized", { reason: "revoked-token" }), 401, "The API token has been revoked."],
    [refusal("upload-too-large", { limit: 2 * 1024 ** 3 }), 413, `The upload exceeds the maximum size of 2 GiB (${2 * 1024 ** 3} bytes).`],
    [refusal("media-too-large", { kind: "icon", limit: 256 * 1024, size: 300 * 1024 }), 413, "The icon is larger than 256 KiB (300 KiB)."],
    [refusal("media-too-large", { kind: "image", limit: 2 * 1024 * 1024 }), 413, "The image is larger than 2 MiB."],
    [refusal("unsupported-media-type", { kind: "screenshot" }), 415, "Screenshots must be PNG or JPEG images."],
    [
      refusal("not-withdrawable", { name: "x", revision: 2, status: "ready_to_release" }),
      409,
      'Revision 2 of "x" is ready to release; only a revision waiting for manual review can be withdrawn.',
    ],
    [refusal("invalid-field", { field: "channels", problems: ["Name at least one channel."] }), 400, "channels: Name at least one channel."],
  ])("%#: status and wording", (err, status, message) => {
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(status);
    expect(err.message).toBe(message);
  });

  it("carries the facts as details (the API's extra), none when there are none", () => {
    expect(refusal("revision-awaiting-review", { name: "x", revision: 3, reasons: [] }).details).toEqual({ name: "x", revision: 3, reasons: [] });
    expect(refusal("invalid-credentials", {}).details).toBeUndefined();
  });
});

// Errors are built one way: `new AppError(` appears only in the table itself.
describe("every expected error goes through the refusal table", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  function* sources(dir: string): Generator<string> {
    for (const entry of readdirSync(dir)) {
      const p = path.join(dir, entry);
      if (statSync(p).isDirectory()) {
        if (entry !== "generated" && entry !== "node_modules") yield* sources(p);
      } else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) yield p;
    }
  }

  it("no `new AppError(` outside lib/server/explain.ts and lib/errors.ts", () => {
    const offenders: string[] = [];
    for (const top of ["app", "components", "lib", "cli"]) {
      for (const file of sources(path.join(root, top))) {
        const rel = path.relative(root, file);
        if (rel === path.join("lib", "server", "explain.ts") || rel === path.join("lib", "errors.ts")) continue;
        if (readFileSync(file, "utf8").includes("new AppError(")) offenders.push(rel);
      }
    }
    expect(offenders).toEqual([]);
  });
});
