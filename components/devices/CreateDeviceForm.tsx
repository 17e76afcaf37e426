"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, inputClass } from "@/components/ui";
import { createDeviceAction } from "@/lib/actions/devices";
import { ARCHITECTURES } from "@/lib/snap/validate";

export function CreateDeviceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [architecture, setArchitecture] = useState<string>("amd64");
  const [system, setSystem] = useState<"classic" | "core">("classic");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const r = await createDeviceAction({ name, architecture, classic: system === "classic" });
    setPending(false);
    if (!r.ok) return setError(r.fieldErrors ? Object.values(r.fieldErrors).flat().join(" ") : r.message);
    setError(null);
    router.push(`/devices/${r.data.id}`);
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-4 sm:items-end" aria-label="New device">
      <Field label="Device name" id="device-name">
        <input id="device-name" className={inputClass} value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label="Architecture" id="device-arch">
        <select id="device-arch" className={inputClass} value={architecture} onChange={(e) => setArchitecture(e.target.value)}>
          {ARCHITECTURES.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </Field>
      <Field label="System" id="device-system">
        <select id="device-system" className={inputClass} value={system} onChange={(e) => setSystem(e.target.value as "classic" | "core")}>
          <option value="classic">Classic (Ubuntu desktop/server)</option>
          <option value="core">Ubuntu Core</option>
        </select>
      </Field>
      <Button type="submit" disabled={pending}>
        Create device
      </Button>
      {error && (
        <div className="sm:col-span-4">
          <Alert>{error}</Alert>
        </div>
      )}
    </form>
  );
}
