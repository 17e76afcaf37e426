// `snapstore inspect` as scripts run it: a child process on real fixture images.
import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const FIX = "test/fixtures/snaps";

function inspect(file: string, json = true) {
  const r = spawnSync(process.execPath, ["cli/snapstore.mjs", "inspect", file, ...(json ? ["--json"] : [])], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function opensslSha3(file: string): string {
  return execFileSync("openssl", ["dgst", "-sha3-384", "-r", file], { encoding: "utf8" }).split(" ")[0];
}

describe("snapstore inspect", () => {
  it("prints a valid strict snap and exits 0", () => {
    const r = inspect(`${FIX}/strict.snap`);
    expect(r.status, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      name: "hello-strict",
      version: "1.0",
      confinement: "strict",
      grade: "stable",
      type: "app",
      compression: "xz",
      errors: [],
      plugs: { network: { interface: "network", attributes: {} } },
    });
    expect(j["sha3-384"]).toBe(opensslSha3(`${FIX}/strict.snap`));
    expect(j.size).toBeGreaterThanOrEqual(4096);
    expect(Object.keys(j).sort()).toEqual(
      [
        "apps",
        "architectures",
        "base",
        "compression",
        "confinement",
        "errors",
        "grade",
        "name",
        "plugs",
        "sha3-384",
        "size",
        "slots",
        "summary",
        "type",
        "version",
      ].sort(),
    );
  });

  it("reports every metadata violation and exits 1", () => {
    const r = inspect(`${FIX}/bad-metadata.snap`);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.out);
    const fields = j.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["name", "summary"]));
  });

  it("a file that is not a squashfs is an error, not a crash", () => {
    const r = inspect(`${FIX}/not-squashfs.snap`);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.errors).toEqual([{ field: "squashfs", message: expect.stringMatching(/not-squashfs/) }]);
    expect(j["sha3-384"]).toBe(opensslSha3(`${FIX}/not-squashfs.snap`));
  });

  it("a snap without meta/snap.yaml names the missing file", () => {
    const j = JSON.parse(inspect(`${FIX}/missing-snap-yaml.snap`).out);
    expect(j.errors[0]).toEqual({ field: "meta/snap.yaml", message: expect.stringContaining("missing") });
  });

  it("gzip compression is flagged as not accepted by the store", () => {
    const r = inspect(`${FIX}/gzip.snap`);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.out).errors).toContainEqual({ field: "squashfs.compression", message: expect.stringContaining("gzip") });
  });

  it("prints a readable summary without --json", () => {
    const r = inspect(`${FIX}/camera.snap`, false);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^name: +hello-camera$/m);
    expect(r.out).toMatch(/^plugs: +camera, network$/m);
  });
});
