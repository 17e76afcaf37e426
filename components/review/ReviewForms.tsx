"use client";
// The item page's forms: a vote (+1 / 0 / -1 with a comment), a decision (approve / reject /
// needs-info, comment, an admin's override reason), extending the voting period.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, inputClass } from "@/components/ui";
import { castVote, decideItem, extendItem } from "@/lib/actions/review";

type Message = { kind: "success" | "error"; text: string } | null;

export function VoteForm({ requestId, current }: { requestId: string; current: number | null }) {
  const router = useRouter();
  const [value, setValue] = useState<string>(current === null ? "1" : String(current));
  const [comment, setComment] = useState("");
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      aria-label="Vote"
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const r = await castVote({ requestId, vote: { vote: Number(value), comment: comment || undefined } });
        setPending(false);
        if (!r.ok) return setMessage({ kind: "error", text: r.message });
        setMessage({ kind: "success", text: `Vote recorded (${r.data.for} for, ${r.data.against} against).` });
        setComment("");
        router.refresh();
      }}
    >
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">Your vote</legend>
        {[
          ["1", "+1"],
          ["0", "0"],
          ["-1", "-1"],
        ].map(([v, label]) => (
          <label key={v} className="flex items-center gap-1">
            <input type="radio" name="vote" value={v} checked={value === v} onChange={() => setValue(v)} /> {label}
          </label>
        ))}
      </fieldset>
      <Field label="Comment (optional)" id="vote-comment">
        <textarea id="vote-comment" className={inputClass} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {current === null ? "Vote" : "Change vote"}
      </Button>
    </form>
  );
}

export function DecisionForm({ requestId, admin, passes }: { requestId: string; admin: boolean; passes: boolean }) {
  const router = useRouter();
  const [decision, setDecision] = useState<"approve" | "reject" | "needs-info">(passes ? "approve" : "needs-info");
  const [comment, setComment] = useState("");
  const [override, setOverride] = useState("");
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      aria-label="Decision"
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const r = await decideItem({
          requestId,
          decision: { decision, comment: comment || undefined, override: decision === "approve" && !passes && override ? override : undefined },
        });
        setPending(false);
        if (!r.ok) return setMessage({ kind: "error", text: r.fieldErrors ? Object.values(r.fieldErrors).flat().join(" ") : r.message });
        setMessage({ kind: "success", text: `Decided: ${r.data.status}.` });
        router.refresh();
      }}
    >
      <Field label="Decision" id="decision">
        <select id="decision" className={inputClass} value={decision} onChange={(e) => setDecision(e.target.value as typeof decision)}>
          <option value="approve">Approve</option>
          <option value="reject">Reject</option>
          <option value="needs-info">Ask for information</option>
        </select>
      </Field>
      <Field label={decision === "approve" ? "Comment (optional)" : "Comment (required)"} id="decision-comment">
        <textarea id="decision-comment" className={inputClass} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      {decision === "approve" && !passes ? (
        admin ? (
          <Field label="Override reason (admins: the vote does not pass yet)" id="override">
            <textarea id="override" className={inputClass} rows={2} value={override} onChange={(e) => setOverride(e.target.value)} />
          </Field>
        ) : (
          <p className="text-sm text-amber-800">The vote does not pass yet: approval needs a simple majority and at least 2 votes in favour.</p>
        )
      ) : null}
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
      <Button type="submit" disabled={pending}>
        Decide
      </Button>
    </form>
  );
}

export function ExtendVotingButton({ requestId }: { requestId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span>
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          const r = await extendItem({ requestId });
          setMessage(r.ok ? `Voting extended to ${new Date(r.data.closesAt).toUTCString()}.` : r.message);
          router.refresh();
        }}
      >
        Extend voting by 3 days
      </Button>
      {message ? <span className="ml-2 text-sm">{message}</span> : null}
    </span>
  );
}
