import { describe, expect, it } from "vitest";
import { tally, verdictLabel, votingDaysFromEnv, votingPeriod, votingState, type Vote } from "./tally";

const v = (voter: string, value: 1 | 0 | -1): Vote => ({ voter, value });

describe("tally", () => {
  it("passes with a simple majority and at least two in favour", () => {
    const t = tally([v("alex", 1), v("sam", 1), v("kim", -1), v("lee", 0)], "req");
    expect(t).toEqual({ for: 2, against: 1, abstain: 1, passes: true, tie: false, status: "passes", invalidVoters: [] });
  });

  it("one vote in favour is not enough even unopposed", () => {
    const t = tally([v("alex", 1), v("lee", 0), v("kim", 0)], "req");
    expect(t).toMatchObject({ for: 1, passes: false, tie: false, status: "needs-votes" });
  });

  it("a tie asks for more votes", () => {
    const t = tally([v("alex", 1), v("sam", 1), v("kim", -1), v("jo", -1)], "req");
    expect(t).toMatchObject({ passes: false, tie: true, status: "tie" });
  });

  it("a majority against fails", () => {
    expect(tally([v("alex", 1), v("kim", -1), v("jo", -1)], "req")).toMatchObject({ passes: false, tie: false, status: "fails" });
  });

  it("abstentions do not count towards the majority", () => {
    const t = tally([v("a", 1), v("b", 1), v("c", 0), v("d", 0), v("e", 0), v("f", -1)], "req");
    expect(t).toMatchObject({ for: 2, against: 1, abstain: 3, passes: true });
  });

  it("the requester cannot vote", () => {
    const t = tally([v("req", 1), v("alex", 1), v("req", 1)], "req");
    expect(t).toMatchObject({ for: 1, passes: false, invalidVoters: ["req"] });
  });

  it("a voter's last vote counts", () => {
    const t = tally([v("alex", -1), v("sam", 1), v("alex", 1)], "req");
    expect(t).toMatchObject({ for: 2, against: 0, passes: true });
  });

  it("no votes", () => {
    expect(tally([], "req")).toEqual({ for: 0, against: 0, abstain: 0, passes: false, tie: false, status: "needs-votes", invalidVoters: [] });
  });
});

describe("votingPeriod", () => {
  const opened = new Date("2025-03-03T12:00:00Z");

  it("lasts one week", () => {
    const p = votingPeriod(opened);
    expect(p.closesAt.toISOString()).toBe("2025-03-10T12:00:00.000Z");
    expect(p.days).toBe(7);
    expect(p.isOpen(new Date("2025-03-10T11:59:59Z"))).toBe(true);
    expect(p.isOpen(new Date("2025-03-10T12:00:00Z"))).toBe(false);
    expect(p.isOpen(new Date("2025-03-03T11:00:00Z"))).toBe(false);
  });

  it("extends by 3 days each time", () => {
    expect(votingPeriod(opened, 1).closesAt.toISOString()).toBe("2025-03-13T12:00:00.000Z");
    expect(votingPeriod(opened, 2).days).toBe(13);
  });

  it("does not alias the input date", () => {
    const d = new Date(opened);
    const p = votingPeriod(d);
    d.setFullYear(2000);
    expect(p.opensAt.toISOString()).toBe("2025-03-03T12:00:00.000Z");
  });

  it("rejects bad extension counts", () => {
    expect(() => votingPeriod(opened, -1)).toThrow(RangeError);
    expect(() => votingPeriod(opened, 1.5)).toThrow(RangeError);
  });
});

describe("votingDaysFromEnv", () => {
  it.each([
    [undefined, 7],
    ["", 7],
    ["14", 14],
    [" 3 ", 3],
    ["1", 1],
  ])("%j -> %d days", (raw, days) => {
    expect(votingDaysFromEnv({ SNAPSTORE_VOTING_DAYS: raw })).toBe(days);
  });

  it.each(["0", "-1", "1.5", "seven", "366", "1e2"])("refuses %j", (raw) => {
    expect(() => votingDaysFromEnv({ SNAPSTORE_VOTING_DAYS: raw })).toThrow(/SNAPSTORE_VOTING_DAYS/);
  });

  it("a configured period changes when voting closes", () => {
    expect(votingPeriod(new Date("2025-03-03T12:00:00Z"), 0, 14).closesAt.toISOString()).toBe("2025-03-17T12:00:00.000Z");
    expect(votingPeriod(new Date("2025-03-03T12:00:00Z"), 1, 14).days).toBe(17);
    expect(() => votingPeriod(new Date(), 0, 0)).toThrow(RangeError);
  });
});

describe("votingState", () => {
  const openedAt = new Date("2025-03-03T12:00:00Z");
  const during = new Date("2025-03-05T12:00:00Z");
  const after7 = new Date("2025-03-11T12:00:00Z");
  const after10 = new Date("2025-03-13T12:00:01Z");
  const two = [v("a", 1), v("b", 1)];

  it.each([
    ["passing during the period", two, false, during, "passes", true],
    ["passing after the period still passes", two, false, after10, "passes", false],
    ["one vote in favour during the period", [v("a", 1)], false, during, "voting", true],
    ["one vote in favour after 7 days", [v("a", 1)], false, after7, "needs-more-votes", false],
    ["extended: still voting on day 8", [v("a", 1)], true, after7, "voting", true],
    ["extended: needs more votes after 10 days", [v("a", 1)], true, after10, "needs-more-votes", false],
    ["the requester's own votes do not pass it", [v("req", 1), v("a", 1)], false, during, "voting", true],
    ["a tie after the period", [v("a", 1), v("b", 1), v("c", -1), v("d", -1)], false, after7, "needs-more-votes", false],
  ] as const)("%s", (_name, votes, extended, now, verdict, open) => {
    const s = votingState({ votes: [...votes], requester: "req", openedAt, extended, now });
    expect(s.verdict).toBe(verdict);
    expect(s.open).toBe(open);
    expect(s.canExtend).toBe(!extended);
  });

  it("uses the configured period", () => {
    const s = votingState({ votes: [], requester: "req", openedAt, extended: false, now: after7, periodDays: 14 });
    expect(s).toMatchObject({ verdict: "voting", open: true });
    expect(s.closesAt.toISOString()).toBe("2025-03-17T12:00:00.000Z");
    expect(verdictLabel(votingState({ votes: [], requester: "r", openedAt, extended: false, now: after7 }).verdict)).toBe("Needs more votes");
  });
});
