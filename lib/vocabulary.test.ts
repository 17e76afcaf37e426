import { describe, expect, it } from "vitest";
import {
  REQUEST_TYPES,
  REVISION_STATUSES,
  compareReleases,
  compareRiskNames,
  formatBytes,
  formatBytesSI,
  formatDate,
  formatLimit,
  formatTimestamp,
  isPublicSnap,
  releaseChannel,
  requestTypeFromApi,
  requestTypeLabel,
  requestTypeToApi,
  revisionStatusPhrase,
  revisionStatusWords,
  statusLabel,
  splitInlineCode,
  votesLabel,
  requestFiledBy,
} from "./vocabulary";

describe("status words", () => {
  it.each([
    ["being_processed", "Being processed", "is still being processed", "being processed"],
    ["ready_to_release", "Ready to release", "is ready to release", "ready to release"],
    ["need_manual_review", "Needs manual review", "is waiting for manual review", "needs manual review"],
    ["rejected", "Rejected", "was rejected by the automated review", "rejected"],
    ["processing_error", "Processing error", "could not be processed", "processing error"],
    ["withdrawn", "Withdrawn", "was withdrawn by the publisher", "withdrawn"],
  ] as const)("%s", (status, label, phrase, words) => {
    expect(statusLabel(status)).toBe(label);
    expect(revisionStatusPhrase(status)).toBe(phrase);
    expect(revisionStatusWords(status)).toBe(words);
  });

  it("covers every revision status, names request and name statuses, passes unknown words through", () => {
    for (const s of REVISION_STATUSES) expect(statusLabel(s)).not.toBe(s);
    expect(statusLabel("pending")).toBe("Pending");
    expect(statusLabel("approved")).toBe("Approved");
    expect(statusLabel("pending_review")).toBe("Name pending review");
    expect(statusLabel("mystery")).toBe("mystery");
    expect(revisionStatusWords("mystery")).toBe("mystery");
  });
});

describe("request types", () => {
  it("labels either spelling the same way, every type", () => {
    expect(requestTypeLabel("auto-connection")).toBe("Interface auto-connection");
    expect(requestTypeLabel("auto_connection")).toBe("Interface auto-connection");
    expect(requestTypeLabel("revision")).toBe("Manual review of a revision");
    for (const t of REQUEST_TYPES) expect(requestTypeLabel(t)).not.toBe(t);
    expect(requestTypeLabel("unknown")).toBe("unknown");
  });

  it("converts between the API and database spellings", () => {
    expect(requestTypeToApi("auto_connection")).toBe("auto-connection");
    expect(requestTypeFromApi("auto-connection")).toBe("auto_connection");
    for (const t of REQUEST_TYPES) expect(requestTypeFromApi(requestTypeToApi(t))).toBe(t);
  });
});

describe("channels of release rows", () => {
  it("names a row with or without its branch", () => {
    expect(releaseChannel({ track: "latest", risk: "stable", branch: "" })).toBe("latest/stable");
    expect(releaseChannel({ track: "2.0", risk: "beta", branch: null })).toBe("2.0/beta");
    expect(releaseChannel({ track: "latest", risk: "edge", branch: "fix-1" })).toBe("latest/edge/fix-1");
  });

  it("orders risks stable first, unknown last", () => {
    expect(["edge", "weird", "stable", "beta", "candidate"].sort(compareRiskNames)).toEqual(["stable", "candidate", "beta", "edge", "weird"]);
  });

  it("orders rows by track (latest first, natural), risk, branch, architecture", () => {
    const row = (c: string, architecture = "amd64") => {
      const [track, risk, branch = ""] = c.split("/");
      return { track, risk, branch, architecture };
    };
    const rows = [row("10/stable"), row("latest/edge"), row("2/beta"), row("latest/stable/hotfix"), row("latest/stable", "arm64"), row("latest/stable")];
    expect(rows.sort(compareReleases).map((r) => `${releaseChannel(r)} ${r.architecture}`)).toEqual([
      "latest/stable amd64",
      "latest/stable arm64",
      "latest/stable/hotfix amd64",
      "latest/edge amd64",
      "2/beta amd64",
      "10/stable amd64",
    ]);
  });

  it("a snap is public when it is not private and its name is approved", () => {
    expect(isPublicSnap({ private: false, nameStatus: "active" })).toBe(true);
    expect(isPublicSnap({ private: true, nameStatus: "active" })).toBe(false);
    expect(isPublicSnap({ private: false, nameStatus: "pending_review" })).toBe(false);
  });
});

describe("sizes", () => {
  it.each([
    [0, "0 B", "0 B", "0 B"],
    [999, "999 B", "999 B", "999 B"],
    [1024, "1.0 KiB", "1 KiB", "1.0 kB"],
    [12_345, "12.1 KiB", "12.1 KiB", "12.3 kB"],
    [256 * 1024, "256.0 KiB", "256 KiB", "262.1 kB"],
    [999_999, "976.6 KiB", "976.6 KiB", "1.0 MB"],
    [1.5 * 1024 * 1024, "1.5 MiB", "1.5 MiB", "1.6 MB"],
    [5_000_000, "4.8 MiB", "4.8 MiB", "5.0 MB"],
    [2 * 1024 ** 3, "2.0 GiB", "2 GiB", "2.1 GB"],
  ])("%d bytes", (n, bytes, limit, si) => {
    expect(formatBytes(n)).toBe(bytes);
    expect(formatLimit(n)).toBe(limit);
    expect(formatBytesSI(n)).toBe(si);
  });
});

describe("dates", () => {
  it("dashboard dates are UTC to the minute, the same everywhere", () => {
    expect(formatDate(new Date("2025-01-31T14:05:59.999Z"))).toBe("2025-01-31 14:05 UTC");
    expect(formatDate("2025-01-31T14:05:00Z")).toBe("2025-01-31 14:05 UTC");
    expect(formatDate(null)).toBe("–");
  });

  it("CLI timestamps drop milliseconds and pass unparsable ones through", () => {
    expect(formatTimestamp("2024-05-01T12:00:00.999Z")).toBe("2024-05-01T12:00:00Z");
    expect(formatTimestamp("yesterday")).toBe("yesterday");
    expect(formatTimestamp(undefined)).toBe("-");
  });
});

describe("splitInlineCode", () => {
  it.each([
    ["plain", [{ text: "plain", code: false }]],
    [
      "run `snap connect nc-greeter:home` to connect",
      [
        { text: "run ", code: false },
        { text: "snap connect nc-greeter:home", code: true },
        { text: " to connect", code: false },
      ],
    ],
    ["`npm run snapstore -- user create`", [{ text: "npm run snapstore -- user create", code: true }]],
    [
      "`a` and `b`",
      [
        { text: "a", code: true },
        { text: " and ", code: false },
        { text: "b", code: true },
      ],
    ],
    ["an unmatched ` stays", [{ text: "an unmatched ` stays", code: false }]],
    ["empty `` is not code", [{ text: "empty `` is not code", code: false }]],
  ])("%s", (input, parts) => {
    expect(splitInlineCode(input)).toEqual(parts);
  });
});

describe("votesLabel", () => {
  it.each([
    [0, "no votes"],
    [1, "1 vote"],
    [2, "2 votes"],
    [11, "11 votes"],
  ])("%i -> %s", (n, label) => {
    expect(votesLabel(n)).toBe(label);
  });
});

describe("requestFiledBy", () => {
  it.each([
    ["revision", "Demo Publisher", "automated review"],
    ["classic", "Demo Publisher", "Demo Publisher"],
    ["auto-connection", "pub@example.com", "pub@example.com"],
    ["name", "Ann", "Ann"],
  ])("%s by %s -> %s", (type, requester, who) => {
    expect(requestFiledBy(type, requester)).toBe(who);
  });
});
