// Child process for the ingest RSS measurement: streams a .snap from disk into the blob store
// (hashing as it goes), reads meta/snap.yaml out of the staged file, commits, and reports its own
// peak RSS. Run alone so nothing else inflates the figure.
import fs from "node:fs";
import { createBlobStore } from "@/lib/storage";
import { fileSource, openSquashfs } from "@/lib/snap/squashfs";
import { readSnapContents } from "@/lib/snap/read-snap";

async function main() {
  const [file, dataDir, mode] = process.argv.slice(2);
  const baseline = process.resourceUsage().maxRSS * 1024;
  if (mode === "baseline") {
    process.stdout.write(JSON.stringify({ maxRss: baseline }));
    return;
  }
  const store = createBlobStore({ kind: "fs", dataDir });
  const t0 = process.hrtime.bigint();
  const staged = await store.stage(fs.createReadStream(file, { highWaterMark: 1 << 20 }));
  const t1 = process.hrtime.bigint();
  const source = await fileSource(staged.path);
  try {
    const image = await openSquashfs(source);
    const contents = await readSnapContents(image);
    if (!contents.snapYaml.includes("name:")) throw new Error("snap.yaml not read");
  } finally {
    await source.close();
  }
  await staged.commit();
  const t2 = process.hrtime.bigint();
  process.stdout.write(
    JSON.stringify({
      maxRss: process.resourceUsage().maxRSS * 1024,
      baseline,
      stageMs: Number(t1 - t0) / 1e6,
      afterLastByteMs: Number(t2 - t1) / 1e6,
      size: staged.size,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
