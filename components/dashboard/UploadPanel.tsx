"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, Button, ConfirmBox } from "@/components/ui";
import { CodeText } from "@/components/ui/CodeText";
import type { RevisionDetails } from "@/lib/server/revisions";
import { revisionDetails, withdraw } from "@/lib/actions/revisions";
import { formatBytes, formatDate } from "@/lib/vocabulary";
import { RevisionResult } from "./RevisionResult";

type Phase =
  | { step: "idle" }
  | { step: "uploading"; file: string; sent: number; total: number }
  | { step: "processing"; file: string; revision: number; statusUrl: string }
  | { step: "done"; file: string; details: RevisionDetails }
  | { step: "refused"; file: string; status: number; code: string; message: string; waitingRevision: number | null };

const POLL_MS = 800;

function refusalTitle(status: number, code: string): string {
  if (code === "revision-awaiting-review") return "Upload refused: a revision is waiting for manual review";
  if (status === 413) return "Upload refused: the file is too large";
  if (status === 403) return "Upload refused: not allowed";
  if (status === 404) return "Upload refused: snap not found";
  if (status === 401) return "Upload refused: your session has ended";
  if (status === 0) return "Upload failed: network error";
  return "Upload refused";
}

type ErrorExtra = { revision?: unknown; reasons?: unknown };

function parseErrors(text: string): { code: string; message: string; extra?: ErrorExtra } {
  try {
    const j = JSON.parse(text) as { "error-list"?: { code: string; message: string; extra?: ErrorExtra }[] };
    const e = j["error-list"]?.[0];
    if (e) return e;
  } catch {
    /* not JSON */
  }
  return { code: "unexpected-response", message: text.slice(0, 300) || "The store gave no answer." };
}

/** The 409 "a revision waits for review" in the page's words (the API's message names the withdraw endpoint). */
function waitingMessage(name: string, revision: number, reasons: unknown): string {
  const why = Array.isArray(reasons) && reasons.length ? ` (${reasons.map(String).join("; ")})` : "";
  return `Revision ${revision} of "${name}" is waiting for manual review${why}. New uploads are refused until a reviewer decides; to upload now, withdraw it first with the button below.`;
}

/** Upload a .snap: drag-and-drop or file input, real byte progress (XHR), processing, then the result. */
/** What the waiting revision waits for: since when, and links to its open requests. */
export interface WaitingFor {
  since: string;
  requests: { href: string; label: string }[];
}

export function UploadPanel({
  name,
  waitingRevision,
  waitingFor,
  maxBytes,
}: {
  name: string;
  waitingRevision: number | null;
  waitingFor?: WaitingFor | null;
  maxBytes: number | null;
}) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [confirmWithdraw, setConfirmWithdraw] = useState<number | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const busy = phase.step === "uploading" || phase.step === "processing";

  const start = useCallback(
    (file: File) => {
      setNotice(null);
      if (maxBytes && file.size > maxBytes) {
        setPhase({
          step: "refused",
          file: file.name,
          status: 413,
          code: "upload-too-large",
          message: `${file.name} is ${formatBytes(file.size)}; the store accepts at most ${formatBytes(maxBytes)}.`,
          waitingRevision: null,
        });
        return;
      }
      setPhase({ step: "uploading", file: file.name, sent: 0, total: file.size });
      const xhr = new XMLHttpRequest();
      xhrRef.current = xhr;
      xhr.open("POST", `/api/v1/snaps/${encodeURIComponent(name)}/uploads`);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.upload.onprogress = (e) => {
        setPhase((p) => (p.step === "uploading" ? { ...p, sent: e.loaded, total: e.lengthComputable ? e.total : file.size } : p));
      };
      xhr.onload = () => {
        if (xhr.status === 202) {
          const j = JSON.parse(xhr.responseText) as { "upload-id": string; "status-url": string; revision: number };
          setPhase({ step: "processing", file: file.name, revision: j.revision, statusUrl: j["status-url"] });
          return;
        }
        const err = parseErrors(xhr.responseText);
        const waiting = err.code === "revision-awaiting-review" && typeof err.extra?.revision === "number" ? err.extra.revision : null;
        const message = waiting !== null ? waitingMessage(name, waiting, err.extra?.reasons) : err.message;
        setPhase({ step: "refused", file: file.name, status: xhr.status, code: err.code, message, waitingRevision: waiting });
      };
      xhr.onerror = () =>
        setPhase({
          step: "refused",
          file: file.name,
          status: 0,
          code: "network-error",
          message: "The connection to the store failed during the upload. Check your network and try again.",
          waitingRevision: null,
        });
      xhr.onabort = () => setPhase({ step: "idle" });
      xhr.send(file);
    },
    [name, maxBytes],
  );

  // Poll the status URL until processing ends, then load the full result.
  useEffect(() => {
    if (phase.step !== "processing") return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const { statusUrl, revision, file } = phase;
    const poll = async () => {
      try {
        const res = await fetch(statusUrl, { headers: { Accept: "application/json" }, cache: "no-store" });
        const body = await res.text();
        if (!res.ok) {
          const err = parseErrors(body);
          if (!stop) setPhase({ step: "refused", file, status: res.status, code: err.code, message: err.message, waitingRevision: null });
          return;
        }
        const j = JSON.parse(body) as { code: string };
        if (j.code !== "being_processed") {
          const d = await revisionDetails({ name, revision });
          if (stop) return;
          if (d.ok) setPhase({ step: "done", file, details: d.data });
          else setPhase({ step: "refused", file, status: 500, code: d.code, message: d.message, waitingRevision: null });
          router.refresh();
          return;
        }
      } catch {
        /* transient: keep polling */
      }
      if (!stop) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, 200);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [phase, name, router]);

  useEffect(() => {
    if (phase.step === "done" || phase.step === "refused") resultRef.current?.focus();
  }, [phase.step]);

  function onFiles(files: FileList | null) {
    const f = files?.[0];
    if (f && !busy) start(f);
    if (inputRef.current) inputRef.current.value = "";
  }

  async function onWithdraw(revision: number) {
    setWithdrawing(true);
    const r = await withdraw({ name, revision });
    setWithdrawing(false);
    setConfirmWithdraw(null);
    if (!r.ok) {
      setNotice(null);
      setPhase({ step: "refused", file: "", status: 409, code: r.code, message: r.message, waitingRevision: null });
      return;
    }
    setPhase({ step: "idle" });
    setNotice(`Revision ${revision} was withdrawn. You can upload a new revision now.`);
    router.refresh();
  }

  // Withdrawing deletes the file: ask first (see WithdrawButton).
  function withdrawControl(revision: number) {
    if (confirmWithdraw === revision) {
      return (
        <ConfirmBox
          id={`confirm-withdraw-${revision}`}
          title={`Withdraw revision ${revision}?`}
          confirmLabel={withdrawing ? "Withdrawing…" : `Withdraw revision ${revision}`}
          busy={withdrawing}
          onConfirm={() => onWithdraw(revision)}
          onCancel={() => setConfirmWithdraw(null)}
        >
          It was never released, so users on every channel keep what they have. Its file is deleted and its review request withdrawn; this cannot be undone.
        </ConfirmBox>
      );
    }
    return (
      <Button type="button" variant="danger" onClick={() => setConfirmWithdraw(revision)}>
        Withdraw revision {revision}
      </Button>
    );
  }

  const steps = [
    { key: "upload", label: "Upload" },
    { key: "processing", label: "Being processed" },
    { key: "result", label: "Result" },
  ];
  const stepIndex = phase.step === "uploading" ? 0 : phase.step === "processing" ? 1 : phase.step === "done" ? 2 : -1;
  const waiting = phase.step === "refused" ? phase.waitingRevision : phase.step === "idle" ? waitingRevision : null;

  return (
    <div>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {phase.step === "idle" && waitingRevision ? (
        <Alert kind="warning">
          <p data-testid="waiting-review">
            Revision {waitingRevision} is waiting for manual review
            {waitingFor ? ` since ${formatDate(waitingFor.since)}` : ""}
            {waitingFor?.requests.length ? (
              <>
                {" for: "}
                {waitingFor.requests.map((r, i) => (
                  <span key={r.href}>
                    {i ? ", " : ""}
                    <a href={r.href} className="font-medium underline">
                      {r.label}
                    </a>
                  </span>
                ))}
              </>
            ) : null}
            : new uploads are refused until it is reviewed or withdrawn.
          </p>
          <div className="mt-2">{withdrawControl(waitingRevision)}</div>
        </Alert>
      ) : null}

      <div
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          onFiles(e.dataTransfer.files);
        }}
        data-testid="drop-zone"
        className={`rounded-lg border-2 border-dashed p-8 text-center transition-colors ${dragging ? "border-brand-600 bg-brand-50" : "border-gray-300 bg-white"} ${busy ? "opacity-60" : ""}`}
      >
        <p className="mb-3 text-gray-700">Drag a .snap file here, or choose one:</p>
        <label htmlFor="snap-file" className="mb-2 block text-sm font-medium text-gray-800">
          Snap file (.snap)
        </label>
        <input
          ref={inputRef}
          id="snap-file"
          type="file"
          accept=".snap,application/octet-stream,application/vnd.snap"
          disabled={busy}
          onChange={(e) => onFiles(e.target.files)}
          aria-describedby="snap-file-hint"
          className="mx-auto block text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-gray-50"
        />
        <p id="snap-file-hint" className="mt-2 text-xs text-gray-600">
          The upload starts as soon as a file is chosen{maxBytes ? `; at most ${formatBytes(maxBytes)}` : ""}. The snap.yaml name must be “{name}”.
        </p>
      </div>

      {stepIndex >= 0 ? (
        <ol className="mt-6 flex flex-wrap gap-2 text-sm" aria-label="Upload progress">
          {steps.map((s, i) => (
            <li
              key={s.key}
              aria-current={i === stepIndex ? "step" : undefined}
              className={`rounded-full px-3 py-1 ${i < stepIndex ? "bg-green-100 text-green-900" : i === stepIndex ? "bg-blue-100 font-semibold text-blue-900" : "bg-gray-100 text-gray-600"}`}
            >
              {i < stepIndex ? "✓ " : ""}
              {s.label}
            </li>
          ))}
        </ol>
      ) : null}

      {phase.step === "uploading" ? (
        <div className="mt-4">
          <p id="upload-progress-label" className="mb-1 text-sm">
            Uploading {phase.file}: {formatBytes(phase.sent)} of {formatBytes(phase.total)}
          </p>
          <div
            role="progressbar"
            aria-labelledby="upload-progress-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={phase.total ? Math.round((phase.sent / phase.total) * 100) : 0}
            aria-valuetext={`${formatBytes(phase.sent)} of ${formatBytes(phase.total)}`}
            className="h-3 w-full overflow-hidden rounded-full bg-gray-200"
          >
            <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${phase.total ? (phase.sent / phase.total) * 100 : 0}%` }} />
          </div>
          <Button type="button" variant="secondary" className="mt-2" onClick={() => xhrRef.current?.abort()}>
            Cancel upload
          </Button>
        </div>
      ) : null}

      {phase.step === "processing" ? (
        <p className="mt-4 text-sm" role="status">
          Uploaded {phase.file} as revision {phase.revision}; the store is processing it (reading the squashfs image, checking snap.yaml, automated review)…
        </p>
      ) : null}

      <div ref={resultRef} tabIndex={-1} className="mt-6" style={{ outline: "none" }}>
        {phase.step === "refused" ? (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="upload-refusal">
            <p className="font-semibold">{refusalTitle(phase.status, phase.code)}</p>
            <p className="mt-1">
              <CodeText text={phase.message} />
            </p>
            {waiting ? <div className="mt-3">{withdrawControl(waiting)}</div> : null}
          </div>
        ) : null}
        {phase.step === "done" ? (
          <div>
            <RevisionResult d={phase.details} />
            <Button type="button" variant="secondary" className="mt-4" onClick={() => setPhase({ step: "idle" })}>
              Upload another revision
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
