// Another store instance for test/server/upload-hardening.test.ts: its own process and database
// client (SQLite: two clients in ONE process would block each other's writes, better-sqlite3 waits
// synchronously), claiming upload slots at the same moment as the test. Run with
// `tsx --conditions=react-server`; DATABASE_URL names the test's database.
// Prints "ready", waits for "go", claims N slots of USER (limit MAX) at once and prints the
// outcome as JSON; on "release" frees what it holds and exits.
import readline from "node:readline";
import { createDb } from "@/lib/db/client";
import { dbConfigFromEnv } from "@/lib/db/config";
import { claimUploadSlot, type UploadSlotHold } from "@/lib/server/upload-slots";

const [user, n, max] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const db = createDb(dbConfigFromEnv());
let holds: UploadSlotHold[] = [];
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  if (line === "go") {
    const results = await Promise.all(
      Array.from({ length: n }, () =>
        claimUploadSlot(db, user, max).then(
          (h) => h,
          (e: { code?: string }) => e.code ?? String(e),
        ),
      ),
    );
    holds = results.filter((r): r is UploadSlotHold => typeof r !== "string");
    console.log(JSON.stringify(results.map((r) => (typeof r === "string" ? r : r.slot))));
  } else if (line === "release") {
    for (const h of holds) await h.release();
    await db.$disconnect();
    process.exit(0);
  }
});
console.log("ready");
