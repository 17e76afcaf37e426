// PostgreSQL only: the query shapes a non-C database collation kept off the name indexes can use
// the indexes made for them (migration postgres_ordered_indexes). With sequential scans priced out,
// the plan names the index exactly when it can serve the query; whether the planner then prefers
// it on real data is measured by the benchmarks (docs/catalogue.md), not asserted here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";

const PG = Boolean(process.env.SNAPSTORE_TEST_PG);
let t: TestDb;

beforeAll(async () => {
  if (PG) t = await createTestDb();
});
afterAll(() => t?.cleanup());

/** EXPLAIN of `query` with sequential and bitmap scans priced out (an empty table), as one text. */
async function plan(query: string): Promise<string> {
  return t.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query}`);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe.runIf(PG)("PostgreSQL indexes for the binary name order", () => {
  it("the store API's name= prefix (a LIKE on Snap.name) seeks the text_pattern_ops index", async () => {
    const p = await plan(`SELECT "id", "name" FROM "Snap" WHERE "private" = false AND "name"::text LIKE 'chess%' ORDER BY "name" ASC LIMIT 100`);
    expect(p).toContain("Snap_name_pattern_idx");
    expect(p).toMatch(/Index Cond: .*~>=~ 'chess'/);
  });

  it("browsing a category by name in binary order walks an index in that order, with no sort", async () => {
    const p = await plan(
      `SELECT d."snapId" FROM "SearchDoc" d WHERE d."listed" = true AND d."private" = false AND d."categories" LIKE '% games %' ORDER BY d."name" COLLATE "C" LIMIT 24 OFFSET 0`,
    );
    expect(p).toContain('Index Scan using "SearchDoc_listed_private_name_c_idx"');
    expect(p).not.toMatch(/\bSort\b/);
  });
});
