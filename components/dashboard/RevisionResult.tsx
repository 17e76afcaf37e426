// The outcome of an upload / one revision: facts, plugs and what each means, the review report.
// Presentational only (rendered by the upload panel on the client and the revision page on the server).
import Link from "next/link";
import { Badge, ScrollHint } from "@/components/ui";
import { CodeText } from "@/components/ui/CodeText";
import type { RevisionDetails } from "@/lib/server/revisions";
import { formatBytes, formatDate } from "@/lib/vocabulary";
import { StatusBadge } from "./StatusBadge";

const LEVEL_LABEL = { error: "Error", warn: "Warning", info: "Info" } as const;
const LEVEL_TONE = { error: "red", warn: "amber", info: "gray" } as const;

function Outcome({ d }: { d: RevisionDetails }) {
  const reasons = d.errors.map((e) => e.message);
  switch (d.status) {
    case "ready_to_release":
      return (
        <p className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900" role="status">
          Revision {d.revision} passed the automated review and is <strong>ready to release</strong>.{" "}
          <Link href={`/dashboard/snaps/${d.snap}/releases?revision=${d.revision}`} className="font-medium underline">
            Release it
          </Link>
        </p>
      );
    case "need_manual_review":
      return (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" role="status">
          <p>
            Revision {d.revision} <strong>needs manual review</strong> by the store before it can be released.
          </p>
          {reasons.length ? (
            <ul className="mt-1 list-disc pl-5">
              {reasons.map((r, i) => (
                <li key={i}>
                  <CodeText text={r} />
                </li>
              ))}
            </ul>
          ) : null}
          {d.errors.some((e) => e.code === "needs-classic-grant") ? (
            <p className="mt-2">
              <Link href={`/dashboard/snaps/${d.snap}/requests?type=classic`} className="font-medium text-blue-800 underline">
                Request classic confinement for {d.snap}
              </Link>
            </p>
          ) : null}
        </div>
      );
    case "rejected":
      return (
        <div className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" role="status">
          <p>
            Revision {d.revision} was <strong>rejected</strong> by the automated review. Fix these problems and upload again:
          </p>
          <ErrorList errors={d.errors} />
        </div>
      );
    case "processing_error":
      return (
        <div className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" role="status">
          <p>
            Revision {d.revision}: <strong>processing error</strong>. The store could not read the upload.
          </p>
          <ErrorList errors={d.errors} />
        </div>
      );
    default:
      return (
        <p className="text-sm" role="status">
          Revision {d.revision}: <StatusBadge status={d.status} />
        </p>
      );
  }
}

function ErrorList({ errors }: { errors: { code: string; message: string }[] }) {
  return (
    <ul className="mt-1 list-disc pl-5">
      {errors.map((e, i) => (
        <li key={i}>
          <code className="text-xs">{e.code}</code>: <CodeText text={e.message} />
        </li>
      ))}
    </ul>
  );
}

export function RevisionResult({ d, headingLevel = 2 }: { d: RevisionDetails; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const facts: [string, React.ReactNode][] = [
    ["Revision", d.revision],
    ["Status", <StatusBadge key="s" status={d.status} />],
    ["Version", d.version ?? "–"],
    ["Confinement", d.confinement ?? "–"],
    ["Grade", d.grade ?? "–"],
    ["Type", d.type ?? "–"],
    ["Base", d.base ?? "–"],
    ["Architectures", d.architectures.length ? d.architectures.join(", ") : "–"],
    ["Size", d.size ? formatBytes(d.size) : "–"],
    ["Uploaded", formatDate(d.createdAt)],
    ["Channels", d.channels.length ? d.channels.join(", ") : "–"],
  ];
  return (
    <div className="space-y-5" data-testid="revision-result">
      <Outcome d={d} />
      <section aria-labelledby={`rev-${d.revision}-facts`}>
        <H id={`rev-${d.revision}-facts`} className="mb-2 font-semibold">
          Revision {d.revision}
        </H>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-gray-600">{k}</dt>
              <dd data-fact={k.toLowerCase()}>{v}</dd>
            </div>
          ))}
        </dl>
        {d.sha3_384 ? <p className="mt-2 break-all font-mono text-xs text-gray-600">sha3-384 {d.sha3_384}</p> : null}
      </section>

      {d.plugs.length ? (
        <section aria-labelledby={`rev-${d.revision}-plugs`}>
          <H id={`rev-${d.revision}-plugs`} className="mb-2 font-semibold">
            Interfaces (plugs)
          </H>
          <ul className="space-y-2">
            {d.plugs.map((p) => (
              <li key={p.plug} className="rounded-md border border-gray-200 p-3 text-sm" data-plug={p.plug}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono font-medium">{p.plug === p.interface ? p.plug : `${p.plug} (${p.interface})`}</span>
                  {p.autoConnects ? (
                    <Badge tone="green">auto-connects{p.classicOnly ? " on classic systems" : ""}</Badge>
                  ) : p.installable ? (
                    <Badge tone="gray">not auto-connected</Badge>
                  ) : (
                    <Badge tone="red">installation needs a grant</Badge>
                  )}
                </div>
                <p className="mt-1 text-gray-700">
                  <CodeText text={p.text} />
                </p>
                {p.needsRequest ? (
                  p.request ? (
                    <p className="mt-1">
                      <Link href={`/dashboard/snaps/${d.snap}/requests#request-${p.request.id}`} className="text-blue-800 underline">
                        {p.request.type} request {p.request.status}
                      </Link>
                    </p>
                  ) : (
                    <p className="mt-1">
                      <Link
                        href={`/dashboard/snaps/${d.snap}/requests?type=${p.needsRequest}&interface=${encodeURIComponent(p.interface)}&plug=${encodeURIComponent(p.plug)}`}
                        className="font-medium text-blue-800 underline"
                      >
                        Request {p.needsRequest} for {p.interface}
                      </Link>
                    </p>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.checks ? (
        <section aria-labelledby={`rev-${d.revision}-review`}>
          <H id={`rev-${d.revision}-review`} className="mb-2 font-semibold">
            Automated review
          </H>
          <ScrollHint />
          <div className="relative overflow-x-auto" role="region" aria-label="Automated review checks" tabIndex={0}>
            <table className="w-full min-w-[36rem] text-left text-sm">
              <thead>
                <tr className="text-gray-600">
                  <th scope="col" className="py-1 pr-3">
                    Result
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Section
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Check
                  </th>
                  <th scope="col" className="py-1">
                    Details
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.checks.map((c) => (
                  <tr key={`${c.section}-${c.level}-${c.name}`} className="border-t border-gray-100 align-top" data-level={c.level}>
                    <td className="py-1 pr-3">
                      <Badge tone={LEVEL_TONE[c.level]}>{LEVEL_LABEL[c.level]}</Badge>
                    </td>
                    <td className="py-1 pr-3">{c.section}</td>
                    <td className="break-all py-1 pr-3 font-mono text-xs">{c.name}</td>
                    <td className="py-1">
                      <CodeText text={c.text} />
                      {c.manualReview ? (
                        <span className="ml-2">
                          <Badge tone="amber">manual review</Badge>
                        </span>
                      ) : null}
                      {c.link ? (
                        <a href={c.link} className="ml-2 text-blue-800 underline" rel="noreferrer noopener" target="_blank">
                          docs
                        </a>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
