import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight";

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe("SingleFlight", () => {
  it("runs one computation for concurrent callers of a key, and a new one once it settled", async () => {
    const f = new SingleFlight<string>();
    const d = deferred<string>();
    let runs = 0;
    const compute = () => (runs++, d.promise);
    const a = f.run("k", compute);
    const b = f.run("k", compute);
    const other = f.run("other", () => Promise.resolve("O"));
    d.resolve("A");
    expect(await Promise.all([a, b, other])).toEqual(["A", "A", "O"]);
    expect([runs, f.shared]).toEqual([1, 1]);
    await f.run("k", () => (runs++, Promise.resolve("again")));
    expect(runs).toBe(2);
  });

  it("shares a failure with the callers that joined, and forgets it", async () => {
    const f = new SingleFlight<string>();
    const d = deferred<string>();
    const a = f.run("k", () => d.promise);
    const b = f.run("k", () => Promise.resolve("never"));
    d.reject(new Error("database gone"));
    await expect(a).rejects.toThrow("database gone");
    await expect(b).rejects.toThrow("database gone");
    expect(await f.run("k", () => Promise.resolve("ok"))).toBe("ok");
  });
});
