// `snapstore` command: admin (db, user), inspection of .snap files, and publisher commands that
// talk only to the store's HTTP API.
import { ConfigError } from "@/lib/db/config";
import { CliError, parseArgs } from "./args";

const USAGE = `usage: snapstore <command> [options]

Admin (on the server host):
  db prepare                         migrate the database, seed demo data on the embedded default
  db migrate                         apply pending migrations
  user create --email E --role R [--name N] [--username U]   password read from stdin
`;

type Handler = (argv: string[]) => Promise<number | void>;

const commands: Record<string, Handler> = {
  "db prepare": async () => (await import("./commands/admin")).dbPrepare(),
  "db migrate": async () => (await import("./commands/admin")).dbMigrate(),
  "user create": async (argv) => (await import("./commands/admin")).userCreate(parseArgs(argv)),
};

export function registerCommand(name: string, handler: Handler) {
  commands[name] = handler;
}

async function main(argv: string[]): Promise<number> {
  const two = argv.slice(0, 2).join(" ");
  const one = argv[0] ?? "";
  const [handler, rest] = commands[two] ? [commands[two], argv.slice(2)] : commands[one] ? [commands[one], argv.slice(1)] : [null, []];
  if (!handler || one === "help" || one === "--help") {
    process.stdout.write(USAGE);
    return handler || one === "help" || one === "--help" ? 0 : 2;
  }
  const code = await handler(rest);
  return typeof code === "number" ? code : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError || err instanceof CliError) {
      console.error(`snapstore: ${err.message}`);
      process.exit(err instanceof CliError ? err.exitCode : 1);
    }
    console.error(err);
    process.exit(1);
  },
);
