import { describe, expect, it } from "vitest";
import { tally, votingPeriod, type Vote } from "./tally";

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
