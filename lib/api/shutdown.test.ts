import { describe, expect, it } from "vitest";
import { DEFAULT_SHUTDOWN_GRACE_MS, drainEndLine, drainStartLine, parseShutdownGraceMs, REPEATED_SIGNAL_MS, signalEndsDrain } from "./shutdown";

describe("parseShutdownGraceMs", () => {
  it.each([
    [undefined, DEFAULT_SHUTDOWN_GRACE_MS],
    ["", DEFAULT_SHUTDOWN_GRACE_MS],
    ["  ", DEFAULT_SHUTDOWN_GRACE_MS],
    ["0", 0],
    ["300", 300],
    [" 25000 ", 25_000],
    ["007", 7],
    ["2147483647", 2_147_483_647],
  ])("%j → %d ms", (raw, ms) => {
    expect(parseShutdownGraceMs(raw)).toBe(ms);
  });

  it.each(["-1", "1.5", "10s", "1e3", "0x10", "abc", "+5", "10 000", "2147483648", "99999999999999999999"])("%j is refused with the variable's name", (raw) => {
    expect(() => parseShutdownGraceMs(raw)).toThrow(/^SNAPSTORE_SHUTDOWN_GRACE_MS must be a whole number of milliseconds/);
  });
});

describe("signalEndsDrain", () => {
  it.each([
    [0, false],
    [5, false],
    [REPEATED_SIGNAL_MS - 1, false],
    [REPEATED_SIGNAL_MS, true],
    [3_000, true],
  ])("%d ms after the first: %s", (since, ends) => {
    expect(signalEndsDrain(since)).toBe(ends);
  });
});

describe("the drain's log lines", () => {
  it.each([
    [drainStartLine("SIGTERM", 1, 10_000), "SIGTERM: draining 1 request in flight (new connections refused; cut after 10000 ms or at a second signal)"],
    [drainStartLine("SIGINT", 0, 300), "SIGINT: draining 0 requests in flight (new connections refused; cut after 300 ms or at a second signal)"],
    [drainEndLine({ kind: "drained" }), "drained: every request finished; exiting"],
    [drainEndLine({ kind: "grace", graceMs: 300, cut: 2, background: false }), "grace of 300 ms over: cut 2 requests in flight; exiting with code 1"],
    [
      drainEndLine({ kind: "grace", graceMs: 300, cut: 0, background: true }),
      "grace of 300 ms over: cut 0 requests in flight and the work running after responses; exiting with code 1",
    ],
    [drainEndLine({ kind: "signal", signal: "SIGINT", cut: 1, background: false }), "SIGINT during the drain: cut 1 request in flight; exiting with code 1"],
  ])("%s", (line, expected) => {
    expect(line).toBe(expected);
  });
});
