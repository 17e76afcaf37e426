import Link from "next/link";
import { Badge, Card } from "@/components/ui";
import { DecisionForm, ExtendVotingButton, VoteForm } from "@/components/review/ReviewForms";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { renderMarkdown } from "@/lib/markdown";
import { verdictLabel } from "@/lib/review/tally";
import { getItem } from "@/lib/server/review-queue";
import { formatDate, queueKindLabel, statusLabel } from "@/lib/vocabulary";

export const metadata = { title: "Review item" };
export const dynamic = "force-dynamic";

const VOTE = (v: number) => (v > 0 ? "+1" : v < 0 ? "-1" : "0");

function DiffBlock({ title, diff }: { title: string; diff: { revision: number; lines: string[] } | null }) {
  return (
    <div>
      <h3 className="font-medium">{title}</h3>
      {diff === null ? (
        <p className="text-sm text-gray-600">Nothing to compare with.</p>
      ) : diff.lines.length === 0 ? (
        <p className="text-sm text-gray-600">No change in confinement, type, base, plugs or slots since revision {diff.revision}.</p>
      ) : (
        <ul className="font-mono text-sm" aria-label={`${title} (revision ${diff.revision})`}>
          {diff.lines.map((l) => (
            <li key={l} className={l.startsWith("+") ? "text-green-800" : l.startsWith("-") ? "text-red-800" : "text-amber-800"}>
              {l}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export default async function ReviewItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(["reviewer"], `/review/items/${id}`);
  const item = await getItem(getDb(), user, id);
  const open = item.status === "pending" || item.status === "needs-info";
  const mine = item.votes.find((v) => v.voterId === user.id);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/review" className="hover:underline">
          ← Review queue
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold">
          {queueKindLabel(item.kind)}: {item.snap.name}
          {item.interface ? ` · ${item.interface}` : ""}
        </h1>
        <Badge tone="blue">{statusLabel(item.status.replace(/-/g, "_"))}</Badge>
        <Badge tone={item.voting.verdict === "passes" ? "green" : item.voting.verdict === "needs-more-votes" ? "amber" : "gray"}>
          {verdictLabel(item.voting.verdict)}
        </Badge>
      </div>
      <p className="text-sm text-gray-600">
        Filed {formatDate(item.createdAt)} by {item.requester.name}
        {item.category ? ` · category ${item.category}` : ""} · voting {item.voting.open ? "closes" : "closed"} {formatDate(item.voting.closesAt)}
        {item.voting.extended ? " (extended)" : ""}
      </p>
      {item.overrideReason ? (
        <p className="rounded bg-amber-50 p-2 text-sm">
          <strong>Admin override:</strong> {item.overrideReason}
        </p>
      ) : null}
      {item.decisionComment ? (
        <p className="rounded bg-gray-100 p-2 text-sm">
          <strong>Decision by {item.decidedBy}:</strong> {item.decisionComment}
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <h2 className="mb-2 text-lg font-semibold">Reasoning</h2>
            <p className="whitespace-pre-wrap text-sm">{item.reasoning}</p>
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-semibold">Listing</h2>
            <p className="font-medium">{item.snap.title ?? item.snap.name}</p>
            <p className="text-sm">{item.snap.summary}</p>
            <p className="mt-1 text-sm text-gray-600">
              Publisher {item.snap.publisher.displayName} (@{item.snap.publisher.username}, {item.snap.publisher.validation}) · classic{" "}
              {item.snap.classicGranted ? "granted" : "not granted"}
            </p>
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-semibold">Plugs and slots{item.revision ? ` of revision ${item.revision.revision}` : ""}</h2>
            {item.plugs.length + item.slots.length === 0 ? <p className="text-sm text-gray-600">None.</p> : null}
            <ul className="space-y-1 text-sm" aria-label="Plugs and slots">
              {item.plugs.map((p) => (
                <li key={`p-${p.plug}`}>
                  <Badge tone={!p.installable ? "red" : p.autoConnects ? "green" : "amber"}>
                    {!p.installable ? "super-privileged" : p.autoConnects ? "auto-connects" : "needs a grant to auto-connect"}
                  </Badge>{" "}
                  plug <span className="font-mono">{p.plug}</span> ({p.interface}): {p.text}
                </li>
              ))}
              {item.slots.map((s) => (
                <li key={`s-${s.slot}`}>
                  <Badge tone={!s.installable ? "red" : "gray"}>{!s.installable ? "super-privileged" : s.autoConnects ? "auto-connects" : "manual"}</Badge> slot{" "}
                  <span className="font-mono">{s.slot}</span> ({s.interface}): {s.text}
                </li>
              ))}
            </ul>
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-semibold">What changed</h2>
            <div className="space-y-3">
              <DiffBlock title="Since the previous revision" diff={item.diffPrevious} />
              <DiffBlock title={`Since the revision on stable${item.stableRevision ? ` (${item.stableRevision})` : ""}`} diff={item.diffStable} />
            </div>
          </Card>
          {item.revision?.snapYaml ? (
            <Card>
              <h2 className="mb-2 text-lg font-semibold">snap.yaml</h2>
              <pre className="overflow-x-auto rounded bg-gray-50 p-2 text-xs">{item.revision.snapYaml}</pre>
            </Card>
          ) : null}
          {item.revision?.review ? (
            <Card>
              <h2 className="mb-2 text-lg font-semibold">Automated review</h2>
              <pre className="max-h-64 overflow-auto rounded bg-gray-50 p-2 text-xs">{JSON.stringify(item.revision.review, null, 2)}</pre>
            </Card>
          ) : null}
          <Card>
            <h2 className="mb-2 text-lg font-semibold">Thread</h2>
            {item.comments.length === 0 ? <p className="text-sm text-gray-600">No comments.</p> : null}
            <ul className="space-y-2">
              {item.comments.map((c) => (
                <li key={c.id} className="rounded border border-gray-100 p-2 text-sm">
                  <p className="text-xs text-gray-600">
                    {c.author} · {formatDate(c.at)}
                  </p>
                  <div className="prose-snap" dangerouslySetInnerHTML={{ __html: renderMarkdown(c.body) }} />
                </li>
              ))}
            </ul>
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-semibold">History</h2>
            <ol className="space-y-1 text-sm" aria-label="History">
              {item.history.map((h, i) => (
                <li key={i}>
                  {formatDate(h.at)} · {h.actor} · {h.action.replace(/^request\./, "")}
                  {typeof h.data.vote === "number" ? ` ${VOTE(h.data.vote)}` : ""}
                  {typeof h.data.to === "string" ? ` → ${h.data.to}` : ""}
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <h2 className="mb-2 text-lg font-semibold">Votes</h2>
            <p className="text-sm" data-testid="tally">
              {item.voting.for} for, {item.voting.against} against, {item.voting.abstain} abstaining
            </p>
            <ul className="mt-2 space-y-1 text-sm">
              {item.votes.map((v) => (
                <li key={v.voterId}>
                  <span className="font-mono">{VOTE(v.value)}</span> {v.voter}
                  {v.comment ? `: ${v.comment}` : ""}
                </li>
              ))}
            </ul>
            {item.mayVote ? (
              <div className="mt-3">
                <VoteForm requestId={item.id} current={mine ? mine.value : null} />
              </div>
            ) : open ? (
              <p className="mt-3 text-sm text-gray-600">You filed this request or publish this snap: you cannot vote on it.</p>
            ) : null}
            {open && item.voting.canExtend ? (
              <div className="mt-3">
                <ExtendVotingButton requestId={item.id} />
              </div>
            ) : null}
          </Card>
          {item.mayVote ? (
            <Card>
              <h2 className="mb-2 text-lg font-semibold">Decide</h2>
              <DecisionForm requestId={item.id} admin={user.role === "admin"} passes={item.voting.passes} />
            </Card>
          ) : null}
          <Card>
            <h2 className="mb-2 text-lg font-semibold">Publisher&apos;s other snaps</h2>
            {item.otherSnaps.length === 0 ? <p className="text-sm text-gray-600">None.</p> : null}
            <ul className="space-y-2 text-sm">
              {item.otherSnaps.map((o) => (
                <li key={o.name}>
                  <span className="font-medium">{o.name}</span>
                  {o.classicGranted ? " (classic)" : ""}
                  {o.decisions.map((d) => (
                    <div key={d.id} className="text-gray-600">
                      {queueKindLabel(d.kind)}
                      {d.interface ? ` ${d.interface}` : ""}: {d.status}
                      {d.comment ? ` — ${d.comment}` : ""}
                    </div>
                  ))}
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </div>
  );
}
