// `snapstore` command: admin (db, user), inspection of .snap files, and publisher commands that
// talk only to the store's HTTP API.
import { ConfigError } from "@/lib/db/config";
import { CliError, parseArgs } from "./args";

const USAGE = `usage: snapstore <command> [options]

Admin (on the server host):
  db prepare                         migrate the database, seed demo data on the embedded default
  db migrate                         apply pending migrations
  user create --email E --role R [--name N] [--username U]   password read from stdin

Snap files:
  inspect FILE.snap [--json]         read meta/snap.yaml out of a .snap and validate it like the
                                     store does; exit 0 valid, 1 invalid (errors still printed)

Publisher (talk only to the store's HTTP API; for CI set SNAPSTORE_STORE_URL and SNAPSTORE_TOKEN):
  login [--store URL] [--email E] [--label L]   get an API token; the password is read from stdin
                                     when it is not a terminal (echo "$PW" | snapstore login ...)
  logout                             forget the saved credentials
  whoami                             show which store and credentials are in use
  register NAME                      register a snap name
  upload FILE [--release CHANNELS] [--name NAME] [--timeout SECONDS] [--progress | --no-progress]
                                     upload a .snap, wait for the automated review (default 600 s)
                                     and release it to CHANNELS (comma-separated) when it passes
  release NAME REVISION CHANNELS     release a revision to channels (comma-separated)
  close NAME CHANNELS                close channels (devices follow the next more stable one)
  status NAME [--json]               channel map: Track Arch Channel Version Revision
  revisions NAME [--json]            uploaded revisions, newest first

  Credentials: $SNAPSTORE_CONFIG, else $XDG_CONFIG_HOME/snapstore/credentials.json (~/.config),
  mode 0600; SNAPSTORE_STORE_URL + SNAPSTORE_TOKEN override the file.
  Exit codes: 0 ok, 1 error (API refusal, rejected upload), 2 usage, 3 upload needs manual review,
  4 timed out waiting for the store to process an upload.
`;

type Handler = (argv: string[]) => Promise<number | void>;

const commands: Record<string, Handler> = {
  "db prepare": async () => (await import("./commands/admin")).dbPrepare(),
  "db migrate": async () => (await import("./commands/admin")).dbMigrate(),
  "user create": async (argv) => (await import("./commands/admin")).userCreate(parseArgs(argv)),
  inspect: async (argv) => (await import("./commands/inspect")).inspect(parseArgs(argv, ["json"])),
  login: async (argv) => (await import("./commands/publisher")).login(argv),
  logout: async (argv) => (await import("./commands/publisher")).logout(argv),
  whoami: async (argv) => (await import("./commands/publisher")).whoami(argv),
  register: async (argv) => (await import("./commands/publisher")).register(argv),
  upload: async (argv) => (await import("./commands/publisher")).upload(argv),
  release: async (argv) => (await import("./commands/publisher")).release(argv),
  close: async (argv) => (await import("./commands/publisher")).close(argv),
  status: async (argv) => (await import("./commands/publisher")).status(argv),
  revisions: async (argv) => (await import("./commands/publisher")).revisions(argv),
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
