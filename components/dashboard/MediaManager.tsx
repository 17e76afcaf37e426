"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert, Button } from "@/components/ui";
import type { MediaView } from "@/lib/server/listing";
import { deleteMedia, iconFromRevision, uploadMedia } from "@/lib/actions/listing";
import { formatBytes } from "@/lib/vocabulary";
import { ICON_MAX_BYTES, ICON_TYPES, MAX_SCREENSHOTS, SCREENSHOT_MAX_BYTES, SCREENSHOT_TYPES } from "@/lib/schemas/listing";

const fileClass =
  "block text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-gray-50";

/** Icon and screenshots of the listing, stored in the blob store and served from /media/{id}. */
export function MediaManager({
  name,
  icon,
  screenshots,
  snapIcon,
}: {
  name: string;
  icon: MediaView | null;
  screenshots: MediaView[];
  snapIcon: { revision: number; path: string } | null;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string; field?: "icon" | "screenshot" } | null>(null);
  const [busy, setBusy] = useState(false);
  const iconInput = useRef<HTMLInputElement>(null);
  const shotInput = useRef<HTMLInputElement>(null);

  async function upload(kind: "icon" | "screenshot", input: HTMLInputElement | null) {
    const file = input?.files?.[0];
    if (!file) return;
    const max = kind === "icon" ? ICON_MAX_BYTES : SCREENSHOT_MAX_BYTES;
    const types: readonly string[] = kind === "icon" ? ICON_TYPES : SCREENSHOT_TYPES;
    if (file.size > max) {
      setMessage({ kind: "error", field: kind, text: `${file.name} is ${formatBytes(file.size)}; the ${kind} can be at most ${formatBytes(max)}.` });
      if (input) input.value = "";
      return;
    }
    if (file.type && !types.includes(file.type)) {
      setMessage({ kind: "error", field: kind, text: kind === "icon" ? "The icon must be a PNG or SVG image." : "Screenshots must be PNG or JPEG images." });
      if (input) input.value = "";
      return;
    }
    const form = new FormData();
    form.set("name", name);
    form.set("kind", kind);
    form.set("file", file);
    setBusy(true);
    setMessage(null);
    const r = await uploadMedia(form);
    setBusy(false);
    if (input) input.value = "";
    if (!r.ok) return setMessage({ kind: "error", field: kind, text: r.message });
    setMessage({ kind: "success", text: kind === "icon" ? "Icon saved." : "Screenshot added." });
    router.refresh();
  }

  async function act(fn: () => Promise<{ ok: boolean; message?: string }>, success: string) {
    setBusy(true);
    setMessage(null);
    const r = await fn();
    setBusy(false);
    if (!r.ok) return setMessage({ kind: "error", text: r.message ?? "Failed." });
    setMessage({ kind: "success", text: success });
    router.refresh();
  }

  return (
    <div>
      <div aria-live="polite">{message && !message.field ? <Alert kind={message.kind}>{message.text}</Alert> : null}</div>
      <section aria-labelledby="media-icon" className="mb-6">
        <h3 id="media-icon" className="mb-2 font-semibold">
          Icon
        </h3>
        <div className="flex flex-wrap items-start gap-4">
          {icon ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={icon.url} alt={`${name} icon`} width={64} height={64} className="h-16 w-16 rounded border border-gray-200 object-contain" />
          ) : (
            <div className="flex h-16 w-16 items-center justify-center rounded border border-dashed border-gray-300 text-xs text-gray-500">no icon</div>
          )}
          <div className="space-y-2">
            <FileInput
              id="icon-file"
              label="Upload an icon (PNG or SVG, at most 256 KiB)"
              accept="image/png,image/svg+xml"
              inputRef={iconInput}
              disabled={busy}
              onChange={() => upload("icon", iconInput.current)}
              error={message?.field === "icon" ? message.text : null}
            />
            <div className="flex flex-wrap gap-2">
              {snapIcon ? (
                <Button
                  type="button"
                  variant="secondary"
                  disabled={busy}
                  onClick={() =>
                    act(() => iconFromRevision({ name, revision: snapIcon.revision }), `Using ${snapIcon.path} from revision ${snapIcon.revision} as the icon.`)
                  }
                >
                  Use the icon from revision {snapIcon.revision}
                </Button>
              ) : null}
              {icon ? (
                <Button type="button" variant="secondary" disabled={busy} onClick={() => act(() => deleteMedia({ name, id: icon.id }), "Icon removed.")}>
                  Remove icon
                </Button>
              ) : null}
            </div>
          </div>
        </div>
      </section>

      <section aria-labelledby="media-screenshots">
        <h3 id="media-screenshots" className="mb-2 font-semibold">
          Screenshots ({screenshots.length}/{MAX_SCREENSHOTS})
        </h3>
        {screenshots.length ? (
          <ul className="mb-3 flex flex-wrap gap-3">
            {screenshots.map((s, i) => (
              <li key={s.id} className="rounded border border-gray-200 p-2">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={s.url} alt={`Screenshot ${i + 1} of ${name}`} className="h-28 w-auto max-w-[14rem] object-contain" />
                <Button
                  type="button"
                  variant="secondary"
                  className="mt-2 px-2 py-1 text-xs"
                  disabled={busy}
                  onClick={() => act(() => deleteMedia({ name, id: s.id }), "Screenshot removed.")}
                >
                  Remove screenshot {i + 1}
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-3 text-sm text-gray-600">No screenshots yet.</p>
        )}
        {screenshots.length < MAX_SCREENSHOTS ? (
          <FileInput
            id="screenshot-file"
            label="Add a screenshot (PNG or JPEG, at most 2 MiB)"
            accept="image/png,image/jpeg"
            inputRef={shotInput}
            disabled={busy}
            onChange={() => upload("screenshot", shotInput.current)}
            error={message?.field === "screenshot" ? message.text : null}
          />
        ) : null}
      </section>
    </div>
  );
}

/** A labelled file picker with its error tied to it (aria-describedby). */
// Destructured: React's compiler rules treat the whole `props` object as a ref once one of its
// fields is a ref, and would flag every `props.x` read during render.
function FileInput({
  id,
  label,
  accept,
  inputRef,
  disabled,
  onChange,
  error,
}: {
  id: string;
  label: string;
  accept: string;
  inputRef: React.RefObject<HTMLInputElement | null>;
  disabled: boolean;
  onChange: () => void;
  error: string | null;
}) {
  const errorId = `${id}-error`;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        className={fileClass}
        onChange={onChange}
        aria-describedby={error ? errorId : undefined}
      />
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
