import { describe, expect, it } from "vitest";
import path from "node:path";
import { ConfigError, dbConfigFromEnv, redact } from "@/lib/db/config";

describe("dbConfigFromEnv", () => {
  it("defaults to a SQLite file under the data directory", () => {
    expect(dbConfigFromEnv({})).toEqual({ provider: "sqlite", url: path.resolve("data/snapstore.db"), embedded: true });
    expect(dbConfigFromEnv({ SNAPSTORE_DATA_DIR: "/srv/snap" }).url).toBe("/srv/snap/snapstore.db");
  });

  it("accepts file: and postgres URLs", () => {
    expect(dbConfigFromEnv({ DATABASE_URL: "file:./x/y.db" })).toMatchObject({ provider: "sqlite", url: path.resolve("x/y.db"), embedded: false });
    expect(dbConfigFromEnv({ DATABASE_URL: "postgresql://u:p@db:5432/store" })).toMatchObject({ provider: "postgresql", embedded: false });
    expect(dbConfigFromEnv({ DATABASE_URL: "postgres://db/store" }).provider).toBe("postgresql");
  });

  it("refuses unknown schemes with one clear line", () => {
    expect(() => dbConfigFromEnv({ DATABASE_URL: "mysql://root@localhost/db" })).toThrowError(ConfigError);
    expect(() => dbConfigFromEnv({ DATABASE_URL: "mysql://root@localhost/db" })).toThrowError(/unsupported scheme "mysql"/);
    expect(() => dbConfigFromEnv({ DATABASE_URL: "file:" })).toThrowError(/names no file/);
  });

  it("redacts passwords", () => {
    expect(redact("postgresql://admin:s3cret@db:5432/x")).toBe("postgresql://admin:***@db:5432/x");
  });
});
