/**
 * Whether an app's `timer:` is a schedule snapd 2.57.6 accepts (timeutil.ParseSchedule), e.g.
 * "mon-fri,10:00-12:00", "23:00~24:00/2", "mon1,,fri5,9:00". Validation only: the store never
 * computes the next event. Pure; each function returns null when valid, else snapd's reason.
 */

const VALID_TIME = /^([0-9]|0[0-9]|1[0-9]|2[0-3]):([0-5][0-9])$|^24:00$/;
const WEEKDAYS = new Set(["sun", "mon", "tue", "wed", "thu", "fri", "sat"]);
const q = JSON.stringify;

function clockProblem(s: string): string | null {
  return VALID_TIME.test(s) ? null : `cannot parse ${q(s)}`;
}

function clockRangeProblem(s: string): string | null {
  const i = s.indexOf("-");
  if (i < 0) return `cannot parse ${q(s)}: not a valid interval`;
  for (const part of [s.slice(0, i), s.slice(i + 1)]) if (clockProblem(part)) return `cannot parse ${q(part)}: not a valid time`;
  return null;
}

/** Go strconv.ParseUint(s, 10, 32). */
function parseUint32(s: string): number | null {
  if (!/^[0-9]+$/.test(s)) return null;
  const n = Number(s);
  return n <= 2 ** 32 - 1 ? n : null;
}

/** A weekday with its optional week of the month: Pos 0 = every week. */
function weekday(s: string): { pos: number } | null {
  if (s.length !== 3 && s.length !== 4) return null;
  let pos = 0;
  if (s.length === 4) {
    const v = parseUint32(s.slice(3));
    if (v === null || v < 1 || v > 5) return null;
    pos = v;
  }
  return WEEKDAYS.has(s.slice(0, 3)) ? { pos } : null;
}

function weekSpanProblem(s: string): string | null {
  const split = s.split("-");
  if (split.length > 2) return `cannot parse ${q(s)}: invalid week span`;
  const start = weekday(split[0]);
  if (!start) return `cannot parse ${q(s)}: ${q(split[0])} is not a valid weekday`;
  const end = split.length === 2 ? weekday(split[1]) : start;
  if (!end) return `cannot parse ${q(s)}: ${q(split[1])} is not a valid weekday`;
  if (start.pos !== 0 && end.pos !== 0 && end.pos < start.pos) return `cannot parse ${q(s)}: unsupported schedule`;
  return null;
}

function clockSpanProblem(s: string): string | null {
  let rest = s;
  if (s.includes("/")) {
    const split = s.split("/");
    const c = split.length === 2 ? parseUint32(split[1]) : null;
    if (c === null || c === 0) return `cannot parse ${q(s)}: not a valid interval`;
    rest = split[0];
  }
  if (rest.includes("~")) rest = rest.replace("~", "-");
  let bad: string | null;
  if (rest === "-") bad = null;
  else if (rest.includes("-")) bad = clockRangeProblem(rest);
  else bad = clockProblem(rest);
  return bad ? `cannot parse ${q(s)}: not a valid time` : null;
}

function eventSetProblem(s: string): string | null {
  let expectTime = false;
  for (const fragment of s.split(",")) {
    if (fragment.length === 0) return `cannot parse ${q(s)}: not a valid fragment`;
    if (fragment.includes(":")) {
      const bad = clockSpanProblem(fragment);
      if (bad) return bad;
      expectTime = true;
    } else if (!expectTime) {
      const bad = weekSpanProblem(fragment);
      if (bad) return bad;
    } else return `cannot parse ${q(fragment)}: invalid schedule fragment`;
  }
  return null;
}

/** null when snapd accepts the schedule, else why not. */
export function scheduleProblem(spec: string): string | null {
  for (const s of spec.split(",,")) {
    const bad = eventSetProblem(s);
    if (bad) return bad;
  }
  return null;
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/**
 * Go's time.ParseDuration, as snapd reads stop-timeout, start-timeout, watchdog-timeout and
 * restart-delay: "10s", "1m30s", "-2h", "0". Returns nanoseconds, or null when invalid.
 */
export function parseGoDuration(s: string): number | null {
  let rest = s;
  let neg = false;
  if (rest[0] === "-" || rest[0] === "+") {
    neg = rest[0] === "-";
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return null;
  let total = 0;
  const re = /^([0-9]*)(?:\.([0-9]*))?([^0-9.]+)/;
  while (rest !== "") {
    const m = re.exec(rest);
    if (!m || (m[1] === "" && (m[2] === undefined || m[2] === ""))) return null;
    const unit = /^(ns|us|µs|μs|ms|s|m|h)/.exec(m[3]);
    if (!unit || unit[1].length !== m[3].length) {
      // the unit runs up to the next digit or '.'; it must be exactly one known unit
      return null;
    }
    total += Number(`${m[1] || "0"}.${m[2] ?? "0"}`) * UNITS[unit[1]];
    rest = rest.slice(m[0].length);
  }
  if (total > 2 ** 63 - 1) return null;
  return neg ? -total : total;
}
