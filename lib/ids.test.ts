import { expect, it } from "vitest";
import { randomAlnum } from "./ids";

it("makes 32 alphanumerics, different every time", () => {
  const ids = new Set(Array.from({ length: 1000 }, () => randomAlnum()));
  expect(ids.size).toBe(1000);
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
});
