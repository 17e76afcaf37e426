import { execFileSync } from "node:child_process";
import { ROLE_ACCOUNTS } from "./roles";

/** Creates the per-role accounts with the real admin command, against the server's database. */
export default async function globalSetup() {
  const env = { ...process.env, SNAPSTORE_DATA_DIR: process.env.E2E_DATA_DIR || "test-results/e2e-data" };
  // On the embedded default the store seeds its demo data on first start; do that first (as a
  // person running `npm run demo` would), so e2e/ui/demo.spec.ts can sign in with those accounts.
  execFileSync(process.execPath, ["cli/snapstore.mjs", "db", "prepare"], { env, stdio: "pipe" });
  for (const a of Object.values(ROLE_ACCOUNTS)) {
    const args = ["cli/snapstore.mjs", "user", "create", "--email", a.email, "--role", a.role];
    if ("username" in a) args.push("--username", a.username);
    try {
      execFileSync(process.execPath, args, { env, input: a.password + "\n", stdio: ["pipe", "pipe", "pipe"] });
    } catch (err) {
      const out = String((err as { stderr?: Buffer }).stderr ?? "");
      if (!out.includes("already exists")) throw new Error(`creating ${a.email} failed: ${out}`, { cause: err });
    }
  }
}
