"use server";
// The devices pages: create a device, run an operation from the forms, run a terminal line.
import { revalidatePath } from "next/cache";
import { complete, parseCommand, errorText } from "@/lib/devices/terminal";
import { createDeviceSchema, deviceIdSchema, deviceOperationSchema, terminalSchema } from "@/lib/schemas/devices";
import {
  autoRefresh,
  connectPlug,
  createDevice,
  deviceState,
  disconnectPlug,
  installSnap,
  refreshSnap,
  removeSnap,
  revertSnap,
  runSnapCommand,
  switchSnap,
} from "@/lib/server/devices";
import { authedAction } from "./authed";

export const createDeviceAction = authedAction({ schema: createDeviceSchema }, async (input, user, db) => {
  const d = await createDevice(db, user, input);
  revalidatePath("/devices");
  return { id: d.id };
});

/** One operation from the device page's forms; refusals come back with snapd's message. */
export const deviceOperationAction = authedAction({ schema: deviceOperationSchema }, async (input, user, db) => {
  const id = input.deviceId;
  const r = await (() => {
    switch (input.op) {
      case "install":
        return installSnap(db, user, id, input);
      case "refresh":
        return refreshSnap(db, user, id, input.name, input);
      case "revert":
        return revertSnap(db, user, id, input.name);
      case "switch":
        return switchSnap(db, user, id, input.name, input.channel);
      case "remove":
        return removeSnap(db, user, id, input.name);
      case "connect":
        return connectPlug(db, user, id, input.plug, input.slot);
      case "disconnect":
        return disconnectPlug(db, user, id, input.plug, input.slot);
    }
  })();
  revalidatePath(`/devices/${id}`);
  return { output: r.output, notes: r.notes };
});

/** The terminal: what `snap …` prints for this line, plus the completion context. */
export const terminalAction = authedAction({ schema: terminalSchema }, async ({ deviceId, line }, user, db) => {
  const parsed = parseCommand(line);
  const out = parsed.ok ? await runSnapCommand(db, user, deviceId, parsed.command) : { stdout: "", stderr: errorText(parsed.error) };
  if (parsed.ok && !["list", "connections", "info", "changes", "help"].includes(parsed.command.cmd)) revalidatePath(`/devices/${deviceId}`);
  return out;
});

/** Tab completion on the device's snaps and plugs. */
export const completeAction = authedAction({ schema: terminalSchema }, async ({ deviceId, line }, user, db) => {
  const { state } = await deviceState(db, user, deviceId);
  return complete(line, {
    installed: state.snaps.map((s) => s.current.name),
    plugs: state.snaps.flatMap((s) => s.current.plugs.map((p) => `${s.current.name}:${p.name}`)),
  });
});

/** The "run the refresh schedule now" button. */
export const autoRefreshAction = authedAction({ schema: deviceIdSchema }, async ({ deviceId }, user, db) => {
  const r = await autoRefresh(db, user, deviceId);
  revalidatePath(`/devices/${deviceId}`);
  return r;
});
