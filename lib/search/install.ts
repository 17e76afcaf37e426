// PURE: the `snap install` command a snap page shows: the most stable open channel (default track
// first), with --classic / --devmode from the confinement of the revision in that channel.
import { compareReleases } from "@/lib/vocabulary";

export interface OpenRelease {
  track: string;
  risk: string;
  branch: string | null;
  confinement: string | null;
}

export interface InstallHint {
  command: string;
  channel: string;
  confinement: string | null;
}

export function installCommand(name: string, releases: OpenRelease[], defaultTrack: string | null = null): InstallHint | null {
  const track = defaultTrack || "latest";
  const sorted = [...releases].sort((a, b) => Number(b.track === track) - Number(a.track === track) || compareReleases(a, b));
  const best = sorted[0];
  if (!best) return null;
  const channel = best.branch ? `${best.track}/${best.risk}/${best.branch}` : best.track === track ? best.risk : `${best.track}/${best.risk}`;
  const parts = ["sudo snap install", name];
  if (channel !== "stable") parts.push(`--channel=${channel}`);
  if (best.confinement === "classic") parts.push("--classic");
  if (best.confinement === "devmode") parts.push("--devmode");
  return { command: parts.join(" "), channel, confinement: best.confinement };
}
