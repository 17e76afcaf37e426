"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Card, ConfirmBox, Field, ScrollHint, inputClass } from "@/components/ui";
import { CodeText } from "@/components/ui/CodeText";
import { RISKS, channelCellText, channelName, parseChannel, type Channel, type ChannelMapView, type ReleaseRow, type Risk } from "@/lib/snap/channels";
import { afterCloseSentence, ownRevision, promoteVerdict, promotionTargets, releaseVerdict, type RevisionState, type Verdict } from "@/lib/snap/release-rules";
import { close, release } from "@/lib/actions/releases";
import { statusLabel } from "@/lib/vocabulary";

export interface ReleasableRevision {
  revision: number;
  version: string | null;
  status: string;
  confinement: string | null;
  grade: string | null;
  architectures: string[];
}

type Message = { kind: "success" | "error"; text: string } | null;

function mustParse(name: string): Channel {
  const p = parseChannel(name);
  if (!p.ok) throw new Error(p.message);
  return p.channel;
}

/** Channel map per track and architecture (risk rows + branch rows), promote/close, and the release form. */
export function ReleasesPanel({
  name,
  view,
  rows: releaseRows,
  defaultTrack,
  classicGranted,
  revisions,
  preselect,
}: {
  name: string;
  view: ChannelMapView;
  /** The open release rows, for what a closed channel's devices get instead. */
  rows: ReleaseRow[];
  defaultTrack: string;
  classicGranted: boolean;
  revisions: ReleasableRevision[];
  preselect: number | null;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [confirmClose, setConfirmClose] = useState<{ channel: string; sentence: string } | null>(null);
  const versionOf = new Map(revisions.map((r) => [r.revision, r.version]));
  const states = new Map<number, RevisionState>(revisions.map((r) => [r.revision, r]));

  async function run(fn: () => ReturnType<typeof release> | ReturnType<typeof close>, success: string) {
    setBusy(true);
    setMessage(null);
    const r = await fn();
    setBusy(false);
    if (!r.ok) {
      setMessage({ kind: "error", text: r.fieldErrors ? `${r.message} ${Object.values(r.fieldErrors).flat().join(" ")}` : r.message });
      return false;
    }
    setMessage({ kind: "success", text: success });
    router.refresh();
    return true;
  }

  const promote = (from: string, to: string) => run(() => release({ name, input: { from, channels: [to] } }), `Promoted ${from} to ${to}.`);
  const closeChannel = async (channel: string) => {
    const done = await run(() => close({ name, input: { channels: [channel] } }), `Closed ${channel}. Devices on it follow the next more stable channel.`);
    if (done) setConfirmClose(null);
  };

  return (
    <div className="space-y-6">
      <div aria-live="polite">
        {message ? (
          <Alert kind={message.kind}>
            <CodeText text={message.text} />
          </Alert>
        ) : null}
      </div>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Channel map</h2>
        <p className="mb-3 text-sm text-gray-600">
          <span className="font-mono">↑</span> means the channel is empty and devices on it follow the next more stable channel;{" "}
          <span className="font-mono">-</span> means nothing is available.
        </p>
        {confirmClose ? (
          <ConfirmBox
            id="confirm-close"
            title={`Close ${confirmClose.channel}?`}
            confirmLabel={`Close ${confirmClose.channel}`}
            busy={busy}
            onConfirm={() => closeChannel(confirmClose.channel)}
            onCancel={() => setConfirmClose(null)}
          >
            {confirmClose.sentence}
          </ConfirmBox>
        ) : null}
        {view.tracks.map((t) => {
          const archs = t.architectures.length ? t.architectures : [];
          const branchChannels = [...new Set(archs.flatMap((a) => a.branches.map((b) => b.channel)))];
          const rows: { channel: string; risk: Risk; branch: string | null }[] = [
            ...RISKS.map((risk) => ({ channel: channelName(t.track, risk), risk, branch: null })),
            ...branchChannels.map((c) => {
              const [, risk, branch] = c.split("/");
              return { channel: c, risk: risk as Risk, branch };
            }),
          ].sort(
            (a, b) =>
              RISKS.indexOf(a.risk) - RISKS.indexOf(b.risk) || (a.branch ? 1 : 0) - (b.branch ? 1 : 0) || (a.branch ?? "").localeCompare(b.branch ?? ""),
          );
          return (
            <section key={t.track} className="mb-4" aria-labelledby={`track-${t.track}`}>
              <h3 id={`track-${t.track}`} className="mb-2 font-semibold">
                Track {t.track}
              </h3>
              {archs.length > 1 ? <ScrollHint /> : null}
              <div className="relative overflow-x-auto" role="region" aria-label={`Channel map of track ${t.track}`} tabIndex={0}>
                {/* No minimum width on phones: with one architecture the map fits 390 px when the
                    actions wrap, so Promote/Close are never clipped off screen. */}
                <table className="w-full text-left text-sm sm:min-w-[36rem]" data-track={t.track}>
                  <thead>
                    <tr className="text-gray-600">
                      <th scope="col" className="p-2">
                        Channel
                      </th>
                      {archs.length ? (
                        archs.map((a) => (
                          <th key={a.architecture} scope="col" className="p-2">
                            {a.architecture}
                          </th>
                        ))
                      ) : (
                        <th scope="col" className="p-2">
                          Revision
                        </th>
                      )}
                      <th scope="col" className="p-2">
                        Actions
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => {
                      const cells = archs.map((a) => {
                        if (row.branch) {
                          const b = a.branches.find((x) => x.channel === row.channel);
                          return {
                            arch: a.architecture,
                            text: b ? String(b.revision) : "-",
                            revision: b?.revision ?? null,
                            followed: false,
                            title: b ? `revision ${b.revision}` : "not released",
                          };
                        }
                        const c = a.risks.find((x) => x.risk === row.risk)!;
                        const title =
                          c.revision === null
                            ? c.closed
                              ? "closed, nothing to follow"
                              : "nothing released"
                            : c.followed
                              ? `follows ${c.fromChannel} (revision ${c.revision})`
                              : `revision ${c.revision}`;
                        return { arch: a.architecture, text: channelCellText(c), revision: c.revision, followed: c.followed, title };
                      });
                      const hasOwn = cells.some((c) => c.revision !== null && !c.followed);
                      const from = mustParse(row.channel);
                      const targets = hasOwn
                        ? promotionTargets(from).map((to) => ({
                            to,
                            verdict: promoteVerdict(archs, from, to, { classicGranted, revisions: states }) as Verdict,
                          }))
                        : [];
                      const refused = targets.filter((x) => !x.verdict.allowed);
                      return (
                        <tr key={row.channel} className="border-t border-gray-100" data-channel={row.channel}>
                          <th scope="row" className="break-all p-2 text-left font-mono text-xs font-normal">
                            {row.channel}
                          </th>
                          {cells.length ? (
                            cells.map((c) => (
                              <td key={c.arch} className="p-2" data-arch={c.arch} data-cell={row.channel} title={c.title}>
                                <span className={`font-mono ${c.followed ? "text-gray-500" : ""}`} aria-label={c.title}>
                                  {c.text}
                                </span>
                                {c.revision !== null && !c.followed && versionOf.get(c.revision) ? (
                                  <span className="ml-2 text-xs text-gray-600">{versionOf.get(c.revision)}</span>
                                ) : null}
                              </td>
                            ))
                          ) : (
                            <td className="p-2 font-mono" data-cell={row.channel}>
                              –
                            </td>
                          )}
                          <td className="p-2">
                            {hasOwn ? (
                              <div className="flex flex-wrap gap-1">
                                {targets
                                  .filter((x) => x.verdict.allowed)
                                  .map(({ to }) => (
                                    <Button
                                      key={to.name}
                                      type="button"
                                      variant="secondary"
                                      className="px-2 py-1 text-xs"
                                      disabled={busy}
                                      onClick={() => promote(row.channel, to.name)}
                                    >
                                      Promote {row.branch ? row.channel.split("/").slice(1).join("/") : row.risk} → {to.risk}
                                    </Button>
                                  ))}
                                <Button
                                  type="button"
                                  variant="secondary"
                                  className="px-2 py-1 text-xs"
                                  disabled={busy}
                                  onClick={() =>
                                    setConfirmClose({
                                      channel: row.channel,
                                      sentence: afterCloseSentence(
                                        releaseRows,
                                        from,
                                        archs.map((a) => a.architecture),
                                      ),
                                    })
                                  }
                                  aria-label={`Close ${row.channel}`}
                                >
                                  Close
                                </Button>
                              </div>
                            ) : null}
                            {refused.length ? (
                              <ul className="mt-1 text-xs text-gray-600" data-testid="not-offered" aria-label={`Promotions not offered from ${row.channel}`}>
                                {refused.map(({ to, verdict }) => (
                                  <li key={to.name}>
                                    → {to.risk}: {verdict.allowed ? "" : verdict.message}
                                  </li>
                                ))}
                              </ul>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
      </Card>
      <ReleaseForm
        name={name}
        defaultTrack={defaultTrack}
        view={view}
        classicGranted={classicGranted}
        revisions={revisions}
        preselect={preselect}
        onDone={setMessage}
        busy={busy}
        setBusy={setBusy}
      />
    </div>
  );
}

function ReleaseForm({
  name,
  defaultTrack,
  view,
  classicGranted,
  revisions,
  preselect,
  onDone,
  busy,
  setBusy,
}: {
  name: string;
  defaultTrack: string;
  view: ChannelMapView;
  classicGranted: boolean;
  revisions: ReleasableRevision[];
  preselect: number | null;
  onDone: (m: Message) => void;
  busy: boolean;
  setBusy: (b: boolean) => void;
}) {
  const router = useRouter();
  const firstReady = revisions.find((r) => r.status === "ready_to_release")?.revision;
  const [revision, setRevision] = useState<string>(String(preselect ?? firstReady ?? revisions[0]?.revision ?? ""));
  const [track, setTrack] = useState(defaultTrack);
  const [risks, setRisks] = useState<Risk[]>([]);
  const [branch, setBranch] = useState("");
  const [extra, setExtra] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  const tracks = view.tracks.map((t) => t.track);
  const selected = revisions.find((r) => String(r.revision) === revision);
  const restricted = selected && (selected.confinement === "devmode" || selected.grade === "devel");
  // The same rules as the server: a channel refused for this revision is not offered, with why.
  const verdictFor = (channel: Channel): Verdict => {
    if (!selected) return { allowed: true };
    const archs = view.tracks.find((t) => t.track === channel.track)?.architectures ?? [];
    const holds = archs
      .filter((a) => selected.architectures.includes(a.architecture) || selected.architectures.includes("all"))
      .map((a) => ownRevision(a, channel));
    return releaseVerdict(selected, channel, { classicGranted, holds });
  };
  const riskChannel = (r: Risk) => parseChannel(channelName(track.trim() || defaultTrack, r, branch.trim() || null));
  const riskVerdicts = RISKS.map((r) => {
    const p = riskChannel(r);
    return { risk: r, verdict: p.ok ? verdictFor(p.channel) : ({ allowed: true } as Verdict) };
  });
  const revisionRefusal = riskVerdicts
    .map((x) => x.verdict)
    .find((v) => !v.allowed && (v.reason === "classic-not-granted" || v.reason === "revision-not-ready"));
  const riskRefused = revisionRefusal ? [] : riskVerdicts.filter((x) => !x.verdict.allowed);
  const isOffered = (r: Risk) => !revisionRefusal && riskVerdicts.find((x) => x.risk === r)!.verdict.allowed;

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const channels = risks.filter(isOffered).map((r) => channelName(track.trim() || defaultTrack, r, branch.trim() || null));
    for (const c of extra.split(/[,\s]+/).filter(Boolean)) channels.push(c);
    if (!revision) errs.revision = "Choose a revision.";
    if (channels.length === 0) errs.channels = "Choose at least one channel.";
    const parsed = channels.map((c) => parseChannel(c));
    const bad = parsed.filter((p) => !p.ok) as { ok: false; message: string }[];
    if (bad.length) errs.channels = bad.map((b) => b.message).join("; ");
    else {
      const refusedChannels = parsed
        .map((p) => (p.ok ? verdictFor(p.channel) : null))
        .filter((v): v is Extract<Verdict, { allowed: false }> => !!v && !v.allowed);
      if (refusedChannels.length) errs.channels = [...new Set(refusedChannels.map((v) => v.message))].join("; ");
    }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    onDone(null);
    const r = await release({ name, input: { revision: Number(revision), channels } });
    setBusy(false);
    if (!r.ok) {
      onDone({ kind: "error", text: r.fieldErrors ? `${r.message} ${Object.values(r.fieldErrors).flat().join(" ")}` : r.message });
      return;
    }
    const names = [...new Set(r.data.released.map((x) => x.channel))];
    onDone({ kind: "success", text: `Released revision ${revision} to ${names.join(", ")}.` });
    setRisks([]);
    setExtra("");
    router.refresh();
  }

  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">Release a revision</h2>
      {revisions.length === 0 ? (
        <p className="text-sm text-gray-600">Upload a revision first.</p>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label="Release a revision">
          <Field label="Revision" id="release-revision" error={errors.revision}>
            <select
              id="release-revision"
              value={revision}
              onChange={(e) => setRevision(e.target.value)}
              className={`${inputClass} max-w-md`}
              aria-describedby={errors.revision ? "release-revision-error" : undefined}
            >
              {revisions.map((r) => (
                <option key={r.revision} value={r.revision}>
                  {r.revision} — {r.version ?? "?"} ({r.confinement ?? "?"}, {r.grade ?? "?"}; {statusLabel(r.status)})
                </option>
              ))}
            </select>
          </Field>
          {restricted ? (
            <p className="-mt-2 mb-4 text-sm text-amber-900">
              This revision is {selected?.confinement === "devmode" ? "devmode" : "devel grade"}: the store only allows it in beta or edge.
            </p>
          ) : null}
          {revisionRefusal && !revisionRefusal.allowed ? (
            <p className="-mt-2 mb-4 text-sm text-amber-900" data-testid="not-releasable">
              Not releasable: {revisionRefusal.message}.
            </p>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Track" id="release-track" hint="“latest” unless the snap has other tracks.">
              <input id="release-track" list="release-tracks" value={track} onChange={(e) => setTrack(e.target.value)} className={`${inputClass} font-mono`} />
              <datalist id="release-tracks">
                {tracks.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </Field>
            <Field label="Branch (optional)" id="release-branch" hint="A short-lived branch, e.g. fix-123 (kept 30 days).">
              <input id="release-branch" value={branch} onChange={(e) => setBranch(e.target.value)} className={`${inputClass} font-mono`} />
            </Field>
          </div>
          <fieldset className="mb-4" aria-describedby={errors.channels ? "release-extra-error" : undefined}>
            <legend className="mb-1 text-sm font-medium text-gray-800">Risks</legend>
            <div className="flex flex-wrap gap-4">
              {RISKS.map((r) => (
                <label key={r} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="h-4 w-4"
                    disabled={!isOffered(r)}
                    checked={risks.includes(r) && isOffered(r)}
                    onChange={(e) => setRisks((cur) => (e.target.checked ? [...cur, r] : cur.filter((x) => x !== r)))}
                  />
                  {r}
                </label>
              ))}
            </div>
            {riskRefused.length ? (
              <ul className="mt-1 text-xs text-gray-600" data-testid="not-offered">
                {riskRefused.map(({ risk, verdict }) => (
                  <li key={risk}>
                    {risk}: {verdict.allowed ? "" : verdict.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </fieldset>
          <Field
            label="Other channels (optional)"
            id="release-extra"
            hint="Full channel names separated by commas, e.g. 2.0/beta, latest/edge/fix-1."
            error={errors.channels}
          >
            <input
              id="release-extra"
              value={extra}
              onChange={(e) => setExtra(e.target.value)}
              className={`${inputClass} font-mono`}
              aria-invalid={errors.channels ? true : undefined}
              aria-describedby={errors.channels ? "release-extra-error" : undefined}
            />
          </Field>
          <Button type="submit" disabled={busy || !!revisionRefusal}>
            {busy ? "Releasing…" : "Release"}
          </Button>
        </form>
      )}
    </Card>
  );
}
