"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, inputClass } from "@/components/ui";
import {
  CLASSIC_ACKNOWLEDGEMENTS,
  CLASSIC_CATEGORIES,
  CLASSIC_CATEGORY_SLUGS,
  INTERFACE_REQUEST_TYPES,
  MIN_REASONING_LENGTH,
  createRequestSchema,
  type CreateRequestInput,
} from "@/lib/schemas/requests";
import { comment, fileRequest } from "@/lib/actions/requests";

type Errors = Record<string, string[]>;

function errorsOf(issues: { path: PropertyKey[]; message: string }[]): Errors {
  const out: Errors = {};
  for (const i of issues) (out[String(i.path[0] ?? "_")] ??= []).push(i.message);
  return out;
}

function unprefix(fe: Record<string, string[]> | undefined): Errors {
  const out: Errors = {};
  for (const [k, v] of Object.entries(fe ?? {})) out[k.replace(/^request\./, "").split(".")[0]] = v;
  return out;
}

const describedBy = (id: string, err?: string[]) => (err?.length ? `${id}-error` : undefined);

function useSubmit(name: string) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(input: CreateRequestInput, reset: () => void) {
    setMessage(null);
    const parsed = createRequestSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(errorsOf(parsed.error.issues));
      setMessage({ kind: "error", text: "Please correct the highlighted fields." });
      return;
    }
    setPending(true);
    const r = await fileRequest({ name, request: input });
    setPending(false);
    if (!r.ok) {
      setErrors(unprefix(r.fieldErrors));
      setMessage({ kind: "error", text: r.message });
      return;
    }
    setErrors({});
    setMessage({ kind: "success", text: `Your ${r.data.type} request was filed and is pending: reviewers vote on it for a week.` });
    reset();
    router.refresh();
  }
  return { errors, setErrors, message, pending, submit };
}

export function ClassicRequestForm({ name, granted }: { name: string; granted: boolean }) {
  const { errors, setErrors, message, pending, submit } = useSubmit(name);
  const [category, setCategory] = useState("");
  const [reasoning, setReasoning] = useState("");
  const [acks, setAcks] = useState<string[]>([]);
  if (granted) return <p className="text-sm text-gray-700">Classic confinement is granted for this snap.</p>;
  return (
    <form
      noValidate
      aria-label="Request classic confinement"
      onSubmit={(e) => {
        e.preventDefault();
        const missing = CLASSIC_ACKNOWLEDGEMENTS.filter((a) => !acks.includes(a.id));
        if (missing.length) {
          const parsed = createRequestSchema.safeParse({ type: "classic", category: category || undefined, reasoning });
          setErrors({ ...(parsed.success ? {} : errorsOf(parsed.error.issues)), acknowledgements: ["Confirm every statement."] });
          return;
        }
        void submit({ type: "classic", category: (category || undefined) as CreateRequestInput["category"], reasoning, acknowledgements: acks }, () => {
          setReasoning("");
          setAcks([]);
        });
      }}
    >
      <div aria-live="polite">{message ? <Alert kind={message.kind}>{message.text}</Alert> : null}</div>
      <Field label="Supported category" id="classic-category" error={errors.category} hint="Classic is only granted to these kinds of snaps.">
        <select
          id="classic-category"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          className={inputClass}
          aria-invalid={errors.category?.length ? true : undefined}
          aria-describedby={describedBy("classic-category", errors.category)}
        >
          <option value="">Choose a category…</option>
          {CLASSIC_CATEGORY_SLUGS.map((slug) => (
            <option key={slug} value={slug}>
              {CLASSIC_CATEGORIES[slug]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Why does this snap need classic confinement?"
        id="classic-reasoning"
        error={errors.reasoning}
        hint={`At least ${MIN_REASONING_LENGTH} characters: what the snap does and what strict confinement prevents.`}
      >
        <textarea
          id="classic-reasoning"
          rows={5}
          value={reasoning}
          onChange={(e) => setReasoning(e.target.value)}
          className={inputClass}
          aria-invalid={errors.reasoning?.length ? true : undefined}
          aria-describedby={describedBy("classic-reasoning", errors.reasoning)}
        />
      </Field>
      <fieldset className="mb-4" aria-describedby={errors.acknowledgements?.length ? "classic-acks-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-gray-800">Confirm</legend>
        {CLASSIC_ACKNOWLEDGEMENTS.map((a) => (
          <label key={a.id} className="mb-1 flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 h-4 w-4"
              checked={acks.includes(a.id)}
              onChange={(e) => setAcks((cur) => (e.target.checked ? [...cur, a.id] : cur.filter((x) => x !== a.id)))}
            />
            {a.label}
          </label>
        ))}
        {errors.acknowledgements?.length ? (
          <p id="classic-acks-error" role="alert" className="mt-1 text-sm text-red-700">
            {errors.acknowledgements.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Filing…" : "Request classic confinement"}
      </Button>
    </form>
  );
}

export function InterfaceRequestForm({
  name,
  plugs,
  initial,
}: {
  name: string;
  plugs: { name: string; interface: string }[];
  initial: { type?: string; interface?: string; plug?: string };
}) {
  const { errors, message, pending, submit } = useSubmit(name);
  const initialPlug =
    plugs.find((p) => p.name === initial.plug && (!initial.interface || p.interface === initial.interface)) ??
    plugs.find((p) => p.interface === initial.interface);
  const [plugKey, setPlugKey] = useState(initialPlug ? `${initialPlug.name}:${initialPlug.interface}` : "");
  const [type, setType] = useState<keyof typeof INTERFACE_REQUEST_TYPES>(
    initial.type && initial.type in INTERFACE_REQUEST_TYPES ? (initial.type as keyof typeof INTERFACE_REQUEST_TYPES) : "auto-connection",
  );
  const [reasoning, setReasoning] = useState("");
  if (plugs.length === 0)
    return <p className="text-sm text-gray-700">Upload a revision that plugs an interface first; requests are for the snap&apos;s own plugs.</p>;
  return (
    <form
      noValidate
      aria-label="Request an interface"
      onSubmit={(e) => {
        e.preventDefault();
        const p = plugs.find((x) => `${x.name}:${x.interface}` === plugKey);
        void submit({ type, interface: p?.interface, plug: p?.name, reasoning }, () => setReasoning(""));
      }}
    >
      <div aria-live="polite">{message ? <Alert kind={message.kind}>{message.text}</Alert> : null}</div>
      <Field label="Plug" id="iface-plug" error={errors.interface ?? errors.plug}>
        <select
          id="iface-plug"
          value={plugKey}
          onChange={(e) => setPlugKey(e.target.value)}
          className={inputClass}
          aria-describedby={describedBy("iface-plug", errors.interface ?? errors.plug)}
        >
          <option value="">Choose a plug…</option>
          {plugs.map((p) => (
            <option key={`${p.name}:${p.interface}`} value={`${p.name}:${p.interface}`}>
              {p.name === p.interface ? p.name : `${p.name} (${p.interface})`}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium text-gray-800">What do you need?</legend>
        {(Object.keys(INTERFACE_REQUEST_TYPES) as (keyof typeof INTERFACE_REQUEST_TYPES)[]).map((t) => (
          <label key={t} className="mb-1 flex items-start gap-2 text-sm">
            <input type="radio" name="iface-type" value={t} checked={type === t} onChange={() => setType(t)} className="mt-0.5 h-4 w-4" />
            {INTERFACE_REQUEST_TYPES[t]}
          </label>
        ))}
      </fieldset>
      <Field
        label="Reasoning"
        id="iface-reasoning"
        error={errors.reasoning}
        hint={`At least ${MIN_REASONING_LENGTH} characters: which feature uses the interface and why users expect it to work out of the box.`}
      >
        <textarea
          id="iface-reasoning"
          rows={5}
          value={reasoning}
          onChange={(e) => setReasoning(e.target.value)}
          className={inputClass}
          aria-invalid={errors.reasoning?.length ? true : undefined}
          aria-describedby={describedBy("iface-reasoning", errors.reasoning)}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Filing…" : "File request"}
      </Button>
    </form>
  );
}

export function CommentForm({ name, requestId }: { name: string; requestId: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = `comment-${requestId}`;
  return (
    <form
      noValidate
      aria-label="Reply on this request"
      className="mt-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const r = await comment({ name, requestId, comment: { body } });
        setPending(false);
        if (!r.ok) return setError(r.fieldErrors ? Object.values(r.fieldErrors).flat().join(" ") : r.message);
        setError(null);
        setBody("");
        router.refresh();
      }}
    >
      <Field label="Reply to reviewers" id={id} error={error ?? undefined}>
        <textarea
          id={id}
          rows={3}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          className={inputClass}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Sending…" : "Post reply"}
      </Button>
    </form>
  );
}
