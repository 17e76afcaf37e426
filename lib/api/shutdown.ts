// PURE: the rules of the production server's graceful shutdown (server/drain.ts): how long it may
// drain, which signal ends the drain at once, and what it says.
//
// Why drain at all: an orchestrator stops or rolls an instance with SIGTERM while a snap is being
// streamed to snapd, an upload is being received or processed, a reviewer's decision is being
// written. Exiting at once cuts them; draining lets them finish while the load balancer sends new
// requests elsewhere (the listener is closed, so new connections are refused).

/** Without SNAPSTORE_SHUTDOWN_GRACE_MS: under Kubernetes' default 30 s termination grace and systemd's 90 s stop timeout, so the server's own bound acts first. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** setTimeout's largest delay: a longer one fires at once (Node warns and uses 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * SNAPSTORE_SHUTDOWN_GRACE_MS: milliseconds the drain may last before the remaining connections
 * are cut. Unset or empty: the default. Anything but a plain non-negative integer of milliseconds
 * (e.g. "10s", "1.5", "-1") throws, so a typo stops the start instead of becoming a zero grace.
 */
export function parseShutdownGraceMs(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_SHUTDOWN_GRACE_MS;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) > MAX_TIMER_MS) {
    throw new Error(`SNAPSTORE_SHUTDOWN_GRACE_MS must be a whole number of milliseconds from 0 to ${MAX_TIMER_MS} (got "${raw}")`);
  }
  return Number(value);
}

/**
 * A signal this soon after the first is the same stop delivered twice, not an operator's second
 * one: a terminal's Ctrl-C and systemd's stop signal the whole process group (or cgroup), so the
 * server gets it directly and again forwarded by scripts/start.mjs (and npm), milliseconds apart.
 */
export const REPEATED_SIGNAL_MS = 500;

/** Whether a signal `sinceFirstMs` after the one that started the drain ends the drain at once. */
export function signalEndsDrain(sinceFirstMs: number): boolean {
  return sinceFirstMs >= REPEATED_SIGNAL_MS;
}

const requests = (n: number) => `${n} request${n === 1 ? "" : "s"}`;

/** The one line logged when the drain starts. */
export function drainStartLine(signal: string, inFlight: number, graceMs: number): string {
  return `${signal}: draining ${requests(inFlight)} in flight (new connections refused; cut after ${graceMs} ms or at a second signal)`;
}

/**
 * How the drain ended: every request finished, the grace ran out, or a second signal came; `cut`
 * requests were still in flight, `background` when work Next runs after a response (`after()`,
 * e.g. an upload's processing) was still running too.
 */
export type DrainEnd =
  | { kind: "drained" }
  | { kind: "grace"; graceMs: number; cut: number; background: boolean }
  | { kind: "signal"; signal: string; cut: number; background: boolean };

/** The one line logged when the drain ends. */
export function drainEndLine(end: DrainEnd): string {
  if (end.kind === "drained") return "drained: every request finished; exiting";
  const why = end.kind === "grace" ? `grace of ${end.graceMs} ms over` : `${end.signal} during the drain`;
  const background = end.background ? " and the work running after responses" : "";
  return `${why}: cut ${requests(end.cut)} in flight${background}; exiting with code 1`;
}
