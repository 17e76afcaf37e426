// The production server's graceful shutdown (server/serve.ts; the rules, and why drain at all:
// lib/api/shutdown.ts). On SIGTERM or SIGINT the listener closes (new connections are refused, so
// a load balancer moves on), idle keep-alive connections close, and every response still to come
// says `Connection: close`, so no client sends another request on a connection about to go. The
// requests in flight finish, then the work Next runs after responses, and the process exits 0.
import type http from "node:http";
import { drainEndLine, drainStartLine, signalEndsDrain, type DrainEnd } from "@/lib/api/shutdown";

/** A response whose headers are not sent yet ends its connection (Node closes it after the response). */
function closeAfter(res: http.ServerResponse): void {
  if (!res.headersSent) res.setHeader("Connection", "close");
}

/**
 * Drains `server` on SIGTERM/SIGINT; `afterResponses` resolves when the work started after the
 * responses is done (Next's `app.close()` awaits its `after()` callbacks, e.g. an upload's
 * processing). The drain is bounded: after `graceMs`, or at a second signal, the remaining
 * connections are cut and the process exits 1, not 0: work was lost (a download or upload cut,
 * an upload's processing left to the recovery sweep), and a supervisor should record the stop as
 * unclean, so an operator sees that the grace is too short for the traffic.
 */
export function drainOnSignals(server: http.Server, graceMs: number, afterResponses: () => Promise<unknown>): void {
  const inFlight = new Set<http.ServerResponse>();
  let drainingSince: number | null = null;
  let background = false;

  // Before the request handler, which may send headers as soon as it runs.
  server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight.add(res);
    // A request on a connection accepted before the drain (keep-alive, pipelined) is still served.
    if (drainingSince !== null) closeAfter(res);
    res.once("close", () => {
      inFlight.delete(res);
      // A response whose headers went out before the drain left its connection keep-alive: it is
      // idle now (on the next tick, once Node has marked it so), close it instead of waiting for
      // the client or the keep-alive timeout.
      if (drainingSince !== null) setImmediate(() => server.closeIdleConnections());
    });
  });

  const exit = (end: DrainEnd, code: number) => {
    console.log(drainEndLine(end));
    if (code !== 0) server.closeAllConnections();
    process.exit(code);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (drainingSince !== null) {
      if (signalEndsDrain(Date.now() - drainingSince)) exit({ kind: "signal", signal, cut: inFlight.size, background }, 1);
      return;
    }
    drainingSince = Date.now();
    console.log(drainStartLine(signal, inFlight.size, graceMs));
    for (const res of inFlight) closeAfter(res);
    // Called once every connection has closed, i.e. every request in flight has finished.
    server.close(() => {
      background = true;
      afterResponses()
        .catch((err) => console.error("shutdown: Next's close failed", err))
        .finally(() => exit({ kind: "drained" }, 0));
    });
    server.closeIdleConnections();
    setTimeout(() => exit({ kind: "grace", graceMs, cut: inFlight.size, background }, 1), graceMs);
  };
  // process.on, not once: a later signal must not fall back to Node's default (die by the signal).
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, onSignal);
}
