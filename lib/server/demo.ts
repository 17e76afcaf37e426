import "server-only";
// Demo data for the embedded default: a few accounts of each role and a small catalogue, written
// once on first start. Never runs on PostgreSQL or with SNAPSTORE_DEMO=0.
import type { Db, Tx } from "@/lib/db/client";
import { randomAlnum } from "@/lib/ids";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { hashPassword } from "@/lib/auth/password";
import { createUserIn } from "./users";

export { DEMO_ACCOUNTS };

interface DemoSnap {
  name: string;
  title: string;
  summary: string;
  description: string;
  license: string;
  categories: string[];
  version: string;
  confinement: "strict" | "classic" | "devmode";
  grade: "stable" | "devel";
  channels: string[];
  plugs: string[];
}

const DEMO_SNAPS: DemoSnap[] = [
  {
    name: "hello-world",
    title: "Hello World",
    summary: "The classic greeting, as a snap",
    description: "Prints a friendly greeting. A tiny strict snap that shows how the store lists, searches and installs snaps.",
    license: "MIT",
    categories: ["development"],
    version: "6.4",
    confinement: "strict",
    grade: "stable",
    channels: ["latest/stable", "latest/candidate", "latest/beta", "latest/edge"],
    plugs: [],
  },
  {
    name: "note-taker",
    title: "Note Taker",
    summary: "Quick markdown notes with webcam snapshots",
    description: "Write notes in **markdown**, attach a snapshot from your camera.\n\n- Offline first\n- Sync over the network",
    license: "GPL-3.0-or-later",
    categories: ["productivity"],
    version: "2.1.0",
    confinement: "strict",
    grade: "stable",
    channels: ["latest/stable", "latest/edge"],
    plugs: ["network", "camera", "home"],
  },
  {
    name: "code-forge",
    title: "Code Forge",
    summary: "A fast code editor for every language",
    description: "An IDE with language servers, a debugger and a terminal. Uses classic confinement because IDEs need to run arbitrary toolchains.",
    license: "Apache-2.0",
    categories: ["development"],
    version: "1.92.0",
    confinement: "classic",
    grade: "stable",
    channels: ["latest/stable", "latest/beta"],
    plugs: [],
  },
  {
    name: "packet-lab",
    title: "Packet Lab",
    summary: "Experimental network probe (devmode preview)",
    description: "Early preview of a network analysis tool. Devmode only: it never reaches stable and never appears in search.",
    license: "MIT",
    categories: ["utilities"],
    version: "0.3",
    confinement: "devmode",
    grade: "devel",
    channels: ["latest/edge"],
    plugs: ["network-observe"],
  },
];

/**
 * Writes the demo data in ONE transaction, so a start killed half-way leaves nothing (and the next
 * start seeds again), and two first starts at once both succeed: the one that loses the race sees
 * the other's data and skips.
 */
export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  if ((await db.user.count()) > 0) return { seeded: false };
  // bcrypt before the transaction: a write transaction holds SQLite's lock.
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  try {
    await db.$transaction(
      async (tx) => {
        if ((await tx.user.count()) > 0) throw new SeededMeanwhile();
        const users = [];
        for (const [i, a] of DEMO_ACCOUNTS.entries()) {
          const input = {
            email: a.email,
            password: a.password,
            role: a.role,
            name: a.name,
            username: "username" in a ? a.username : undefined,
            validation: "validation" in a ? a.validation : undefined,
          };
          users.push(await createUserIn(tx, input, hashes[i]));
        }
        const publisher = users[0];
        const account = await tx.account.findUniqueOrThrow({ where: { userId: publisher.id } });
        for (const s of DEMO_SNAPS) await seedSnap(tx, s, account.id, publisher.id);
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
  } catch (err) {
    // Another start seeded first (it won the race or the lock): its data is there, ours is not needed.
    if (err instanceof SeededMeanwhile || (await db.user.count({ where: { email: DEMO_ACCOUNTS[0].email } })) > 0) return { seeded: false };
    throw err;
  }
  return { seeded: true };
}

class SeededMeanwhile extends Error {}

async function seedSnap(tx: Tx, s: DemoSnap, accountId: string, publisherId: string) {
  const snap = await tx.snap.create({
    data: {
      snapId: randomAlnum(32),
      name: s.name,
      ownerId: accountId,
      title: s.title,
      summary: s.summary,
      description: s.description,
      license: s.license,
      categories: s.categories,
      website: `https://example.com/${s.name}`,
      contact: "mailto:publisher@example.com",
      classicGranted: s.confinement === "classic",
      lastRevision: 1,
    },
  });
  const plugs = Object.fromEntries(s.plugs.map((p) => [p, { name: p, interface: p, attributes: {}, apps: [s.name] }]));
  const revision = await tx.revision.create({
    data: {
      snapId: snap.id,
      revision: 1,
      uploadId: randomAlnum(24),
      status: "ready_to_release",
      version: s.version,
      confinement: s.confinement,
      grade: s.grade,
      type: "app",
      base: "core24",
      architectures: ["amd64"],
      compression: "xz",
      errors: [],
      uploaderId: publisherId,
      processedAt: new Date(),
      meta: { name: s.name, version: s.version, summary: s.summary, confinement: s.confinement, grade: s.grade, plugs, slots: {}, apps: [] },
    },
  });
  for (const channel of s.channels) {
    const [track, risk] = channel.split("/");
    await tx.release.create({ data: { snapId: snap.id, track, risk, branch: "", architecture: "amd64", revisionId: revision.id } });
    await tx.releaseEvent.create({ data: { snapId: snap.id, channel, architecture: "amd64", revision: 1, action: "release", actorId: publisherId } });
  }
}
