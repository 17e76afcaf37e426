"use client";
// The device page's buttons and install form: each calls deviceOperationAction and shows what
// snap would print, or snapd's refusal.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, inputClass } from "@/components/ui";
import { autoRefreshAction, deviceOperationAction } from "@/lib/actions/devices";
import type { DeviceOperation } from "@/lib/schemas/devices";

function useOperation() {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  async function run(op: DeviceOperation) {
    setPending(true);
    const r = await deviceOperationAction(op);
    setPending(false);
    if (!r.ok) setMessage({ kind: "error", text: r.message });
    else setMessage({ kind: "success", text: [r.data.output || "Done.", ...r.data.notes].join("\n") });
    router.refresh();
  }
  return { message, pending, run };
}

export function InstallForm({ deviceId }: { deviceId: string }) {
  const { message, pending, run } = useOperation();
  const [name, setName] = useState("");
  const [channel, setChannel] = useState("latest/stable");
  const [mode, setMode] = useState<"" | "classic" | "devmode">("");
  return (
    <form
      aria-label="Install a snap"
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ op: "install", deviceId, name, channel, classic: mode === "classic", devmode: mode === "devmode" });
      }}
    >
      <Field label="Snap" id="install-name">
        <input id="install-name" className={inputClass} value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label="Channel" id="install-channel">
        <input id="install-channel" className={inputClass} value={channel} onChange={(e) => setChannel(e.target.value)} />
      </Field>
      <Field label="Confinement flag" id="install-flag">
        <select id="install-flag" className={inputClass} value={mode} onChange={(e) => setMode(e.target.value as "" | "classic" | "devmode")}>
          <option value="">(none)</option>
          <option value="classic">--classic</option>
          <option value="devmode">--devmode</option>
        </select>
      </Field>
      <Button type="submit" disabled={pending}>
        Install
      </Button>
      {message && (
        <div className="sm:col-span-4">
          <Alert kind={message.kind}>
            <span className="whitespace-pre-wrap">{message.text}</span>
          </Alert>
        </div>
      )}
    </form>
  );
}

export function SnapActions({ deviceId, name }: { deviceId: string; name: string }) {
  const { message, pending, run } = useOperation();
  return (
    <div className="flex flex-wrap gap-1">
      <Button variant="secondary" disabled={pending} onClick={() => run({ op: "refresh", deviceId, name })}>
        Refresh
      </Button>
      <Button variant="secondary" disabled={pending} onClick={() => run({ op: "revert", deviceId, name })}>
        Revert
      </Button>
      <Button variant="secondary" disabled={pending} onClick={() => run({ op: "remove", deviceId, name })}>
        Remove
      </Button>
      {message && <span className={message.kind === "error" ? "text-red-700" : "text-green-700"}>{message.text}</span>}
    </div>
  );
}

export function ConnectionButton({ deviceId, plug, connected }: { deviceId: string; plug: string; connected: boolean }) {
  const { message, pending, run } = useOperation();
  return (
    <span className="flex gap-2">
      <Button variant="secondary" disabled={pending} onClick={() => run({ op: connected ? "disconnect" : "connect", deviceId, plug })}>
        {connected ? "Disconnect" : "Connect"}
      </Button>
      {message?.kind === "error" && <span className="text-red-700">{message.text}</span>}
    </span>
  );
}

/** Runs the simulated refresh timer now and says what it did (devmode snaps are skipped). */
export function AutoRefreshButton({ deviceId }: { deviceId: string }) {
  const router = useRouter();
  const [text, setText] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function run() {
    setPending(true);
    const r = await autoRefreshAction({ deviceId });
    setPending(false);
    if (!r.ok) return setText(r.message);
    const lines = [...r.data.refreshed.map((x) => x.output), ...r.data.skipped.map((x) => `${x.name}: ${x.reason}`)];
    setText(lines.length ? lines.join("\n") : "All snaps up to date.");
    router.refresh();
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" disabled={pending} onClick={run}>
        Run the refresh schedule now
      </Button>
      {text && (
        <output aria-label="Auto-refresh result" className="whitespace-pre-wrap text-sm text-gray-700">
          {text}
        </output>
      )}
    </div>
  );
}
