// Differential test: the store's snap.yaml validation (lib/snap/snap-yaml.ts) against snapd
// 2.57.6's own code (test/snapd/go/src/snapstore/validate: InfoFromSnapYaml + Validate + the
// install-time system-usernames check), over snapd's 383-file corpus and thousands of
// deterministic mutations of it (snap-yaml-mutations.ts). Every disagreement is listed; zero is
// the bar.
//
// Agreement: both accept, or both refuse (the messages may differ). The store's own rules on top
// of snapd (errors marked storeOnly: summary length, grade, architecture names, duplicate keys,
// count limits) are set aside for the comparison and counted separately.
import { describe, expect, it } from "vitest";
import { haveSnapdToolchain, runGoProgram } from "../support/go";
import { corpusFiles, CORPUS_DIR, requireShared } from "../support/shared";
import { parseSnapYaml } from "../../lib/snap/snap-yaml";
import { SNAPD_INTERFACES } from "../../lib/snap/snapd-interfaces";
import { CHANGES, mutationCases, textCases, typeSwapCases, type Case } from "./snap-yaml-mutations";

const BASES = [
  "tests__lib__snaps__basic.yaml",
  "tests__lib__snaps__test-snapd-service-v1-good.yaml",
  "tests__lib__snaps__test-snapd-content-plug.yaml",
  "tests__lib__snaps__test-snapd-base.yaml",
  "tests__lib__snaps__basic-hooks.yaml",
];

interface Verdict {
  id: string;
  ok: boolean;
  error?: string;
}

function snapdVerdicts(cases: Case[]): Verdict[] {
  const input = cases.map((c) => JSON.stringify(c)).join("\n") + "\n";
  return runGoProgram("validate", [], input)
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Verdict);
}

const run = haveSnapdToolchain("snap.yaml validation differential") && requireShared("snap.yaml validation differential", CORPUS_DIR);

describe.skipIf(!run)("snap.yaml validation: the store agrees with snapd 2.57.6", () => {
  it("knows the interfaces snapd knows", () => {
    const snapd = runGoProgram("validate", ["-interfaces"]).trim().split("\n");
    expect([...SNAPD_INTERFACES].sort()).toEqual(snapd);
  });

  it("over the corpus and its mutations", { timeout: 900_000 }, () => {
    const corpus = corpusFiles();
    for (const b of BASES) expect(corpus.map(([f]) => f)).toContain(b);
    const SWAPS = 10;
    const cases = [...mutationCases(corpus, { bases: BASES, perFile: 8 }), ...textCases(corpus, BASES), ...typeSwapCases(corpus, { perFile: SWAPS, seed: 7 })];
    const verdicts = snapdVerdicts(cases);
    expect(verdicts.map((v) => v.id)).toEqual(cases.map((c) => c.id));

    const disagreements: string[] = [];
    let snapdRefused = 0;
    let storeOnlyRefusals = 0;
    cases.forEach((c, i) => {
      const ours = parseSnapYaml(c.yaml).errors;
      const snapdLevel = ours.filter((e) => !e.storeOnly);
      if (ours.length > snapdLevel.length) storeOnlyRefusals++;
      const snapd = verdicts[i];
      if (!snapd.ok) snapdRefused++;
      if (snapd.ok !== (snapdLevel.length === 0)) {
        const oursText = snapdLevel.length ? snapdLevel.map((e) => `${e.field}: ${e.message}`).join("; ") : "accepted";
        disagreements.push(`${c.id}\n    snapd: ${snapd.ok ? "accepted" : snapd.error}\n    ours:  ${oursText}`);
      }
    });
    console.log(
      `snap.yaml differential: ${cases.length} documents (${corpus.length} corpus files, ${CHANGES.length} kinds of change on ${BASES.length} bases, ` +
        `8 drawn per corpus file, text changes on the bases, ${SWAPS} type swaps per corpus file); snapd refused ${snapdRefused}; the store also refused ${storeOnlyRefusals} by its own rules; ${disagreements.length} disagreements`,
    );
    if (disagreements.length) console.log([...new Map(disagreements.map((d) => [d.split("\n")[0].split(" | ")[1] ?? d, d])).values()].join("\n"));
    expect(cases.length).toBeGreaterThan(3000);
    expect(disagreements).toEqual([]);
  });
});
