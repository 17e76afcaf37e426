import { describe, expect, it } from "vitest";
import { chartLines, installedBase, type InstallSpan } from "./metrics";

const at = (s: string, h = 12) => new Date(`${s}T${String(h).padStart(2, "0")}:00:00Z`);
const span = (deviceId: string, from: Date, until: Date | null, extra: Partial<InstallSpan> = {}): InstallSpan => ({
  deviceId,
  from,
  until,
  channel: "latest/stable",
  version: "1.0",
  architecture: "amd64",
  system: "classic",
  ...extra,
});
const spans: InstallSpan[] = [
  span("a", at("2026-01-01"), null),
  span("b", at("2026-01-03"), null, { version: "1.1", architecture: "arm64", system: "core" }),
  span("c", at("2026-01-04"), null, { channel: "latest/edge", version: "1.1" }),
];

describe("installedBase", () => {
  it("counts devices per day from their install day, split by the dimension", () => {
    const m = installedBase(spans, "channel", at("2026-01-04"), 4);
    expect(m.metric).toBe("installed_base_by_channel");
    expect(m.buckets).toEqual(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]);
    expect(m.series).toEqual([
      { name: "latest/stable", values: [1, 1, 2, 2] },
      { name: "latest/edge", values: [0, 0, 0, 1] },
    ]);
    expect(installedBase(spans, "system", at("2026-01-04"), 2).series).toEqual([
      { name: "classic", values: [1, 2] },
      { name: "core", values: [1, 1] },
    ]);
    expect(installedBase([], "version", at("2026-01-04"), 3).series).toEqual([]);
  });

  // The history the spans keep: each case is one device's spans and the version series over 5 days.
  const table: { what: string; spans: InstallSpan[]; expected: Record<string, number[]> }[] = [
    {
      what: "a removed install counts on the days it existed, the removal day included, not after",
      spans: [span("d", at("2026-01-01"), at("2026-01-03", 9))],
      expected: { "1.0": [1, 1, 1, 0, 0] },
    },
    {
      what: "a refresh moves the device to the new version from that day on (not its whole history)",
      spans: [span("d", at("2026-01-01"), at("2026-01-03")), span("d", at("2026-01-03"), null, { version: "2.0" })],
      expected: { "1.0": [1, 1, 0, 0, 0], "2.0": [0, 0, 1, 1, 1] },
    },
    {
      what: "a refresh and a revert on the same day count the device once, with where it ended the day",
      spans: [
        span("d", at("2026-01-02"), at("2026-01-04", 8)),
        span("d", at("2026-01-04", 8), at("2026-01-04", 9), { version: "2.0" }),
        span("d", at("2026-01-04", 9), null),
      ],
      expected: { "1.0": [0, 1, 1, 1, 1] },
    },
    {
      what: "removed then installed again later: a gap",
      spans: [span("d", at("2026-01-01"), at("2026-01-01", 18)), span("d", at("2026-01-04"), null)],
      expected: { "1.0": [1, 0, 0, 1, 1] },
    },
    {
      what: "an install from before the window counts from the window's first day",
      spans: [span("d", at("2025-06-01"), null)],
      expected: { "1.0": [1, 1, 1, 1, 1] },
    },
  ];
  for (const t of table) {
    it(t.what, () => {
      const m = installedBase(t.spans, "version", at("2026-01-05"), 5);
      expect(Object.fromEntries(m.series.map((s) => [s.name, s.values]))).toEqual(t.expected);
    });
  }

  it("a channel switch splits the channel series at its day", () => {
    const m = installedBase(
      [span("d", at("2026-01-01"), at("2026-01-02")), span("d", at("2026-01-02"), null, { channel: "latest/beta" })],
      "channel",
      at("2026-01-03"),
      3,
    );
    expect(m.series).toEqual([
      { name: "latest/beta", values: [0, 1, 1] },
      { name: "latest/stable", values: [1, 0, 0] },
    ]);
  });

  it("draws lines scaled to the largest value", () => {
    const lines = chartLines(installedBase(spans, "architecture", at("2026-01-04"), 4), 300, 100);
    expect(lines).toEqual([
      { name: "amd64", last: 2, points: "0,50 100,50 200,50 300,0" },
      { name: "arm64", last: 1, points: "0,100 100,100 200,50 300,50" },
    ]);
  });
});
