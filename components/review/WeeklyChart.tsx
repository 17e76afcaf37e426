// Items opened and decided per week as paired bars, read at a glance; the numbers are in the
// accessible description and in GET /api/v1/review/stats.
export function WeeklyChart({ weeks, medianHours }: { weeks: { week: string; opened: number; decided: number }[]; medianHours: number | null }) {
  const W = 640;
  const H = 160;
  const pad = 24;
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.opened, w.decided)));
  const slot = (W - pad * 2) / Math.max(1, weeks.length);
  const bar = Math.max(2, slot / 2 - 3);
  const y = (v: number) => H - pad - (v / max) * (H - pad * 2);
  const summary = weeks.map((w) => `week of ${w.week}: ${w.opened} opened, ${w.decided} decided`).join("; ");
  return (
    <figure className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="review-chart">
      <figcaption className="mb-2 flex flex-wrap items-baseline gap-4 text-sm">
        <span className="font-semibold">Opened and decided per week</span>
        <span className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-3 w-3 rounded-sm bg-blue-500" /> opened
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-3 w-3 rounded-sm bg-green-600" /> decided
        </span>
        <span className="ml-auto" data-testid="median-time">
          Median time to decision: <strong>{medianHours === null ? "—" : formatHours(medianHours)}</strong>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} className="h-40 w-full">
        <line x1={pad} x2={W - pad} y1={H - pad} y2={H - pad} stroke="#d1d5db" />
        <text x={pad - 4} y={y(max) + 4} fontSize="10" textAnchor="end" fill="#6b7280">
          {max}
        </text>
        {weeks.map((w, i) => {
          const x = pad + i * slot + 2;
          return (
            <g key={w.week}>
              <rect x={x} y={y(w.opened)} width={bar} height={H - pad - y(w.opened)} fill="#3b82f6">
                <title>{`${w.week}: ${w.opened} opened`}</title>
              </rect>
              <rect x={x + bar + 2} y={y(w.decided)} width={bar} height={H - pad - y(w.decided)} fill="#16a34a">
                <title>{`${w.week}: ${w.decided} decided`}</title>
              </rect>
              {i % 2 === 0 ? (
                <text x={x + bar} y={H - 8} fontSize="9" textAnchor="middle" fill="#6b7280">
                  {w.week.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function formatHours(h: number): string {
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 48) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} days`;
}
