// npm run bench:snap — the .snap reader and digest figures, each beside a reference measured in
// the same run on the same files:
//   1. reading meta/snap.yaml from a 60 MB, 3000-file xz snap: median in-process time vs the
//      wall time of `unsquashfs -cat FILE meta/snap.yaml`            (goal: within 2x)
//   2. streaming SHA3-384 of a 1 GB file (lib/snap/digest sha3_384File) vs `openssl dgst -sha3-384`
//      (goal: ratio >= 0.9)
//   3. peak RSS of a process ingesting a 1 GB snap (stage + hash + read + commit) (goal < 150 MB)
// Set BENCH_QUICK=1 for smaller files (a smoke run; figures not comparable).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sha3_384File } from "@/lib/snap/digest";
import { fileSource, openSquashfs } from "@/lib/snap/squashfs";
import { median, mib, mksquashfs, saveResults, snapYaml, timeCommandMs, timeMs, writeRandomFile } from "./util";

const quick = process.env.BENCH_QUICK === "1";
const RUNS = quick ? 5 : 21;
const SMALL_TOTAL = quick ? 6 << 20 : 60 << 20;
const FILES = quick ? 300 : 3000;
const BIG = quick ? 64 << 20 : 1 << 30;

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-snap-"));
  const results: Record<string, unknown> = {};
  try {
    // 1. snap.yaml from a 60 MB / 3000-file xz snap
    const src = path.join(work, "src");
    fs.mkdirSync(path.join(src, "meta"), { recursive: true });
    fs.writeFileSync(path.join(src, "meta/snap.yaml"), snapYaml("bench-reader"));
    const per = Math.floor(SMALL_TOTAL / FILES);
    for (let i = 0; i < FILES; i++) {
      const dir = path.join(src, "usr/share", `d${i % 50}`);
      fs.mkdirSync(dir, { recursive: true });
      writeRandomFile(path.join(dir, `f${i}.bin`), per);
    }
    const snap = path.join(work, "reader.snap");
    mksquashfs(src, snap, ["-comp", "xz", "-no-fragments"]);
    const size = fs.statSync(snap).size;

    const ours: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(
        await timeMs(async () => {
          const source = await fileSource(snap);
          try {
            const image = await openSquashfs(source);
            await image.readFile("meta/snap.yaml");
          } finally {
            await source.close();
          }
        }),
      );
    }
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) theirs.push(timeCommandMs("unsquashfs", ["-cat", snap, "meta/snap.yaml"]));
    results.readSnapYaml = {
      image: { bytes: size, files: FILES + 1 },
      oursMedianMs: median(ours),
      unsquashfsMedianMs: median(theirs),
      ratio: median(ours) / median(theirs),
      goal: "ratio <= 2",
    };
    console.log(
      `snap.yaml from ${mib(size)} / ${FILES} files: ours ${median(ours).toFixed(2)} ms, unsquashfs -cat ${median(theirs).toFixed(2)} ms, ratio ${(median(ours) / median(theirs)).toFixed(2)} (goal <= 2)`,
    );

    // 2. SHA3-384 streaming throughput vs openssl, same file
    const big = path.join(work, "big.bin");
    writeRandomFile(big, BIG);
    const hashRuns = quick ? 1 : 3;
    const oursHash: number[] = [];
    const sslHash: number[] = [];
    for (let i = 0; i < hashRuns; i++) {
      sslHash.push(timeCommandMs("openssl", ["dgst", "-sha3-384", big]));
      oursHash.push(await timeMs(() => sha3_384File(big)));
    }
    const mbps = (ms: number) => BIG / 1024 / 1024 / (ms / 1000);
    results.sha3 = {
      bytes: BIG,
      oursMiBps: mbps(median(oursHash)),
      opensslMiBps: mbps(median(sslHash)),
      ratio: median(sslHash) / median(oursHash),
      goal: "ratio >= 0.9",
    };
    console.log(
      `SHA3-384 of ${mib(BIG)}: ours ${mbps(median(oursHash)).toFixed(0)} MiB/s, openssl ${mbps(median(sslHash)).toFixed(0)} MiB/s, ratio ${(median(sslHash) / median(oursHash)).toFixed(2)} (goal >= 0.9)`,
    );

    // 3. Peak RSS ingesting a 1 GB snap (data blocks left uncompressed so building it is quick;
    //    metadata is xz as usual — the reader never touches data blocks here anyway)
    const bigSrc = path.join(work, "bigsrc");
    fs.mkdirSync(path.join(bigSrc, "meta"), { recursive: true });
    fs.writeFileSync(path.join(bigSrc, "meta/snap.yaml"), snapYaml("bench-ingest"));
    fs.renameSync(big, path.join(bigSrc, "payload.bin"));
    const bigSnap = path.join(work, "big.snap");
    mksquashfs(bigSrc, bigSnap, ["-comp", "xz", "-noD", "-no-fragments"]);
    fs.rmSync(bigSrc, { recursive: true });
    const child = (mode: string) => {
      const r = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/bench/ingest-child.ts", bigSnap, path.join(work, "data"), mode], {
        encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout);
    };
    const baseline = child("baseline");
    const ingest = child("ingest");
    results.ingestRss = {
      bytes: ingest.size,
      peakRssMiB: ingest.maxRss / 1048576,
      baselineRssMiB: baseline.maxRss / 1048576,
      stageMs: ingest.stageMs,
      afterLastByteMs: ingest.afterLastByteMs,
      goal: "peak RSS < 150 MiB",
    };
    console.log(
      `ingest ${mib(ingest.size)}: peak RSS ${mib(ingest.maxRss)} (a process that only loads the modules: ${mib(baseline.maxRss)}), stage ${ingest.stageMs.toFixed(0)} ms, read+commit after the last byte ${ingest.afterLastByteMs.toFixed(1)} ms (goal < 150 MiB)`,
    );
    console.log(`results: ${saveResults("snap", results)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
