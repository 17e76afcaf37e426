/**
 * Publisher metrics from the simulated installs, in the shape of the real store's
 * installed_base_by_{channel,version,architecture,operating_system} metrics: for each day, how
 * many devices had the snap, split by one dimension. Pure.
 *
 * The input is the install history (DeviceSnapSpan rows: one per period a device had the snap at
 * one channel and revision), so a removed install still counts on the days it existed and a
 * refresh or channel switch changes the split only from its day on.
 */
export const METRIC_DIMENSIONS = ["channel", "version", "architecture", "system"] as const;
export type MetricDimension = (typeof METRIC_DIMENSIONS)[number];

export const METRIC_NAMES: Record<MetricDimension, string> = {
  channel: "installed_base_by_channel",
  version: "installed_base_by_version",
  architecture: "installed_base_by_architecture",
  system: "installed_base_by_operating_system",
};

/** One period during which a device had the snap with these values (until null: still has it). */
export interface InstallSpan {
  deviceId: string;
  from: Date;
  until: Date | null;
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

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The later of two periods: by start, then by end (open last): operations in one millisecond tie on `from`. */
const later = (a: InstallSpan, b: InstallSpan) =>
  a.from.getTime() !== b.from.getTime() ? a.from > b.from : (a.until?.getTime() ?? Infinity) >= (b.until?.getTime() ?? Infinity);

/**
 * Devices per UTC day over the `days` days ending with `end`'s day. A device counts on a day when
 * one of its spans overlaps it, once, with the values of the last span that day (where it ended
 * the day, or what it had when removed).
 */
export function installedBase(spans: InstallSpan[], dimension: MetricDimension, end: Date, days: number): MetricSeries {
  const endDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const starts: number[] = [];
  for (let i = days - 1; i >= 0; i--) starts.push(endDay - i * DAY);
  const byName = new Map<string, number[]>();
  const byDevice = new Map<string, InstallSpan[]>();
  for (const s of spans) byDevice.set(s.deviceId, [...(byDevice.get(s.deviceId) ?? []), s]);
  starts.forEach((start, i) => {
    for (const list of byDevice.values()) {
      let last: InstallSpan | undefined;
      for (const s of list) {
        const overlaps = s.from.getTime() < start + DAY && (s.until === null || s.until.getTime() > start);
        if (overlaps && (!last || later(s, last))) last = s;
      }
      if (!last) continue;
      const values = byName.get(last[dimension]) ?? new Array<number>(days).fill(0);
      values[i]++;
      byName.set(last[dimension], values);
    }
  });
  const series = [...byName.entries()]
    .map(([name, values]) => ({ name, values }))
    .sort((a, b) => b.values[days - 1] - a.values[days - 1] || (a.name < b.name ? -1 : 1));
  return { metric: METRIC_NAMES[dimension], dimension, buckets: starts.map((t) => day(new Date(t))), series };
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
