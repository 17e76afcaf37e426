import fs from "node:fs";
import { inspectSnap } from "@/lib/snap/inspect";
import { CliError, type Args } from "../args";

/** `snapstore inspect FILE.snap [--json]`: exit 0 for a valid snap, 1 for an invalid one. */
export async function inspect(args: Args): Promise<number> {
  const file = args.positionals[0];
  if (!file) throw new CliError("usage: snapstore inspect FILE.snap [--json]", 2);
  if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
  const r = await inspectSnap(file);
  if (args.flags.json) {
    process.stdout.write(JSON.stringify(r, null, 2) + "\n");
  } else {
    const rows: [string, string][] = [
      ["name", r.name ?? "-"],
      ["version", r.version ?? "-"],
      ["summary", r.summary ?? "-"],
      ["confinement", r.confinement ?? "-"],
      ["grade", r.grade ?? "-"],
      ["type", r.type ?? "-"],
      ["base", r.base ?? "-"],
      ["architectures", r.architectures.join(", ") || "-"],
      ["apps", r.apps.join(", ") || "-"],
      [
        "plugs",
        Object.entries(r.plugs)
          .map(([k, v]) => (k === v.interface ? k : `${k} (${v.interface})`))
          .join(", ") || "-",
      ],
      [
        "slots",
        Object.entries(r.slots)
          .map(([k, v]) => (k === v.interface ? k : `${k} (${v.interface})`))
          .join(", ") || "-",
      ],
      ["sha3-384", r["sha3-384"]],
      ["size", String(r.size)],
      ["compression", r.compression ?? "-"],
    ];
    for (const [k, v] of rows) process.stdout.write(`${(k + ":").padEnd(15)}${v}\n`);
    for (const e of r.errors) process.stderr.write(`error: ${e.field}: ${e.message}\n`);
  }
  return r.errors.length ? 1 : 0;
}
