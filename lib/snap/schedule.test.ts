import { describe, expect, it } from "vitest";
import { parseGoDuration, scheduleProblem } from "./schedule";

describe("timers as snapd parses them (timeutil.ParseSchedule)", () => {
  it.each([
    "mon-fri,10:00-12:00",
    "23:00~24:00/2",
    "mon1,,fri5,9:00",
    "00:00-24:00/24",
    "mon",
    "9:00",
    "mon,10:00,12:00",
    "sun5-mon",
    "mon1-mon2",
    "10:00~12:00",
    "fri-mon",
  ])("valid: %j", (t) => expect(scheduleProblem(t)).toBeNull());

  it.each([
    ["mon2-mon1", "unsupported schedule"],
    ["25:00", "not a valid time"],
    ["mon,,", "not a valid fragment"],
    ["10:00,mon", "invalid schedule fragment"],
    ["mon-fri/2", "not a valid weekday"],
    ["10:00~12:00/0", "not a valid interval"],
    ["monday", "not a valid weekday"],
    ["mon6", "not a valid weekday"],
    ["", "not a valid fragment"],
    ["mon-tue-wed", "invalid week span"],
    ["10:00/2/3", "not a valid interval"],
    ["9:60", "not a valid time"],
    ["-", "not a valid weekday"],
  ])("invalid: %j (%s)", (t, why) => expect(scheduleProblem(t)).toContain(why));
});

describe("durations as Go's time.ParseDuration reads them", () => {
  it.each([
    ["10s", 10e9],
    ["1m30s", 90e9],
    ["-2h", -7200e9],
    ["0", 0],
    ["+0", 0],
    ["1.5h", 5400e9],
    ["500ms", 500e6],
    ["1us", 1e3],
    ["1µs", 1e3],
    [".5s", 0.5e9],
    ["1.s", 1e9],
  ])("%j = %d ns", (s, ns) => expect(parseGoDuration(s)).toBe(ns));

  it.each(["", "10", "abc", "1d", "s", ".s", "1 s", "-", "1sm", "1e3s"])("invalid: %j", (s) => expect(parseGoDuration(s)).toBeNull());
});
