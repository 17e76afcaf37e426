"use client";
// A small in-page terminal for one device: `snap …` commands with snapd's output, history (↑/↓)
// and Tab completion. Parsing and completion are lib/devices/terminal.ts; the server runs them.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { completeAction, terminalAction } from "@/lib/actions/devices";

interface Entry {
  line: string;
  stdout: string;
  stderr: string;
}

export function Terminal({ deviceId, deviceName }: { deviceId: string; deviceName: string }) {
  const router = useRouter();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [line, setLine] = useState("");
  const [history, setHistory] = useState<string[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [hint, setHint] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const prompt = `user@${deviceName}:~$`;

  async function run(e: React.FormEvent) {
    e.preventDefault();
    const cmd = line;
    setLine("");
    setHint([]);
    setCursor(null);
    if (!cmd.trim()) return;
    if (cmd.trim() === "clear") return setEntries([]);
    setHistory((h) => [...h, cmd]);
    setPending(true);
    const r = await terminalAction({ deviceId, line: cmd });
    setPending(false);
    setEntries((es) => [...es, r.ok ? { line: cmd, ...r.data } : { line: cmd, stdout: "", stderr: `error: ${r.message}\n` }]);
    router.refresh();
    input.current?.focus();
  }

  async function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      if (history.length === 0) return;
      const next = e.key === "ArrowUp" ? (cursor === null ? history.length - 1 : Math.max(0, cursor - 1)) : cursor === null ? null : cursor + 1;
      if (next === null || next >= history.length) {
        setCursor(null);
        setLine("");
      } else {
        setCursor(next);
        setLine(history[next]);
      }
    } else if (e.key === "Tab") {
      e.preventDefault();
      const r = await completeAction({ deviceId, line });
      if (!r.ok) return;
      if (r.data.length === 1) {
        setLine(r.data[0]);
        setHint([]);
      } else setHint(r.data.map((c) => c.trim().split(" ").pop() ?? c));
    }
  }

  return (
    <section aria-label="Terminal" className="rounded-lg bg-gray-950 p-3 font-mono text-sm text-gray-100" onClick={() => input.current?.focus()}>
      <div data-testid="terminal-output" className="max-h-96 overflow-y-auto whitespace-pre-wrap">
        {entries.map((en, i) => (
          <div key={i}>
            <div>
              <span className="text-green-400">{prompt}</span> {en.line}
            </div>
            {en.stdout && <pre className="whitespace-pre">{en.stdout}</pre>}
            {en.stderr && <pre className="whitespace-pre text-red-300">{en.stderr}</pre>}
          </div>
        ))}
        {hint.length > 0 && <div className="text-gray-400">{hint.join("  ")}</div>}
      </div>
      <form onSubmit={run} className="flex gap-2">
        <label htmlFor="terminal-input" className="text-green-400">
          {prompt}
        </label>
        <input
          id="terminal-input"
          ref={input}
          aria-label="snap command"
          className="flex-1 bg-transparent text-gray-100 outline-none"
          value={line}
          disabled={pending}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="snap list"
        />
      </form>
    </section>
  );
}
