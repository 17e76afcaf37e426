import { describe, expect, it } from "vitest";
import type { ChannelMapEntry, RevisionInfo } from "./api-client";
import { formatChannelMap, formatProgress, formatRevisions, renderTable, uploadReasons } from "./format";

function entry(
  channel: string,
  architecture: string,
  revision: number | null,
  version: string | null = revision === null ? null : `1.${revision}`,
): ChannelMapEntry {
  const parts = channel.split("/");
  const [track, risk, branch] = parts.length === 3 ? parts : [parts[0], parts[1], null];
  return {
    channel: { name: channel, track, risk, branch, architecture, "released-at": "2024-05-01T12:00:00Z" },
    revision,
    version,
    confinement: "strict",
    grade: "stable",
    "extra-key": { ignored: true },
  };
}

describe("renderTable", () => {
  it("pads columns two spaces apart and trims trailing blanks", () => {
    expect(
      renderTable(
        ["A", "Bee", "C"],
        [
          ["xx", "", "1"],
          ["", "y", ""],
        ],
      ),
    ).toBe("A   Bee  C\nxx       1\n    y\n");
  });
});

describe("formatChannelMap", () => {
  it("shows the four risks in order, ↑ below an open risk and - above any", () => {
    const table = formatChannelMap([entry("latest/beta", "amd64", 5, "1.0"), entry("latest/edge", "amd64", 7, "1.1")]);
    expect(table).toBe(
      [
        "Track   Arch   Channel    Version  Revision",
        "latest  amd64  stable     -        -",
        "               candidate  -        -",
        "               beta       1.0      5",
        "               edge       1.1      7",
        "",
      ].join("\n"),
    );
  });

  it("an empty risk follows the next more stable open risk (↑), a closed one too", () => {
    const table = formatChannelMap([entry("latest/stable", "amd64", 3, "0.9"), entry("latest/beta", "amd64", null), entry("latest/edge", "amd64", 4, "1.0")]);
    expect(table.split("\n").slice(1, 5)).toEqual([
      "latest  amd64  stable     0.9      3",
      "               candidate  ↑        ↑",
      "               beta       ↑        ↑",
      "               edge       1.0      4",
    ]);
  });

  it("lists open branches under their risk as risk/branch, skips closed ones", () => {
    const table = formatChannelMap([
      entry("latest/candidate", "amd64", 2, "1.2"),
      entry("latest/candidate/hotfix-b", "amd64", 9, "1.2.2"),
      entry("latest/candidate/hotfix-a", "amd64", 8, "1.2.1"),
      entry("latest/edge/gone", "amd64", null),
    ]);
    expect(table.split("\n").slice(1, -1)).toEqual([
      "latest  amd64  stable              -        -",
      "               candidate           1.2      2",
      "               candidate/hotfix-a  1.2.1    8",
      "               candidate/hotfix-b  1.2.2    9",
      "               beta                ↑        ↑",
      "               edge                ↑        ↑",
    ]);
  });

  it("groups by track (latest first) then architecture, naming each once", () => {
    const table = formatChannelMap([
      entry("2.0/stable", "amd64", 10, "2.0"),
      entry("latest/edge", "arm64", 12, "3.0"),
      entry("latest/edge", "amd64", 11, "3.0"),
    ]);
    const lines = table.split("\n");
    expect(
      lines.slice(1, -1).map((l) =>
        l
          .split(/\s{2,}/)
          .slice(0, 3)
          .join("|"),
      ),
    ).toEqual([
      "latest|amd64|stable",
      "|candidate|-", // first two columns blank: splitting on runs of blanks merges them
      "|beta|-",
      "|edge|3.0",
      "|arm64|stable",
      "|candidate|-",
      "|beta|-",
      "|edge|3.0",
      "2.0|amd64|stable",
      "|candidate|↑",
      "|beta|↑",
      "|edge|↑",
    ]);
    // The track is blank on the arm64 rows, the arch column is aligned.
    expect(lines[5]).toBe("        arm64  stable     -        -");
  });

  it("is empty for an empty channel map, and tolerates malformed entries", () => {
    expect(formatChannelMap([])).toBe("");
    expect(formatChannelMap([{} as ChannelMapEntry])).toBe("");
  });

  it("shows - for a released revision without a version", () => {
    expect(formatChannelMap([entry("latest/stable", "all", 1, null)])).toContain("latest  all   stable     -        1");
  });
});

describe("formatRevisions", () => {
  const revs: RevisionInfo[] = [
    {
      revision: 1,
      version: "1.0",
      architectures: ["amd64"],
      confinement: "strict",
      grade: "stable",
      status: "ready_to_release",
      "created-at": "2024-05-01T12:00:00.123Z",
      channels: ["latest/edge", "latest/beta"],
    },
    { revision: 3, version: "1.2", architectures: ["amd64", "arm64"], status: "rejected", "created-at": "2024-05-03T08:30:00Z", channels: [] },
    {
      revision: 2,
      version: null,
      architectures: [],
      status: "need_manual_review",
      "created-at": null,
      channels: [
        { name: "latest/stable", architecture: "amd64" },
        { name: "latest/stable", architecture: "arm64" },
      ],
    },
  ];

  it("lists newest first with Rev Uploaded Arches Version Channels Status", () => {
    expect(formatRevisions(revs)).toBe(
      [
        "Rev  Uploaded              Arches        Version  Channels                  Status",
        "3    2024-05-03T08:30:00Z  amd64, arm64  1.2      -                         rejected",
        "2    -                     -             -        latest/stable             need_manual_review",
        "1    2024-05-01T12:00:00Z  amd64         1.0      latest/edge, latest/beta  ready_to_release",
        "",
      ].join("\n"),
    );
  });

  it("is empty without revisions", () => {
    expect(formatRevisions([])).toBe("");
  });
});

// SI sizes and timestamps: lib/vocabulary.test.ts.
describe("small formatters", () => {
  it("formats progress with a floored percentage", () => {
    expect(formatProgress(1_234_567, 5_000_000)).toBe("1.2 MB / 5.0 MB (24%)");
    expect(formatProgress(0, 0)).toBe("0 B / 0 B (100%)");
  });
});

describe("uploadReasons", () => {
  it("lists errors then review findings, without repeating a message", () => {
    const msg = 'snap.yaml name "other" does not match the registered name "mine"';
    const lines = uploadReasons({
      errors: [{ code: "name-mismatch", message: msg }],
      review: {
        sections: {
          lint: {
            error: { "lint-snap-v2_name_matches_registered": { text: msg, manual_review: false } },
            warn: { "lint-snap-v2_confinement_devmode": { text: "devmode can only go to beta or edge", manual_review: false } },
            info: { "lint-snap-v2_version_valid": { text: "OK", manual_review: false } },
          },
        },
      },
    });
    expect(lines).toEqual([`- ${msg} (name-mismatch)`, "- devmode can only go to beta or edge (lint warn: lint-snap-v2_confinement_devmode)"]);
  });
  it("accepts a string review, reasons and comments", () => {
    expect(uploadReasons({ errors: null, review: "needs a human" })).toEqual(["- needs a human"]);
    expect(uploadReasons({ review: { reasons: ["a", { code: "c", message: "b" }], comment: "see forum" } })).toEqual(["- a", "- b (c)", "- see forum"]);
    expect(uploadReasons({ errors: [], review: null })).toEqual([]);
  });
});
