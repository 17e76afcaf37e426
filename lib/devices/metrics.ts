/**
 * Publisher metrics from the simulated installs, in the shape of the real store's
 * installed_base_by_{channel,version,architecture,operating_system} metrics: for each day, how
 * many devices have the snap, split by one dimension. Pure.
 *
 * The history is rebuilt from the current installs (each counted from the day it was installed,
 * with its current channel, version, architecture and system): removed installs leave no trace,
 * and a refresh moves a device's whole history to the new version.
 */
export const METRIC_DIMENSIONS = ["channel", "version", "architecture", "system"] as const;
export type MetricDimension = (typeof METRIC_DIMENSIONS)[number];

export const METRIC_NAMES: Record<MetricDimension, string> = {
  channel: "installed_base_by_channel",
  version: "installed_base_by_version",
  architecture: "installed_base_by_architecture",
  system: "installed_base_by_operating_system",
};

export interface InstallFact {
  deviceId: string;
  installedAt: Date;
  channel: string;
  version: string;
  architecture: string;
  /** "classic" or "core" */
  system: string;
}

export interface MetricSeries {
  metric: string;
  dimension: MetricDimension;
  /** YYYY-MM-DD, oldest first. */
  buckets: string[];
  series: { name: string; values: number[] }[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function installedBase(facts: InstallFact[], dimension: MetricDimension, end: Date, days: number): MetricSeries {
  const buckets: string[] = [];
  const endDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  for (let i = days - 1; i >= 0; i--) buckets.push(day(new Date(endDay - i * 86_400_000)));
  const byName = new Map<string, number[]>();
  for (const f of facts) {
    const name = f[dimension];
    const values = byName.get(name) ?? new Array<number>(days).fill(0);
    const from = day(f.installedAt);
    buckets.forEach((b, i) => {
      if (b >= from) values[i]++;
    });
    byName.set(name, values);
  }
  const series = [...byName.entries()]
    .map(([name, values]) => ({ name, values }))
    .sort((a, b) => b.values[days - 1] - a.values[days - 1] || (a.name < b.name ? -1 : 1));
  return { metric: METRIC_NAMES[dimension], dimension, buckets, series };
}

/** Polylines for a simple SVG line chart of the series (width × height, 0 at the bottom). */
export function chartLines(m: MetricSeries, width: number, height: number): { name: string; points: string; last: number }[] {
  const max = Math.max(1, ...m.series.flatMap((s) => s.values));
  const n = Math.max(1, m.buckets.length - 1);
  return m.series.map((s) => ({
    name: s.name,
    last: s.values[s.values.length - 1] ?? 0,
    points: s.values.map((v, i) => `${Math.round((i / n) * width)},${Math.round(height - (v / max) * height)}`).join(" "),
  }));
}
