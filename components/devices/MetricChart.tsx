// A small SVG line chart of one installed_base_by_* metric (no data access; lines from lib/devices/metrics).
import { chartLines, type MetricSeries } from "@/lib/devices/metrics";

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4b5563"];

export function MetricChart({ title, metric }: { title: string; metric: MetricSeries }) {
  const W = 480;
  const H = 140;
  const lines = chartLines(metric, W, H);
  return (
    <figure className="rounded-lg border bg-white p-3">
      <figcaption className="mb-2 text-sm font-medium">
        {title} <span className="font-mono text-xs text-gray-500">{metric.metric}</span>
      </figcaption>
      {lines.length === 0 ? (
        <p className="text-sm text-gray-600">No device has this snap yet.</p>
      ) : (
        <>
          <svg
            viewBox={`-4 -4 ${W + 8} ${H + 8}`}
            className="h-36 w-full"
            role="img"
            aria-label={`${title}: ${lines.map((l) => `${l.name} ${l.last}`).join(", ")}`}
          >
            <line x1={0} y1={H} x2={W} y2={H} stroke="#d1d5db" />
            {lines.map((l, i) => (
              <polyline key={l.name} points={l.points} fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth={2} />
            ))}
          </svg>
          <ul className="mt-2 flex flex-wrap gap-3 text-xs">
            {lines.map((l, i) => (
              <li key={l.name} className="flex items-center gap-1">
                <span className="inline-block h-2 w-3" style={{ background: COLORS[i % COLORS.length] }} />
                {l.name}: {l.last}
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-gray-500">
            {metric.buckets[0]} – {metric.buckets[metric.buckets.length - 1]}
          </p>
        </>
      )}
    </figure>
  );
}
