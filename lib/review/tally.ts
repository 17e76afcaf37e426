/**
 * Store-request voting (forum process, modelled in-app): +1 / +0 / -1 by reviewers; the requester
 * cannot vote; a request passes with a simple majority of the non-zero votes AND at least two votes
 * in favour; a tie asks for more votes. Voting lasts one week (SNAPSTORE_VOTING_DAYS), extendable
 * once by 3 days; an item whose period ended without passing "needs more votes".
 */

export type VoteValue = 1 | 0 | -1;

export interface Vote {
  voter: string;
  value: VoteValue;
}

export type TallyStatus = "passes" | "fails" | "tie" | "needs-votes";

export interface Tally {
  for: number;
  against: number;
  abstain: number;
  /** Simple majority of non-zero votes AND >= 2 in favour. */
  passes: boolean;
  /** As many votes in favour as against (and at least one of each): more votes are needed. */
  tie: boolean;
  /**
   * passes; fails = a majority against; tie; needs-votes = no majority yet (no non-zero votes, or a
   * majority in favour with fewer than two votes for).
   */
  status: TallyStatus;
  /** Voters whose votes were ignored (the requester). */
  invalidVoters: string[];
}

/** Count votes. A voter who voted more than once counts with their LAST vote; the requester's votes are ignored. */
export function tally(votes: Vote[], requester: string): Tally {
  const latest = new Map<string, VoteValue>();
  const invalid = new Set<string>();
  for (const v of votes) {
    if (v.voter === requester) {
      invalid.add(v.voter);
      continue;
    }
    if (v.value !== 1 && v.value !== 0 && v.value !== -1) continue;
    latest.delete(v.voter); // keep insertion order of the last vote
    latest.set(v.voter, v.value);
  }
  let pro = 0;
  let con = 0;
  let abstain = 0;
  for (const value of latest.values()) {
    if (value === 1) pro++;
    else if (value === -1) con++;
    else abstain++;
  }
  const passes = pro > con && pro >= 2;
  const tie = pro === con && pro > 0;
  const status: TallyStatus = passes ? "passes" : tie ? "tie" : con > pro ? "fails" : "needs-votes";
  return { for: pro, against: con, abstain, passes, tie, status, invalidVoters: [...invalid] };
}

export const VOTING_PERIOD_DAYS = 7;
export const VOTING_EXTENSION_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface VotingPeriod {
  opensAt: Date;
  closesAt: Date;
  /** Total length in days (7 + 3 per extension). */
  days: number;
  extensions: number;
  /** Whether voting is still open at `now` (defaults to the current time). */
  isOpen(now?: Date): boolean;
}

/**
 * The voting period in days from the environment (SNAPSTORE_VOTING_DAYS, a whole number 1-365),
 * 7 when unset. A bad value throws: a misconfigured deployment should fail loudly, not vote forever.
 */
export function votingDaysFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.SNAPSTORE_VOTING_DAYS;
  if (raw === undefined || raw.trim() === "") return VOTING_PERIOD_DAYS;
  if (!/^[0-9]{1,3}$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 365)
    throw new RangeError(`SNAPSTORE_VOTING_DAYS must be a whole number of days between 1 and 365, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** `periodDays` (one week by default) from `openedAt`, plus 3 days per extension. */
export function votingPeriod(openedAt: Date, extensions = 0, periodDays = VOTING_PERIOD_DAYS): VotingPeriod {
  if (!Number.isInteger(extensions) || extensions < 0) throw new RangeError(`extensions must be a non-negative integer, got ${extensions}`);
  if (!Number.isInteger(periodDays) || periodDays < 1) throw new RangeError(`periodDays must be a positive integer, got ${periodDays}`);
  const opensAt = new Date(openedAt.getTime());
  const days = periodDays + VOTING_EXTENSION_DAYS * extensions;
  const closesAt = new Date(opensAt.getTime() + days * DAY_MS);
  return {
    opensAt,
    closesAt,
    days,
    extensions,
    isOpen: (now = new Date()) => now.getTime() >= opensAt.getTime() && now.getTime() < closesAt.getTime(),
  };
}

/** How many times a voting period may be extended. */
export const MAX_VOTING_EXTENSIONS = 1;

/** Where the vote on an open item stands, in the queue's words. */
export type VotingVerdict = "passes" | "voting" | "needs-more-votes";

export interface VotingState {
  tally: Tally;
  closesAt: Date;
  open: boolean;
  /** passes; voting (period running, not passing yet); needs-more-votes (period over, not passing). */
  verdict: VotingVerdict;
  canExtend: boolean;
}

/** The tally plus the period: what the queue shows and whether an approval may go ahead. */
export function votingState(input: { votes: Vote[]; requester: string; openedAt: Date; extended: boolean; now?: Date; periodDays?: number }): VotingState {
  const t = tally(input.votes, input.requester);
  const p = votingPeriod(input.openedAt, input.extended ? 1 : 0, input.periodDays ?? VOTING_PERIOD_DAYS);
  const open = p.isOpen(input.now ?? new Date());
  const verdict: VotingVerdict = t.passes ? "passes" : open ? "voting" : "needs-more-votes";
  return { tally: t, closesAt: p.closesAt, open, verdict, canExtend: !input.extended };
}

/** The queue's label for a verdict. */
export function verdictLabel(v: VotingVerdict): string {
  return v === "passes" ? "Passes" : v === "voting" ? "Voting" : "Needs more votes";
}
